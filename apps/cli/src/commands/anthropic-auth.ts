import { ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN } from '../credentials/credential-specs.js';
import { exitOnInterrupt } from '../credentials/interrupt.js';
import { readSecret } from '../credentials/read-secret.js';
import { type StoreCredentialOptions, storeCredential } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';

/** Flags of `flynn anthropic-auth`; `flynn anthropic-token` is this with `token: true`. */
export interface AnthropicAuthOptions extends StoreCredentialOptions {
  /** Store an auth token (sent as a bearer token) instead of an API key. */
  token?: boolean;
}

/**
 * `flynn anthropic-auth [--token] [--stdin] [--replace] [--verify [--base-url URL]] [--json]`:
 * stores the Anthropic API key at `anthropic.api_key`, or with `--token` the auth token
 * at `anthropic.auth_token`. A value that looks like the other kind is stored with a
 * warning naming the right command. Resolves to the exit code (0, 1, or 130 cancelled).
 */
export async function anthropicAuth(options: AnthropicAuthOptions, io: CommandIO): Promise<number> {
  const spec = options.token ? ANTHROPIC_AUTH_TOKEN : ANTHROPIC_API_KEY;
  return exitOnInterrupt(io, () =>
    storeCredential(spec, options, io, () =>
      readSecret(io, { label: spec.label, command: spec.command }),
    ),
  );
}
