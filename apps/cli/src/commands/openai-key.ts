import type { StoreCredentialOptions } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';
import { login } from './login.js';

/** Flags of `flynn openai-key`. */
export type OpenAIKeyOptions = StoreCredentialOptions;

/**
 * `flynn openai-key [--stdin] [--replace] [--verify [--base-url URL]] [--json]`: an alias of
 * `flynn login openai --api-key`, storing the OpenAI API key at `openai.api_key`. Resolves
 * to the exit code (0 stored or already stored, 1 failed, 130 cancelled).
 */
export function openaiKey(options: OpenAIKeyOptions, io: CommandIO): Promise<number> {
  return login('openai', { ...options, apiKey: true }, io);
}
