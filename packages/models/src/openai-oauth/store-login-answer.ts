import type { CredentialStoreSetting, LockWait, OpenAIOAuthTokens } from '@flynn/auth-store';
import { storeOpenAIOAuth } from '@flynn/auth-store';
import type { Env } from '@flynn/config';
import type { ModelError } from '../model-error.js';
import type { HttpResult } from './oauth-http.js';
import { loginAnswerProblem, tokensFromResponse } from './token-response.js';

/** Where a ChatGPT login stores its tokens: the same for the browser and the device login. */
export interface LoginStoreOptions {
  /** Store file; default the auth store in the Flynn config dir of `env`. */
  storePath?: string;
  env?: Env;
  /** The config's `credential_store`: where the tokens go (`FLYNN_CREDENTIAL_STORE` in `env` wins). */
  credentialStore?: CredentialStoreSetting;
  /** Told once when storing the tokens has waited a second on another process's lock. */
  onLockWait?: (wait: LockWait) => void | (() => void);
  /** The profile the login goes into (issue 17): `openai:<profile>.oauth`; default `openai.oauth`. */
  profile?: string;
}

/** How a login names its failures (device and browser logins have their own codes). */
export interface LoginAnswerFailures {
  /** The exchange answered 2xx but the tokens cannot be used (`problem` says why, never a token). */
  unusable(problem: string): ModelError;
  /** The exchange was refused (not 2xx). */
  refused(result: HttpResult): ModelError;
}

/**
 * Checks the answer of a `/oauth/token` authorization_code exchange and stores its tokens
 * at `openai.oauth` (or the profile's `openai:<profile>.oauth`; under the store lock, file
 * 0600); returns what was stored. Both ChatGPT
 * logins end here, so a browser login and a device login store exactly the same entry.
 * @throws what `failures` builds, or AuthStoreError when the store cannot be written.
 */
export async function storeLoginAnswer(
  exchange: HttpResult,
  failures: LoginAnswerFailures,
  store: LoginStoreOptions,
): Promise<OpenAIOAuthTokens> {
  const problem = exchange.ok ? loginAnswerProblem(exchange.body) : undefined;
  if (problem) throw failures.unusable(problem);
  const tokens = exchange.ok ? tokensFromResponse(exchange.body) : undefined;
  if (!tokens) throw failures.refused(exchange);
  await storeOpenAIOAuth(tokens, {
    path: store.storePath,
    env: store.env,
    credentialStore: store.credentialStore,
    onLockWait: store.onLockWait,
    profile: store.profile,
  });
  return tokens;
}
