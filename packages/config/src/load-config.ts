/// <reference path="./yaml-text.d.ts" />
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import defaultConfigText from '../config/default.yaml';
import { ConfigError, type ConfigIssue, type ConfigWarning } from './config-issue.js';
import { type ConfigParseCache, configCacheKey } from './config-parse-cache.js';
import { type Env, resolveConfigPaths } from './config-paths.js';
import { parseConfig } from './parse-config.js';
import type { FlynnConfig } from './schema.js';

/** The text of the shipped, commented `config/default.yaml`. */
export const DEFAULT_CONFIG_YAML: string = defaultConfigText;

export interface LoadConfigOptions {
  /** Env used to find the default path (default: `process.env`). */
  env?: Env;
  /**
   * What a missing file means: `defaults` (use the shipped defaults) or `issue` ("config
   * file not found"). Default: `defaults` for the default location (no `path`, or a `path`
   * that is the default location), `issue` for any other `path`: a file named explicitly
   * (`--config PATH`) must exist.
   */
  ifMissing?: 'defaults' | 'issue';
  /**
   * Where parse results are looked up and kept across processes (see
   * `fileConfigParseCache`). A hit skips YAML parsing and validation; only configs that
   * parsed without issues and hold no secret are kept. Default: none (always parse).
   */
  parseCache?: ConfigParseCache;
}

const CONFIG_FILE = Symbol.for('flynn.config.file');

/**
 * The file a config was loaded from (by `loadConfig`), for messages such as "fix
 * `models.fast.api_key` in <file>"; undefined for the shipped defaults or a config that
 * was built some other way. Kept as a hidden property, so the config's shape is unchanged.
 */
export function configFileOf(config: FlynnConfig): string | undefined {
  const file = (config as { [CONFIG_FILE]?: unknown })[CONFIG_FILE];
  return typeof file === 'string' ? file : undefined;
}

interface LoadedFrom {
  /** The file that was (or would have been) read. */
  path: string;
  /** `file` when it existed, `defaults` when it did not and the shipped defaults were used. */
  source: 'file' | 'defaults';
  warnings: ConfigWarning[];
}

export type LoadConfigResult =
  | (LoadedFrom & { ok: true; config: FlynnConfig })
  | (LoadedFrom & { ok: false; issues: ConfigIssue[] });

/**
 * Loads `config.yaml` from `path`, or from the default location (`resolveConfigPaths`).
 * A missing file at the default location means the shipped defaults; a missing file
 * named by `path` (anywhere else) is an issue, "config file not found" (see
 * `options.ifMissing`). Never throws for bad input: YAML and schema problems come back
 * as `issues`; an unreadable file (permissions, a directory) is an issue too.
 */
export function loadConfig(path?: string, options: LoadConfigOptions = {}): LoadConfigResult {
  const defaultFile = resolveConfigPaths(options.env).configFile;
  const file = path ?? defaultFile;
  const ifMissing =
    options.ifMissing ?? (resolve(file) === resolve(defaultFile) ? 'defaults' : 'issue');
  let text: string;
  let source: 'file' | 'defaults' = 'file';
  const warnings: ConfigWarning[] = [];
  try {
    const read = readConfigFile(file);
    if ('problem' in read) {
      return {
        ok: false,
        path: file,
        source,
        warnings,
        issues: [{ file, path: '', message: read.problem }],
      };
    }
    text = read.text;
    if (read.writableByOthers) {
      warnings.push({
        path: '',
        message: `the config file ${file} can be written by other users (mode ${read.mode.toString(8)}); it decides where stored keys are sent: run \`chmod 600 ${file}\``,
      });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && ifMissing === 'defaults') {
      text = DEFAULT_CONFIG_YAML;
      source = 'defaults';
    } else {
      const message =
        code === 'ENOENT'
          ? `config file not found: ${file}`
          : `cannot read the config file (${code ?? 'error'})`;
      return { ok: false, path: file, source, warnings: [], issues: [{ file, path: '', message }] };
    }
  }
  const name = source === 'defaults' ? '<defaults>' : file;
  const { parseCache } = options;
  const key = parseCache ? configCacheKey(name, text) : '';
  let result = parseCache?.get(key);
  if (!result) {
    result = parseConfig(text, name);
    if (result.ok) parseCache?.set(key, result);
  }
  if (result.ok && source === 'file') {
    Object.defineProperty(result.config, CONFIG_FILE, { value: file, enumerable: false });
  }
  return { ...result, warnings: [...warnings, ...result.warnings], path: file, source };
}

/** Like `loadConfig`, but throws a `ConfigError` (code `CONFIG_INVALID`) instead of returning issues. */
export function loadConfigOrThrow(
  path?: string,
  options: LoadConfigOptions & {
    /**
     * Also refuse a config with a misspelled key (`auth-mode` for `auth_mode`): ignoring it
     * would silently change what the tier does. Every such key is reported at once.
     */
    strictKeys?: boolean;
  } = {},
): LoadedFrom & { config: FlynnConfig } {
  const result = loadConfig(path, options);
  if (!result.ok) throw new ConfigError(result.path, result.issues);
  if (options.strictKeys) refuseMisspelledKeys(result);
  return result;
}

/**
 * Throws a `ConfigError` (code `CONFIG_INVALID`) listing every misspelled key of a loaded
 * config (`auth-mode` for `auth_mode`: an unknown key with a suggestion), because ignoring
 * it would silently change what a tier does. Unknown keys without a suggestion stay warnings.
 */
export function refuseMisspelledKeys(result: LoadedFrom): void {
  const misspelled = result.warnings.filter((warning) => warning.suggestion);
  if (misspelled.length === 0) return;
  throw new ConfigError(
    result.path,
    misspelled.map((warning) => ({
      file: result.path,
      path: warning.path,
      message: `unknown key; did you mean \`${warning.suggestion}\`? (ignoring it would change what Flynn does)`,
    })),
  );
}

/**
 * Reads the config file without trusting what is at the path: opened with O_NONBLOCK and
 * checked with fstat before reading, so a fifo or a device named by `--config` is reported
 * instead of blocking forever. Throws the Node error when it cannot be opened.
 */
function readConfigFile(
  file: string,
): { text: string; mode: number; writableByOthers: boolean } | { problem: string } {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const kind = stats.isFIFO()
        ? 'a fifo'
        : stats.isDirectory()
          ? 'a directory'
          : stats.isCharacterDevice() || stats.isBlockDevice()
            ? 'a device'
            : 'not a regular file';
      return { problem: `the config file ${file} is ${kind}, not a regular file` };
    }
    if (stats.size > 1024 * 1024) {
      return {
        problem: `the config file ${file} is larger than 1 MiB; it cannot be a Flynn config`,
      };
    }
    const mode = stats.mode & 0o777;
    return { text: readFileSync(fd, 'utf8'), mode, writableByOthers: (mode & 0o022) !== 0 };
  } finally {
    closeSync(fd);
  }
}
