/**
 * Recognises a pasted credential of the wrong kind from its publicly documented prefix
 * (the same prefixes as the CLI's warnings), so a paste into the wrong prompt gets a
 * warning instead of a confusing 401 later. Messages name the kind and its public
 * prefix, never any other part of the value.
 */

/** What a value looks like, judged by its prefix; `undefined` when it says nothing. */
export type CredentialLook =
  | 'anthropic-api-key'
  | 'anthropic-auth-token'
  | 'openai-api-key'
  | 'github-token';

export function credentialLook(value: string): CredentialLook | undefined {
  if (value.startsWith('sk-ant-oat')) return 'anthropic-auth-token';
  if (value.startsWith('sk-ant-api')) return 'anthropic-api-key';
  if (value.startsWith('sk-proj-') || value.startsWith('sk-svcacct-')) return 'openai-api-key';
  if (/^(gh[pousr]_|github_pat_)/.test(value)) return 'github-token';
  return undefined;
}

const DESCRIPTIONS: Record<CredentialLook, string> = {
  'anthropic-api-key': 'an Anthropic API key (sk-ant-api…)',
  'anthropic-auth-token': 'an Anthropic OAuth token (sk-ant-oat…)',
  'openai-api-key': 'an OpenAI API key',
  'github-token': 'a GitHub token',
};

/** What a prompt expects: the provider and the kind of credential. */
export type ExpectedCredential =
  | 'openai-api-key'
  | 'anthropic-api-key'
  | 'anthropic-auth-token'
  | 'github-token'
  | 'zai-api-key';

/**
 * A warning when `value` looks like a different kind of credential than `expected`,
 * with the kind it looks like; `undefined` when it looks right or unknown.
 */
export function kindMismatch(
  expected: ExpectedCredential,
  value: string,
): { looksLike: CredentialLook; message: string } | undefined {
  const look = credentialLook(value);
  if (look === undefined || look === expected) return undefined;
  // Z.AI keys have no documented prefix; anything recognisably someone else's is suspect.
  const wanted: Record<ExpectedCredential, string> = {
    'openai-api-key': 'an OpenAI API key',
    'anthropic-api-key': 'an Anthropic API key',
    'anthropic-auth-token': 'an Anthropic auth token',
    'github-token': 'a GitHub token',
    'zai-api-key': 'a Z.AI API key',
  };
  return {
    looksLike: look,
    message: `That looks like ${DESCRIPTIONS[look]}, not ${wanted[expected]}.`,
  };
}
