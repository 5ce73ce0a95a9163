import type { ProviderId } from '@flynn/config';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChatRequest } from './types.js';

/**
 * The chat-completions body for one streamed answer: the system prompt as the first
 * message, tools as functions, usage requested in the last chunk. The output limit is
 * `max_completion_tokens` for OpenAI (newer models reject `max_tokens`) and
 * `max_tokens` for compatible servers, which mostly know only that one.
 */
export function toOpenAIChatRequest(
  model: string,
  provider: ProviderId,
  request: ChatRequest,
): ChatCompletionCreateParamsStreaming {
  const body: ChatCompletionCreateParamsStreaming = {
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      ...(request.system ? [{ role: 'system' as const, content: request.system }] : []),
      ...request.messages.map((message) => ({ role: message.role, content: message.content })),
    ],
  };
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function' as const,
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.parameters,
      },
    }));
  }
  if (request.maxOutputTokens !== undefined) {
    if (provider === 'openai') body.max_completion_tokens = request.maxOutputTokens;
    else body.max_tokens = request.maxOutputTokens;
  }
  return body;
}
