import { defaultAuthStorePath, MissingCredentialError, openAIOAuthField } from '@flynn/auth-store';
import type { Env } from '@flynn/config';
import { credentialRemedy } from '@flynn/core';

/**
 * The error for "no ChatGPT login stored": the same `MissingCredentialError`
 * (`CREDENTIAL_MISSING`) the factory throws, naming the store field and `flynn openai-login`.
 */
export function missingOAuthTokens(options: {
  storePath?: string;
  env?: Env;
  tier?: string;
  profile?: string;
}): MissingCredentialError {
  const storePath = options.storePath ?? defaultAuthStorePath(options.env ?? process.env);
  return new MissingCredentialError({
    tier: options.tier ?? 'openai',
    provider: 'openai',
    mode: 'oauth',
    modeOrigin: 'auth_mode',
    kinds: ['oauth_tokens'],
    tried: [`${storePath} ${openAIOAuthField(options.profile)}`],
    remedy: credentialRemedy('openai', ['oauth_tokens']),
  });
}
