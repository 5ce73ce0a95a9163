import { PROVIDER_IDS, providerSpec } from '@flynn/core';
import { AuthStoreError } from './auth-store-error.js';
import { parseProfileKey } from './profiles.js';
import { MAX_STORE_DEPTH, scanJson } from './scan-json.js';
import { KEYRING_SECTION_KEY, keyringSectionProblem } from './store-layout.js';
import type { AuthStoreData } from './types.js';

type FieldType = 'string' | 'number';
type ProviderShape = Record<string, FieldType | 'oauth'>;

/**
 * Known providers and the types of their known fields, from the provider registry (string
 * credentials, and the OAuth token object); anything else passes untouched.
 */
const PROVIDER_SHAPES: Record<string, ProviderShape> = Object.fromEntries(
  PROVIDER_IDS.map((id) => [
    id,
    Object.fromEntries(
      providerSpec(id).credentials.map((spec) => [
        spec.storeField,
        spec.kind === 'oauth_tokens' ? 'oauth' : 'string',
      ]),
    ),
  ]),
);
const OAUTH_REQUIRED = ['access_token', 'refresh_token'];
const OAUTH_SHAPE: Record<string, FieldType> = {
  access_token: 'string',
  refresh_token: 'string',
  id_token: 'string',
  account_id: 'string',
  expires_at: 'number',
  last_refresh: 'number',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oauthProblem(value: unknown, where: string): string | undefined {
  if (!isRecord(value)) return `${where} must be an object, found ${describe(value)}`;
  for (const field of OAUTH_REQUIRED) {
    if (!(field in value)) return `${where}.${field} is missing`;
  }
  for (const [field, type] of Object.entries(OAUTH_SHAPE)) {
    const fieldValue = value[field];
    if (fieldValue !== undefined && typeof fieldValue !== type) {
      return `${where}.${field} must be a ${type}, found ${describe(fieldValue)}`;
    }
  }
  return undefined;
}

/**
 * What is wrong with `value` as a version-1 store, or `undefined` when it fits. Never
 * quotes a value. A missing `version` is accepted: files from before versioning load.
 */
export function findShapeProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return `the top level must be an object, found ${describe(value)}`;
  if (value.version !== undefined && value.version !== 1) {
    return typeof value.version === 'number'
      ? `it has version ${value.version}, which this Flynn does not know (it knows version 1)`
      : `version must be the number 1, found ${describe(value.version)}`;
  }
  if (value[KEYRING_SECTION_KEY] !== undefined) {
    return `${KEYRING_SECTION_KEY} is reserved for the keyring backend's list of entries`;
  }
  // Each provider's entry, and each named profile's (`openai:work`), has the provider's shape.
  for (const [provider, entry] of Object.entries(value)) {
    const parsed = parseProfileKey(provider);
    const shape = parsed ? PROVIDER_SHAPES[parsed.provider] : undefined;
    if (!shape || entry === undefined) continue;
    if (!isRecord(entry)) return `${provider} must be an object, found ${describe(entry)}`;
    for (const [field, type] of Object.entries(shape)) {
      const fieldValue = entry[field];
      if (fieldValue === undefined) continue;
      if (type === 'oauth') {
        const problem = oauthProblem(fieldValue, `${provider}.${field}`);
        if (problem) return problem;
      } else if (typeof fieldValue !== type) {
        return `${provider}.${field} must be a ${type}, found ${describe(fieldValue)}`;
      }
    }
  }
  return localProvidersProblem(value.local_providers);
}

/** `local_providers` (keys stored by `flynn login <local provider>`): `{ <name>: { api_key } }`. */
function localProvidersProblem(entries: unknown): string | undefined {
  if (entries === undefined) return undefined;
  if (!isRecord(entries)) return `local_providers must be an object, found ${describe(entries)}`;
  for (const [name, entry] of Object.entries(entries)) {
    // The name is the user's (or a stranger's) text: only a plain local provider name is shown.
    const shown = /^[a-z0-9][a-z0-9_-]{0,40}$/.test(name) ? name : '<entry>';
    if (!isRecord(entry)) {
      return `local_providers.${shown} must be an object, found ${describe(entry)}`;
    }
    if (entry.api_key !== undefined && typeof entry.api_key !== 'string') {
      return `local_providers.${shown}.api_key must be a string, found ${describe(entry.api_key)}`;
    }
  }
  return undefined;
}

/** True when parsing `text.slice(0, length)` fails before its end (not merely by ending). */
function failsInside(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position === undefined) return !/end of JSON input/.test(message);
    return Number(position) < length;
  }
}

/**
 * Describes a JSON syntax error by line and column only: V8's own message quotes the input,
 * which may hold a secret. The position is found by bisecting on prefixes: a prefix fails
 * "inside" exactly when it contains the first error.
 */
function describeSyntaxError(text: string): string {
  if (!failsInside(text, text.length)) {
    return 'it is not valid JSON (it ends too early; the file may be truncated)';
  }
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (failsInside(text, middle)) high = middle;
    else low = middle + 1;
  }
  const before = text.slice(0, low - 1);
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `it is not valid JSON (error at line ${line}, column ${column})`;
}

/** The error for a file that cannot be used as it is. */
export function corruptError(path: string, problem: string): AuthStoreError {
  const newer = problem.includes('does not know');
  return new AuthStoreError('AUTH_STORE_CORRUPT', {
    path,
    problem: `The auth store ${path} cannot be used: ${problem}. Flynn will not overwrite it.`,
    remedy: newer
      ? 'Upgrade Flynn, or move the file aside and store your credentials again.'
      : 'Repair the file, or move it aside and store your credentials again.',
  });
}

/**
 * Parses the text of `auth.json` as JSON and checks what only the file has: a top-level
 * object, a known version, nesting within bounds and a well-formed `keyring` section. The
 * credentials' shape is checked by {@link checkedStore} once keyring secrets are merged in.
 * Throws `AuthStoreError` `AUTH_STORE_CORRUPT` (with no cause: the parser's message would
 * quote the file).
 */
export function parseStoreJson(text: string, path: string): Record<string, unknown> {
  // An editor's byte-order mark is not part of the JSON: read past it (doctor mentions it).
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw corruptError(path, describeSyntaxError(json));
  }
  const { tooDeep } = scanJson(json);
  if (tooDeep) {
    throw corruptError(
      path,
      `it nests values more than ${MAX_STORE_DEPTH} levels deep (line ${tooDeep.line}, column ${tooDeep.column}), more than a store ever holds`,
    );
  }
  if (!isRecord(value)) throw corruptError(path, findShapeProblem(value) ?? 'it is not an object');
  const problem = keyringSectionProblem(value[KEYRING_SECTION_KEY]);
  if (problem) throw corruptError(path, problem);
  return value;
}

/** `value` (the file without its `keyring` section, secrets merged in) as a checked store. */
export function checkedStore(value: Record<string, unknown>, path: string): AuthStoreData {
  const problem = findShapeProblem(value);
  if (problem) throw corruptError(path, problem);
  return { ...value, version: 1 } as AuthStoreData;
}

/**
 * Parses and checks the text of an `auth.json` that keeps its secrets itself (the file
 * backend). Returns the data with `version: 1` first and everything else as found.
 * @throws AuthStoreError `AUTH_STORE_CORRUPT`.
 */
export function parseAuthStore(text: string, path: string): AuthStoreData {
  const { [KEYRING_SECTION_KEY]: _section, ...rest } = parseStoreJson(text, path);
  return checkedStore(rest, path);
}

/** The file text for `data`: `version` first, two-space indent, trailing newline. */
export function serializeAuthStore(data: AuthStoreData): string {
  const { version: _version, ...rest } = data;
  return `${JSON.stringify({ version: 1, ...rest }, null, 2)}\n`;
}

/** Something about a readable store file that deserves a word (doctor shows these). */
export type StoreFileWarning =
  /** The same key twice in one object: only the last value is used, and a write drops the rest. */
  | { code: 'duplicate_key'; key: string }
  /** The file starts with a byte-order mark (U+FEFF), which the next write removes. */
  | { code: 'byte_order_mark' };

/** The warnings for store text that {@link parseAuthStore} accepts. */
export function storeTextWarnings(text: string): StoreFileWarning[] {
  const bom = text.startsWith('\uFEFF');
  const warnings: StoreFileWarning[] = bom ? [{ code: 'byte_order_mark' }] : [];
  for (const key of scanJson(bom ? text.slice(1) : text).duplicateKeys) {
    warnings.push({ code: 'duplicate_key', key });
  }
  return warnings;
}
