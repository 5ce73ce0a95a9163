import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatRequest } from './types.js';

/** The output limit when the request names none; Anthropic requires one. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

/** The Messages API body for one streamed answer: system prompt apart, tools with `input_schema`. */
export function toAnthropicRequest(
  model: string,
  request: ChatRequest,
): MessageCreateParamsStreaming {
  const body: MessageCreateParamsStreaming = {
    model,
    stream: true,
    max_tokens: request.maxOutputTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
    messages: request.messages.map((message) => ({
      role: message.role,
      content: message.content,
    })),
  };
  if (request.system) body.system = request.system;
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      input_schema: { type: 'object', ...tool.parameters },
    }));
  }
  return body;
}
