import { type CredentialKind, credentialRemedy, remedyText } from '@flynn/auth-store';
import type { TierEntry } from '@flynn/config';
import type { Check } from './types.js';

const FIELDS = ['api_key', 'auth_token'] as const;

/**
 * One `inline-secret` warning per `api_key` / `auth_token` written in the config file,
 * naming the field and the command (or env var) to use instead. Never shows the value.
 * `configMode` is the file's permission bits, when known: group/other access is called out.
 */
export function checkInlineSecrets(
  tiers: readonly TierEntry[],
  configFile: string,
  configMode?: number,
): Check[] {
  const exposed =
    configMode !== undefined && (configMode & 0o077) !== 0
      ? `; the file is readable by other users (mode ${(configMode & 0o777).toString(8).padStart(4, '0')}): run \`chmod 600 ${configFile}\``
      : '';
  const checks: Check[] = [];
  for (const tier of tiers) {
    for (const field of FIELDS) {
      const value = tier.model[field];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const where = `${tier.configPath}.${field}`;
      checks.push({
        id: 'inline-secret',
        status: 'warn',
        message: `${where}: a secret is written in ${configFile}; ${advice(tier, field)}${exposed}`,
      });
    }
  }
  return checks;
}

function advice(tier: TierEntry, field: (typeof FIELDS)[number]): string {
  const { provider } = tier.model;
  const kind: CredentialKind = field;
  const remedy = remedyText(credentialRemedy(provider, [kind]), 'cli');
  if (remedy) {
    return `${remedy.charAt(0).toLowerCase()}${remedy.slice(1)} instead, then delete the line`;
  }
  if (field === 'auth_token' && provider !== 'anthropic') {
    return `provider ${provider} does not use auth_token: delete the line`;
  }
  return 'Flynn has no other place for this key, so keep the file private (`chmod 600`)';
}
