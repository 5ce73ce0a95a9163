import type { StoreCredentialOptions } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';
import { login } from './login.js';

/** Flags of `flynn zai-key`. */
export type ZaiKeyOptions = StoreCredentialOptions;

/**
 * `flynn zai-key [--stdin] [--replace] [--verify [--base-url URL]] [--json]`: an alias of
 * `flynn login zai`, storing the Z.AI API key at `zai.api_key`. Resolves to the exit code.
 */
export function zaiKey(options: ZaiKeyOptions, io: CommandIO): Promise<number> {
  return login('zai', { ...options, apiKey: true }, io);
}
