import { ZAI_API_KEY } from '../credentials/credential-specs.js';
import { exitOnInterrupt } from '../credentials/interrupt.js';
import { readSecret } from '../credentials/read-secret.js';
import { type StoreCredentialOptions, storeCredential } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';

/** Flags of `flynn zai-key`. */
export type ZaiKeyOptions = StoreCredentialOptions;

/**
 * `flynn zai-key [--stdin] [--replace] [--verify [--base-url URL]] [--json]`: stores the
 * Z.AI API key at `zai.api_key`, read from the hidden prompt or stdin. Resolves to the
 * exit code (0 stored or already stored, 1 failed, 130 cancelled).
 */
export async function zaiKey(options: ZaiKeyOptions, io: CommandIO): Promise<number> {
  return exitOnInterrupt(io, () =>
    storeCredential(ZAI_API_KEY, options, io, () =>
      readSecret(io, { label: ZAI_API_KEY.label, command: ZAI_API_KEY.command }),
    ),
  );
}
