import type { StoreCredentialOptions } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';
import { login } from './login.js';

/** Flags of `flynn anthropic-auth`; `flynn anthropic-token` is this with `token: true`. */
export interface AnthropicAuthOptions extends StoreCredentialOptions {
  /** Store an auth token (sent as a bearer token) instead of an API key. */
  token?: boolean;
}

/**
 * `flynn anthropic-auth [--token] [--stdin] [--replace] [--verify [--base-url URL]] [--json]`:
 * an alias of `flynn login anthropic --api-key` (or `--token`): stores the Anthropic API key
 * at `anthropic.api_key`, or the auth token at `anthropic.auth_token`. A value that looks
 * like the other kind is stored with a warning naming the right command.
 */
export function anthropicAuth(options: AnthropicAuthOptions, io: CommandIO): Promise<number> {
  return login('anthropic', { ...options, apiKey: !options.token, token: options.token }, io);
}
