import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { ModelError } from './model-error.js';
import type { StreamEvent } from './types.js';

interface PendingToolUse {
  id: string;
  name: string;
  json: string;
}

/**
 * Maps Messages API stream events to Flynn's: text deltas as they come, a tool call
 * at the end of each `tool_use` block (its `input_json_delta`s joined), then usage
 * (input from `message_start`, output from the last `message_delta`), then done.
 * A stream that closes before `message_stop` is `MODEL_STREAM_INCOMPLETE`; an
 * aborted one ends with an AbortError for the caller to map.
 */
export async function* streamAnthropicMessages(
  events: AsyncIterable<RawMessageStreamEvent>,
  signal: AbortSignal,
): AsyncGenerator<StreamEvent> {
  const tools = new Map<number, PendingToolUse>();
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let stopReason: string | undefined;
  let stopped = false;
  for await (const event of events) {
    switch (event.type) {
      case 'content_block_delta':
        if (event.delta.type === 'text_delta') yield { type: 'text', text: event.delta.text };
        else if (event.delta.type === 'input_json_delta') {
          const tool = tools.get(event.index);
          if (tool) tool.json += event.delta.partial_json;
        }
        break;
      case 'message_start':
        inputTokens = event.message.usage?.input_tokens ?? inputTokens;
        outputTokens = event.message.usage?.output_tokens ?? outputTokens;
        break;
      case 'content_block_start':
        if (event.content_block.type === 'tool_use') {
          const { id, name } = event.content_block;
          tools.set(event.index, { id, name, json: '' });
        }
        break;
      case 'content_block_stop': {
        const tool = tools.get(event.index);
        if (tool) {
          tools.delete(event.index);
          yield { type: 'tool_call', id: tool.id, name: tool.name, arguments: tool.json || '{}' };
        }
        break;
      }
      case 'message_delta':
        stopReason = event.delta.stop_reason ?? stopReason;
        if (typeof event.usage?.output_tokens === 'number')
          outputTokens = event.usage.output_tokens;
        if (typeof event.usage?.input_tokens === 'number') inputTokens = event.usage.input_tokens;
        break;
      case 'message_stop':
        stopped = true;
        break;
    }
  }
  if (signal.aborted) throw new DOMException('The request was cancelled.', 'AbortError');
  if (!stopped) {
    throw new ModelError(
      'MODEL_STREAM_INCOMPLETE',
      'The stream from Anthropic ended before the answer was complete.',
      { provider: 'anthropic' },
    );
  }
  if (inputTokens !== undefined || outputTokens !== undefined) {
    yield { type: 'usage', inputTokens, outputTokens };
  }
  yield { type: 'done', stopReason };
}
