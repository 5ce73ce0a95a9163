import { findPlaceholder, type TierEntry, withoutVariables } from '@flynn/config';
import { credentialRemedy, type Remedy } from '@flynn/core';
import type { Check } from './types.js';

const FIELDS = ['api_key', 'auth_token'] as const;

/** Header names that carry a credential whatever their value looks like. */
const CREDENTIAL_HEADER = /^(?:authorization|proxy-authorization|x-api-key|api-key|cookie)$/i;
/** Header names that say they hold one: `x-auth-token`, `x-goog-api-key`, `x-secret`. */
const CREDENTIAL_WORD = /(?:^|[-_])(?:api[-_]?key|token|secret|password|auth)(?:[-_]|$)/i;
/** Headers whose values are public identifiers or protocol switches, never secrets. */
const PUBLIC_HEADERS = new Set([
  'accept',
  'anthropic-beta',
  'anthropic-version',
  'content-type',
  'http-referer',
  'openai-organization',
  'openai-project',
  'user-agent',
  'x-title',
]);
/** Well-known secret shapes (after an auth scheme such as `Bearer`). */
const SECRET_SHAPE =
  /^(?:sk-[A-Za-z0-9_-]{8,}|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/;
/** A long opaque token: 24+ token characters with both letters and digits, no spaces. */
const OPAQUE_TOKEN = /^(?=[^\s]*[A-Za-z])(?=[^\s]*\d)[A-Za-z0-9._~+/=-]{24,}$/;

/** Request ids and the like: random, but not credentials. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The value without an auth scheme (`Bearer x`, `Basic x`, `token x`). */
function credentialPart(value: string): string {
  return value.trim().replace(/^(?:bearer|basic|token)\s+/i, '');
}

/**
 * Whether a configured header sends a credential: by its name (Authorization, x-api-key,
 * api-key, ...) or, for any header not known to be public, by a value shaped like a key
 * or token.
 */
export function isCredentialHeader(name: string, value: string): boolean {
  if (value.trim() === '') return false;
  if (CREDENTIAL_HEADER.test(name) || CREDENTIAL_WORD.test(name)) return true;
  if (PUBLIC_HEADERS.has(name.toLowerCase())) return false;
  const part = credentialPart(value);
  return SECRET_SHAPE.test(part) || (OPAQUE_TOKEN.test(part) && !UUID.test(part));
}

/** Which stored kind a credential header stands for: Anthropic bearer values are auth tokens. */
function headerKind(tier: TierEntry, name: string, value: string): 'api_key' | 'auth_token' {
  if (tier.model.provider !== 'anthropic') return 'api_key';
  const part = credentialPart(value);
  if (part.startsWith('sk-ant-oat')) return 'auth_token';
  if (part.startsWith('sk-ant-api')) return 'api_key';
  return /^(?:proxy-)?authorization$/i.test(name) ? 'auth_token' : 'api_key';
}

/**
 * One `inline-secret` warning per `api_key` / `auth_token` written in the config file, and
 * one per credential sent in a tier's `headers` (see {@link isCredentialHeader}), naming
 * the field or header and the command (or env var) to use instead. Never shows the value.
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
      // A reference ({ command: ... }) or a bare `${NAME}` keeps the secret out of the file.
      // Another tool's placeholder is warned about by the config check instead.
      if (typeof value !== 'string' || withoutVariables(value).trim() === '') continue;
      if (findPlaceholder(value, field) !== undefined) continue;
      const where = `${tier.configPath}.${field}`;
      const { text, remedy } = advice(tier, field, 'line');
      checks.push({
        id: 'inline-secret',
        status: 'warn',
        message: `${where}: a secret is written in ${configFile}; ${text}${exposed}`,
        ...(remedy ? { remedy } : {}),
      });
    }
    for (const [name, value] of Object.entries(tier.model.headers ?? {})) {
      const written = withoutVariables(value);
      const rest = credentialPart(written);
      if (/^(?:bearer|basic|token)?$/i.test(rest) || !isCredentialHeader(name, written)) continue;
      const kind = headerKind(tier, name, value);
      const { text, remedy } = advice(tier, kind, 'header');
      checks.push({
        id: 'inline-secret',
        status: 'warn',
        message: `${tier.configPath}.headers.${name}: a credential is written in ${configFile}; ${text}${exposed}`,
        ...(remedy ? { remedy } : {}),
      });
    }
  }
  return checks;
}

/** The advice for an inline credential and, where Flynn has another place for it, the remedy. */
function advice(
  tier: TierEntry,
  kind: 'api_key' | 'auth_token',
  what: 'line' | 'header',
): { text: string; remedy?: Remedy } {
  const { provider } = tier.model;
  const remedy = credentialRemedy(provider, [kind]);
  if (remedy.length > 0) {
    // Flynn sends the stored or env credential in the provider's own header.
    return {
      text: `store it with the login command or an env var instead, then delete the ${what}`,
      remedy,
    };
  }
  if (what === 'line' && kind === 'auth_token' && provider !== 'anthropic') {
    return { text: `provider ${provider} does not use auth_token: delete the line` };
  }
  return { text: 'Flynn has no other place for this key, so keep the file private (`chmod 600`)' };
}
