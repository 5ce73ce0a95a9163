/**
 * Defence in depth for doctor's output. Doctor's own messages are built from names,
 * locations and fingerprints only, but the online check relays what providers and the
 * network layer say, so every message and remedy is scrubbed of every secret doctor can
 * see (config, env, store) before it leaves the library, with @flynn/core's one redactor.
 */
import type { AuthStoreData, Env } from '@flynn/auth-store';
import type { FlynnConfig, TierSecrets } from '@flynn/config';
import { findPlaceholder, isSecretReference, listTiers, withoutVariables } from '@flynn/config';
import { CREDENTIAL_ENV_VARS as REGISTRY_ENV_VARS } from '@flynn/core';

/** Env vars that carry credentials (DESIGN section 4): every override of a stored secret. */
export const CREDENTIAL_ENV_VARS: readonly string[] = REGISTRY_ENV_VARS;

/** Shorter values could be ordinary words; they are masked everywhere but not searched for. */
const MIN_REDACTED_LENGTH = 6;

function addStrings(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 6) return;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.length >= MIN_REDACTED_LENGTH) into.add(trimmed);
  } else if (Array.isArray(value)) {
    for (const item of value) addStrings(item, into, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) addStrings(item, into, depth + 1);
  }
}

/**
 * Every secret value doctor can see: inline config secrets and headers, what secret
 * references and `${NAME}` gave (`materialized`), credential env vars, all store strings.
 * A reference itself (a program name, a path) is not a secret and is not searched for.
 */
export function collectSecrets(options: {
  config?: FlynnConfig;
  env: Env;
  store?: AuthStoreData;
  materialized?: readonly TierSecrets[];
}): string[] {
  const secrets = new Set<string>();
  if (options.config) {
    for (const tier of listTiers(options.config)) {
      // As written in the file: `${NAME}` parts are names (their values come below), and
      // another tool's placeholder (`$OPENAI_API_KEY`) is a name too, warned about by the config.
      const fields = [tier.model.api_key, tier.model.auth_token].filter(
        (value) => !isSecretReference(value),
      );
      const written = [...fields, ...Object.values(tier.model.headers ?? {})]
        .filter((value): value is string => typeof value === 'string')
        .filter((value) => findPlaceholder(value, 'api_key') === undefined)
        .map(withoutVariables)
        .filter((part) => !/^\s*(?:bearer|basic|token)?\s*$/i.test(part));
      addStrings(written, secrets);
    }
  }
  for (const tier of options.materialized ?? []) {
    // What a reference or `${NAME}` gave is always a secret; a literal only when it is not
    // another tool's placeholder (a name, warned about).
    const values = Object.entries(tier.config)
      .filter(
        ([field, value]) =>
          tier.origins[field as keyof typeof tier.origins] !== undefined ||
          findPlaceholder(value, 'api_key') === undefined,
      )
      .map(([, value]) => value);
    addStrings([values, tier.headers], secrets);
  }
  for (const name of CREDENTIAL_ENV_VARS) addStrings(options.env[name], secrets);
  if (options.store) {
    const { version: _version, ...providers } = options.store;
    addStrings(providers, secrets);
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}
