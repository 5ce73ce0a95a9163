/// <reference path="./yaml-text.d.ts" />
import { readFileSync } from 'node:fs';
import defaultConfigText from '../config/default.yaml';
import { ConfigError, type ConfigIssue, type ConfigWarning } from './config-issue.js';
import { type Env, resolveConfigPaths } from './config-paths.js';
import { parseConfig } from './parse-config.js';
import type { FlynnConfig } from './schema.js';

/** The text of the shipped, commented `config/default.yaml`. */
export const DEFAULT_CONFIG_YAML: string = defaultConfigText;

export interface LoadConfigOptions {
  /** Env used to find the default path (default: `process.env`). */
  env?: Env;
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
 * A missing file means the shipped defaults. Never throws for bad input: YAML and
 * schema problems come back as `issues`; an unreadable file (permissions, a
 * directory) is an issue too.
 */
export function loadConfig(path?: string, options: LoadConfigOptions = {}): LoadConfigResult {
  const file = path ?? resolveConfigPaths(options.env).configFile;
  let text: string;
  let source: 'file' | 'defaults' = 'file';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      const issue = { file, path: '', message: `cannot read the config file (${code ?? 'error'})` };
      return { ok: false, path: file, source, warnings: [], issues: [issue] };
    }
    text = DEFAULT_CONFIG_YAML;
    source = 'defaults';
  }
  const result = parseConfig(text, source === 'defaults' ? '<defaults>' : file);
  return { ...result, path: file, source };
}

/** Like `loadConfig`, but throws a `ConfigError` (code `CONFIG_INVALID`) instead of returning issues. */
export function loadConfigOrThrow(
  path?: string,
  options: LoadConfigOptions = {},
): LoadedFrom & { config: FlynnConfig } {
  const result = loadConfig(path, options);
  if (!result.ok) throw new ConfigError(result.path, result.issues);
  return result;
}
