import { randomBytes } from 'node:crypto';

/** How a fake provider answers a model request. */
export interface StreamOptions {
  /** The answer text; default `Hello from <provider>`. */
  text?: string;
  /** Characters per text delta; default 8. */
  chunkSize?: number;
  /** Milliseconds between SSE events; default 0. */
  delayMs?: number;
}

/** Splits `text` into deltas of `chunkSize` characters (code points, never half a pair). */
export function chunkText(text: string, chunkSize = 8): string[] {
  const characters = Array.from(text);
  const size = Math.max(1, Math.floor(chunkSize));
  const chunks: string[] = [];
  for (let index = 0; index < characters.length; index += size) {
    chunks.push(characters.slice(index, index + size).join(''));
  }
  return chunks;
}

/** The kit's token count: one token per four characters, rounded up, at least 1. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** A provider-style id such as `chatcmpl-3f9a…`. */
export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/**
 * Text of a chat message `content` in any of the shapes providers accept: a string,
 * or an array of parts carrying `text` (OpenAI `text`/`input_text`, Anthropic `text`).
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .join('');
}

/** The demo tool-call trigger: the word "weather" in the user's latest text. */
export function asksForWeather(text: string): boolean {
  return /\bweather\b/i.test(text);
}

/** Arguments of every fake tool call, as a JSON string. */
export const TOOL_CALL_ARGUMENTS = '{"location":"Paris"}';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
