import { AuthStoreError } from './auth-store-error.js';
import { cleanValue, firstEnvValue } from './clean-value.js';
import { storePathFrom } from './default-auth-store-path.js';
import { readAuthStore } from './read-auth-store.js';
import type { AuthStoreData, StoreOptions } from './types.js';
import { updateAuthStore } from './update-auth-store.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** A string credential kept at `<provider>.<field>` in the store. */
export interface StoredField {
  provider: string;
  field: string;
  /** Env vars that override the store in `get*`, in order. */
  envVars: readonly string[];
  /** For messages: 'OpenAI API key'. */
  label: string;
}

function providerEntry(data: AuthStoreData, provider: string): Record<string, unknown> | undefined {
  const entry = data[provider];
  return typeof entry === 'object' && entry !== null
    ? (entry as Record<string, unknown>)
    : undefined;
}

/** The stored value, trimmed; `undefined` when absent or blank. */
export async function loadField(spec: StoredField, options?: StoreOptions) {
  const data = await readAuthStore(options);
  return cleanValue(providerEntry(data, spec.provider)?.[spec.field]);
}

/** Env override (first of `envVars` with a usable value), then the store. */
export async function getField(spec: StoredField, options: StoreOptions = {}) {
  const fromEnv = firstEnvValue(options.env ?? process.env, spec.envVars);
  return fromEnv ? fromEnv.value : loadField(spec, options);
}

/** Where a stored credential's known expiry is kept, beside it: `api_key_expires_at` (epoch ms). */
export function expiryField(field: string): string {
  return `${field}_expires_at`;
}

/** Options of a store: where, and when the credential expires if that is known. */
export interface StoreValueOptions extends WriteOptions {
  /** When the credential expires (epoch ms); absent: unknown (an older expiry is dropped). */
  expiresAt?: number;
}

/**
 * Stores `value` trimmed, keeping every other field and provider; records `expiresAt` beside
 * it (`<field>_expires_at`), or drops an expiry recorded for the value it replaces.
 */
export async function storeField(spec: StoredField, value: string, options?: StoreValueOptions) {
  const clean = cleanValue(value);
  if (clean === undefined) {
    throw new AuthStoreError('AUTH_STORE_INVALID_INPUT', {
      path: storePathFrom(options),
      problem: `Refusing to store an empty ${spec.label}.`,
      remedy: 'Pass the credential itself (it was empty or whitespace).',
    });
  }
  await updateAuthStore((data) => {
    const { [expiryField(spec.field)]: _old, ...entry } = providerEntry(data, spec.provider) ?? {};
    data[spec.provider] = {
      ...entry,
      [spec.field]: clean,
      ...(options?.expiresAt === undefined ? {} : { [expiryField(spec.field)]: options.expiresAt }),
    };
  }, options);
}

/**
 * Removes `<provider>.<field>` only, and the provider object if that left it empty.
 * Returns whether the field was there. A missing store file stays missing.
 */
export async function clearEntry(provider: string, field: string, options?: WriteOptions) {
  let removed = false;
  await updateAuthStore((data) => {
    const entry = providerEntry(data, provider);
    if (!entry || !(field in entry)) return;
    const { [field]: _dropped, [expiryField(field)]: _expiry, ...rest } = entry;
    removed = true;
    if (Object.keys(rest).length === 0) delete data[provider];
    else data[provider] = rest;
  }, options);
  return removed;
}
