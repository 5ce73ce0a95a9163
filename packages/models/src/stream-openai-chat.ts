import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { linkAbortSignal } from './link-abort-signal.js';
import { ModelError } from './model-error.js';
import { PROVIDER_LABELS } from './provider-info.js';
import { type ErrorContext, toModelError } from './to-model-error.js';
import type { StreamEvent } from './types.js';

interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * Opens a chat-completions stream with `open` and maps its chunks to Flynn's events:
 * text deltas as they come, each tool call once its deltas are complete (at the
 * finish reason), then usage (from the `include_usage` chunk), then done. One
 * generator does the request, the mapping and the error handling, so each event
 * costs a single async hop over the SDK's own iteration (see bench/stream.bench.mjs).
 * The SDK ends its iteration quietly when aborted, so the signal is checked after
 * the loop; a stream that closes without a finish reason is `MODEL_STREAM_INCOMPLETE`.
 * Stopping early (break/return) aborts the request, closing the connection.
 */
export async function* streamOpenAIChat(
  open: (signal: AbortSignal) => Promise<AsyncIterable<ChatCompletionChunk>>,
  callerSignal: AbortSignal | undefined,
  context: ErrorContext,
): AsyncGenerator<StreamEvent> {
  const link = linkAbortSignal(callerSignal);
  const calls: PendingToolCall[] = [];
  let finishReason: string | undefined;
  let usage: ChatCompletionChunk['usage'];
  try {
    const chunks = await open(link.signal);
    for await (const chunk of chunks) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const delta = choice.delta;
      if (delta?.content) yield { type: 'text', text: delta.content };
      if (delta?.tool_calls) {
        delta.tool_calls.forEach((call, position) => {
          const index = call.index ?? position;
          calls[index] ??= { id: '', name: '', arguments: '' };
          const slot = calls[index];
          if (call.id) slot.id = call.id;
          if (call.function?.name) slot.name ||= call.function.name;
          if (call.function?.arguments) slot.arguments += call.function.arguments;
        });
      }
      if (choice.finish_reason && finishReason === undefined) {
        finishReason = choice.finish_reason;
        for (const call of calls) {
          if (call) yield { type: 'tool_call', ...call, arguments: call.arguments || '{}' };
        }
      }
    }
    if (link.signal.aborted) throw new DOMException('The request was cancelled.', 'AbortError');
    if (finishReason === undefined) {
      throw new ModelError(
        'MODEL_STREAM_INCOMPLETE',
        `The stream from ${PROVIDER_LABELS[context.provider]} ended before the answer was complete.`,
        { provider: context.provider, tier: context.tier },
      );
    }
  } catch (error) {
    throw toModelError(error, { ...context, signal: link.signal });
  } finally {
    link.abort();
    link.dispose();
  }
  if (usage) {
    yield {
      type: 'usage',
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
    };
  }
  yield { type: 'done', stopReason: finishReason };
}
