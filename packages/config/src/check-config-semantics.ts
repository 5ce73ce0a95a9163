import { providerSpec } from '@flynn/core';
import type { ConfigWarning } from './config-issue.js';
import { findPlaceholder } from './find-placeholder.js';
import { listTiers } from './list-tiers.js';
import {
  AUTH_MODES,
  type FlynnConfig,
  localProviderSchema,
  modelsSchema,
  OAUTH_PROVIDERS,
  TIER_NAMES,
} from './schema.js';
import { isEchoable, showKey } from './show-value.js';

export interface SemanticIssue {
  path: string;
  segments: Array<string | number>;
  message: string;
}

// Computed on first use: reading `.shape` builds the (lazy) schemas.
let modelKeys: Set<string> | undefined;
let modelsKeys: Set<string> | undefined;
const MODEL_KEYS = () => {
  modelKeys ??= new Set(Object.keys(localProviderSchema.shape));
  return modelKeys;
};
const MODELS_KEYS = () => {
  modelsKeys ??= new Set(Object.keys(modelsSchema.shape));
  return modelsKeys;
};
const TOP_KEYS = new Set(['models', 'oauth']);

/**
 * Rules the schema alone cannot express: `oauth` only where the provider has an
 * OAuth/token mode, a `base_url` wherever the provider has no default endpoint
 * (`openai-compatible`), unique local provider names that are not tier names, and
 * warnings for `auth_mode`/`use_oauth` disagreements and unknown keys. Messages name
 * a local provider only when its name could not be a pasted secret (`isEchoable`).
 */
export function checkConfigSemantics(
  config: FlynnConfig,
  raw: unknown,
): { issues: SemanticIssue[]; warnings: ConfigWarning[] } {
  const issues: SemanticIssue[] = [];
  const warnings: ConfigWarning[] = [];
  const allowedWithoutOAuth = AUTH_MODES.filter((mode) => mode !== 'oauth').join(', ');
  const seen = new Set<string>();

  for (const tier of listTiers(config)) {
    const segments = pathSegments(tier.configPath);
    const { model, authMode } = tier;
    const nameShown = isEchoable(tier.name);
    const label = !tier.isLocalProvider
      ? `tier "${tier.name}"`
      : nameShown
        ? `local provider "${tier.name}"`
        : `the local provider at ${tier.configPath}`;

    if (tier.isLocalProvider) {
      if ((TIER_NAMES as readonly string[]).includes(tier.name)) {
        issues.push({
          path: `${tier.configPath}.name`,
          segments: [...segments, 'name'],
          message: `"${tier.name}" is a tier name; local providers need another name`,
        });
      } else if (seen.has(tier.name)) {
        issues.push({
          path: `${tier.configPath}.name`,
          segments: [...segments, 'name'],
          message: `${nameShown ? `"${tier.name}"` : 'this name'} is used by an earlier local provider; names must be unique`,
        });
      }
      seen.add(tier.name);
    }

    if (authMode.mode === 'oauth' && !OAUTH_PROVIDERS.includes(model.provider)) {
      const field = authMode.origin === 'use_oauth' ? 'use_oauth' : 'auth_mode';
      issues.push({
        path: `${tier.configPath}.${field}`,
        segments: [...segments, field],
        message:
          `${label} uses provider ${model.provider}, which has no OAuth mode ` +
          `(${field === 'use_oauth' ? 'use_oauth: true means auth_mode: oauth; ' : ''}` +
          `allowed auth_mode: ${allowedWithoutOAuth})`,
      });
    }

    if (providerSpec(model.provider).defaultBaseUrl === undefined && model.base_url === undefined) {
      issues.push({
        path: `${tier.configPath}.base_url`,
        segments: [...segments, 'base_url'],
        message: `${model.provider} needs base_url (the server's OpenAI-style endpoint, e.g. "http://127.0.0.1:1234/v1")`,
      });
    }

    if (model.profile !== undefined && model.profiles !== undefined) {
      issues.push({
        path: `${tier.configPath}.profiles`,
        segments: [...segments, 'profiles'],
        message: `${label} sets both profile and profiles; keep one (profiles: [a, b] tries a, then b)`,
      });
    }
    const tierNames = listTiers(config).map((entry) => entry.name);
    (model.fallback ?? []).forEach((name, index) => {
      const problem =
        name === tier.name
          ? 'is this tier itself'
          : tierNames.includes(name)
            ? undefined
            : `is not a configured tier (configured: ${tierNames.filter(isEchoable).join(', ')})`;
      if (!problem) return;
      issues.push({
        path: `${tier.configPath}.fallback[${index}]`,
        segments: [...segments, 'fallback', index],
        message: `fallback ${isEchoable(name) ? `"${name}"` : 'entry'} ${problem}`,
      });
    });

    if (model.use_oauth !== undefined && model.auth_mode !== undefined) {
      const aliasSays = model.use_oauth ? 'oauth' : 'not oauth';
      const disagrees = model.use_oauth ? model.auth_mode !== 'oauth' : model.auth_mode === 'oauth';
      if (disagrees) {
        warnings.push({
          path: tier.configPath,
          tier: tier.name,
          message: `${label}: auth_mode: ${model.auth_mode} overrides use_oauth: ${model.use_oauth} (${aliasSays}); remove use_oauth`,
        });
      }
    }
  }

  warnings.push(...placeholderWarnings(config), ...unknownKeyWarnings(raw));
  return { issues, warnings };
}

/**
 * A warning per credential field or header value that looks like another tool's placeholder
 * (`$NAME`, `{env:NAME}`, `!cmd`, `op://...`): Flynn would send it as the key itself.
 */
function placeholderWarnings(config: FlynnConfig): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const check = (
    tier: string,
    path: string,
    value: unknown,
    field: 'api_key' | 'auth_token' | 'header',
  ) => {
    if (typeof value !== 'string') return;
    const found = findPlaceholder(value, field);
    if (!found) return;
    warnings.push({
      path,
      tier,
      message: `looks like ${found.looksLike}, which Flynn does not expand: it would be sent as the credential itself; write ${found.instead}`,
    });
  };
  for (const tier of listTiers(config)) {
    check(tier.name, `${tier.configPath}.api_key`, tier.model.api_key, 'api_key');
    check(tier.name, `${tier.configPath}.auth_token`, tier.model.auth_token, 'auth_token');
    for (const [name, value] of Object.entries(tier.model.headers ?? {})) {
      check(tier.name, `${tier.configPath}.headers.${showKey(name)}`, value, 'header');
    }
  }
  return warnings;
}

function pathSegments(configPath: string): Array<string | number> {
  return configPath
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function unknownKeyWarnings(raw: unknown): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const warnUnknown = (value: unknown, known: Set<string>, path: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (!known.has(key)) {
        // The key is the user's text: a secret pasted one line too high becomes a key.
        const shown = showKey(key);
        const suggestion = shown === key ? closestKey(key, known) : undefined;
        warnings.push({
          path: path ? `${path}.${shown}` : shown,
          message: suggestion
            ? `unknown key (ignored); did you mean \`${suggestion}\`?`
            : shown === key
              ? 'unknown key (ignored); check its spelling'
              : 'unknown key (ignored); it looks like a pasted secret: remove it from the file',
          ...(suggestion ? { suggestion } : {}),
        });
      }
    }
  };
  warnUnknown(raw, TOP_KEYS, '');
  const models = (raw as { models?: Record<string, unknown> }).models;
  warnUnknown(models, MODELS_KEYS(), 'models');
  if (!models || typeof models !== 'object') return warnings;
  for (const name of TIER_NAMES) warnUnknown(models[name], MODEL_KEYS(), `models.${name}`);
  const locals = models.local_providers;
  if (Array.isArray(locals)) {
    locals.forEach((entry, index) => {
      warnUnknown(entry, MODEL_KEYS(), `models.local_providers[${index}]`);
    });
  }
  return warnings;
}

/**
 * The known key `key` is most likely a misspelling of: the same once case and `-`/`_` are
 * ignored (`auth-mode`), or within two edits (`complexx`, `provder`); undefined otherwise.
 */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  const normal = (text: string) => text.toLowerCase().replace(/-/g, '_');
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    if (normal(candidate) === normal(key)) return candidate;
    const distance = editDistance(normal(key), normal(candidate));
    const limit = candidate.length <= 4 ? 1 : 2;
    if (distance <= limit && (!best || distance < best.distance))
      best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
