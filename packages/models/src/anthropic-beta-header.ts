/** The beta flag Anthropic requires alongside its own OAuth access tokens. */
export const ANTHROPIC_OAUTH_BETA = 'oauth-2025-04-20';

/**
 * The `anthropic-beta` value to send: the tier's configured betas (any header-name
 * case), plus `oauth-2025-04-20` when the credential is an Anthropic OAuth token
 * (`sk-ant-oat…`) and only then. Undefined when there is nothing to send.
 */
export function anthropicBetaHeader(
  tierHeaders: Readonly<Record<string, string>> | undefined,
  authToken: string | undefined,
): string | undefined {
  const configured = Object.entries(tierHeaders ?? {})
    .filter(([name]) => name.toLowerCase() === 'anthropic-beta')
    .flatMap(([, value]) => value.split(','))
    .map((beta) => beta.trim())
    .filter(Boolean);
  const betas = new Set(configured);
  if (authToken?.startsWith('sk-ant-oat')) betas.add(ANTHROPIC_OAUTH_BETA);
  return betas.size > 0 ? [...betas].join(',') : undefined;
}
