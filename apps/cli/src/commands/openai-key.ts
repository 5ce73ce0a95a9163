import { OPENAI_API_KEY } from '../credentials/credential-specs.js';
import { exitOnInterrupt } from '../credentials/interrupt.js';
import { readSecret } from '../credentials/read-secret.js';
import { type StoreCredentialOptions, storeCredential } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';

/** Flags of `flynn openai-key`. */
export type OpenAIKeyOptions = StoreCredentialOptions;

/**
 * `flynn openai-key [--stdin] [--replace] [--verify [--base-url URL]] [--json]`: stores
 * the OpenAI API key at `openai.api_key`, read from the hidden prompt or stdin. Resolves
 * to the exit code (0 stored or already stored, 1 failed, 130 cancelled).
 */
export async function openaiKey(options: OpenAIKeyOptions, io: CommandIO): Promise<number> {
  return exitOnInterrupt(io, () =>
    storeCredential(OPENAI_API_KEY, options, io, () =>
      readSecret(io, { label: OPENAI_API_KEY.label, command: OPENAI_API_KEY.command }),
    ),
  );
}
