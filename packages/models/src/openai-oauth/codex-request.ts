import type { ChatRequest } from '../types.js';

/** Flynn's own default instructions (Flynn never borrows another product's prompt). */
export const DEFAULT_CODEX_INSTRUCTIONS =
  'You are Flynn, a personal AI assistant running on the user’s machine. Answer clearly and concisely.';

/**
 * The Codex backend's `/responses` body: `instructions` carries the system prompt (the
 * backend rejects system-role items), each message becomes an input item, `store` is
 * false and `stream` true. `maxOutputTokens` is not sent: the backend rejects it.
 */
export function codexRequestBody(model: string, request: ChatRequest): Record<string, unknown> {
  return {
    model,
    instructions: request.system?.trim() ? request.system : DEFAULT_CODEX_INSTRUCTIONS,
    input: request.messages.map((message) =>
      message.role === 'assistant'
        ? {
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: message.content }],
          }
        : {
            type: 'message',
            role: 'user',
            content: [{ type: 'input_text', text: message.content }],
          },
    ),
    store: false,
    stream: true,
  };
}

/**
 * Request headers: Flynn's own identity (`originator: flynn`, `User-Agent: flynn/<version>`),
 * the session id, then the tier's headers, then the credential and framing headers, which
 * tier headers cannot override.
 */
export function codexRequestHeaders(options: {
  accessToken: string;
  accountId: string;
  sessionId: string;
  version: string;
  tierHeaders?: Record<string, string>;
}): Headers {
  const headers = new Headers({
    originator: 'flynn',
    'User-Agent': `flynn/${options.version}`,
    session_id: options.sessionId,
  });
  for (const [name, value] of Object.entries(options.tierHeaders ?? {})) headers.set(name, value);
  headers.set('Authorization', `Bearer ${options.accessToken}`);
  headers.set('ChatGPT-Account-ID', options.accountId);
  headers.set('Accept', 'text/event-stream');
  headers.set('Content-Type', 'application/json');
  return headers;
}
