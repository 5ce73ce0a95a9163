import type { ProviderId } from '@flynn/config';

/** One turn of a conversation. The system prompt travels separately (`ChatRequest.system`). */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** A tool the model may call: a name and a JSON Schema for its arguments. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  system?: string;
  tools?: ToolDefinition[];
  maxOutputTokens?: number;
  /** Cancels the request and ends the stream with a `MODEL_ABORTED` error. */
  signal?: AbortSignal;
}

/** What a stream yields, in order: text and tool calls as they arrive, then usage, then done. */
export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; id: string; name: string; arguments: string }
  | { type: 'usage'; inputTokens?: number; outputTokens?: number }
  | { type: 'done'; stopReason?: string };

/** The one interface every provider client implements. */
export interface ModelClient {
  readonly provider: ProviderId;
  readonly model: string;
  /** False on the OpenAI OAuth (ChatGPT Codex backend) path. */
  readonly supportsTools: boolean;
  /** The endpoint it calls (without credentials in the URL), for messages such as timeouts. */
  readonly baseURL?: string;
  /** Streams one answer. Throws `ModelError`s (never containing a secret). */
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
  /** One cheap authenticated call (e.g. `GET /models`); resolves when the credential works. */
  probe(signal?: AbortSignal): Promise<void>;
}
