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

/** Stores `value` trimmed, keeping every other field and provider. */
export async function storeField(spec: StoredField, value: string, options?: WriteOptions) {
  const clean = cleanValue(value);
  if (clean === undefined) {
    throw new AuthStoreError('AUTH_STORE_INVALID_INPUT', {
      path: storePathFrom(options),
      problem: `Refusing to store an empty ${spec.label}.`,
      remedy: 'Pass the credential itself (it was empty or whitespace).',
    });
  }
  await updateAuthStore((data) => {
    data[spec.provider] = { ...providerEntry(data, spec.provider), [spec.field]: clean };
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
    const { [field]: _dropped, ...rest } = entry;
    removed = true;
    if (Object.keys(rest).length === 0) delete data[provider];
    else data[provider] = rest;
  }, options);
  return removed;
}
