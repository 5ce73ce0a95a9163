import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { linkAbortSignal } from './link-abort-signal.js';
import { ModelError } from './model-error.js';
import { type ErrorContext, toModelError } from './to-model-error.js';
import type { StreamEvent } from './types.js';

interface PendingToolUse {
  id: string;
  name: string;
  json: string;
}

/**
 * Opens a Messages API stream with `open` and maps its events to Flynn's: text deltas as they come, a tool call
 * at the end of each `tool_use` block (its `input_json_delta`s joined), then usage
 * (input from `message_start`, output from the last `message_delta`), then done.
 * A stream that closes before `message_stop` is `MODEL_STREAM_INCOMPLETE`; failures
 * become `ModelError`s; stopping early aborts the request.
 */
export async function* streamAnthropicMessages(
  open: (signal: AbortSignal) => Promise<AsyncIterable<RawMessageStreamEvent>>,
  callerSignal: AbortSignal | undefined,
  context: ErrorContext,
): AsyncGenerator<StreamEvent> {
  const link = linkAbortSignal(callerSignal);
  const tools = new Map<number, PendingToolUse>();
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let stopReason: string | undefined;
  let stopped = false;
  try {
    for await (const event of await open(link.signal)) {
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
    if (link.signal.aborted) throw new DOMException('The request was cancelled.', 'AbortError');
    if (!stopped) {
      throw new ModelError(
        'MODEL_STREAM_INCOMPLETE',
        'The stream from Anthropic ended before the answer was complete.',
        { provider: 'anthropic', tier: context.tier },
      );
    }
  } catch (error) {
    throw toModelError(error, { ...context, signal: link.signal });
  } finally {
    // Closes the connection when the consumer stopped early; harmless after the end.
    link.abort();
    link.dispose();
  }
  if (inputTokens !== undefined || outputTokens !== undefined) {
    yield { type: 'usage', inputTokens, outputTokens };
  }
  yield { type: 'done', stopReason };
}
