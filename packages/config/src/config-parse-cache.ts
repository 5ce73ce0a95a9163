/**
 * A cache of parsed configs, so a command that starts often (offline `flynn doctor`, a
 * script calling `flynn ask`) does not parse and validate the same `config.yaml` on every
 * start: YAML parsing and validation are most of what loading a config costs on a cold
 * process, several milliseconds against a budgeted start-up (docs/performance.md).
 *
 * What it keeps, and what it never keeps:
 * - only the result of a config that parsed without issues (a broken config is parsed
 *   every time, so its `file:line:col` issues always come from the parser);
 * - never a config that holds a secret: one with an `api_key`, `auth_token` or `headers`
 *   value in any tier or local provider, or a URL with a query or fragment, is not cached,
 *   so no credential is ever copied into the cache directory;
 * - never the config's text: an entry is found by the file's path, the text's length and
 *   two 53-bit hashes of it, plus a `salt` from the caller (the CLI passes its build's
 *   content key), so a changed file or a new build is a miss.
 * Entries are read only from a file that belongs to the current user and that no one else
 * can write, and written atomically (temp file + rename, 0600 in a 0700 directory). Any
 * failure to read or write is a miss, never an error.
 */
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ParseConfigResult } from './parse-config.js';
import type { FlynnConfig, ModelConfig } from './schema.js';

/** Where {@link loadConfig} looks up and stores parse results. */
export interface ConfigParseCache {
  /** The stored result for `key`, or `undefined`. */
  get(key: string): ParseConfigResult | undefined;
  /** Stores `result` (always a successful one) for `key`. */
  set(key: string, result: ParseConfigResult & { ok: true }): void;
}

/** Bump when the shape of a cached entry changes. */
const ENTRY_VERSION = 1;
const FILE_NAME = 'config-parse.json';

/**
 * The cache key of `text` read from `file`: its path, length and two 53-bit hashes
 * (cyrb53 with two seeds; not cryptographic, but a config file is the user's own, so only
 * an accidental collision matters, and 106 bits make that negligible).
 */
export function configCacheKey(file: string, text: string): string {
  return `${file}\n${text.length}\n${cyrb53(text, 0x9e3779b9).toString(36)}.${cyrb53(text, 0x85ebca6b).toString(36)}`;
}

/** A URL whose query or fragment may carry a key (`?api-key=...`): treated as a secret. */
const mayCarrySecret = (url: string | undefined) => url !== undefined && /[?#]/.test(url);

/**
 * True when `config` holds a credential value, a header, or a URL with a query or fragment
 * (gateways take keys there), none of which may be copied into a cache.
 */
export function configHoldsSecrets(config: FlynnConfig): boolean {
  const { local_providers: localProviders, ...tiers } = config.models;
  const entries: Array<ModelConfig | undefined> = [...Object.values(tiers), ...localProviders];
  const oauthURLs = [config.oauth?.openai?.issuer, config.oauth?.openai?.backend_url];
  return (
    oauthURLs.some(mayCarrySecret) ||
    entries.some(
      (entry) =>
        entry !== undefined &&
        (entry.api_key !== undefined ||
          entry.auth_token !== undefined ||
          mayCarrySecret(entry.base_url) ||
          (entry.headers !== undefined && Object.keys(entry.headers).length > 0)),
    )
  );
}

/**
 * A {@link ConfigParseCache} kept in one file, `config-parse.json`, in `directory` (the
 * CLI uses Flynn's cache directory). It holds one entry: the config last parsed. `salt`
 * is part of every key; pass something that changes with the code that parses (the CLI
 * passes its bundle's content key), so a new version never reads an old result.
 */
export function fileConfigParseCache(directory: string, salt: string): ConfigParseCache {
  const path = join(directory, FILE_NAME);
  return {
    get(key) {
      try {
        const raw = readOwnFile(path);
        if (raw === undefined) return undefined;
        const entry = JSON.parse(raw) as Partial<{
          v: number;
          key: string;
          result: ParseConfigResult;
        }>;
        if (entry.v !== ENTRY_VERSION || entry.key !== `${salt}\n${key}`) return undefined;
        const result = entry.result;
        if (result?.ok !== true || typeof result.config?.models !== 'object') {
          return undefined;
        }
        if (!Array.isArray(result.warnings)) return undefined;
        return result;
      } catch {
        return undefined;
      }
    },
    set(key, result) {
      if (configHoldsSecrets(result.config)) return;
      try {
        mkdirSync(directory, { recursive: true, mode: 0o700 });
        const temp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
        writeFileSync(temp, JSON.stringify({ v: ENTRY_VERSION, key: `${salt}\n${key}`, result }), {
          mode: 0o600,
          flag: 'wx',
        });
        chmodSync(temp, 0o600);
        renameSync(temp, path);
      } catch {
        // A cache that cannot be written costs only the next parse.
      }
    },
  };
}

/** The file's text when it is a regular file of this user that no one else can write. */
function readOwnFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    const uid = typeof process.getuid === 'function' ? process.getuid() : stats.uid;
    if (!stats.isFile() || stats.uid !== uid || (stats.mode & 0o022) !== 0) return undefined;
    if (stats.size > 1024 * 1024) return undefined;
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** cyrb53 (public domain, bryc): a fast 53-bit string hash. */
function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
