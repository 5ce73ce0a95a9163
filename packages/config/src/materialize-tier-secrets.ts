/**
 * Turns one tier's credential fields and headers into the values that are sent: `${NAME}`
 * expanded, `{ env }`, `{ file }` read, `{ command }`/`{ shell }` run (through a
 * {@link SecretResolver}). Only the tier asked for is touched, so a command reference costs
 * nothing where its tier is not used. A failing field becomes a `SecretReferenceError` in
 * the result (the tier's problem), never a thrown error; no value is ever put in a message.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { homeDirectory } from '@flynn/core';
import type { Env } from './config-paths.js';
import { expandVariables, hasVariables } from './expand-variables.js';
import type { TierEntry } from './list-tiers.js';
import { configFileOf } from './load-config.js';
import { type FlynnConfig, isOneLineValue } from './schema.js';
import {
  describeSecretReference,
  isCommandReference,
  type SecretValue,
} from './secret-reference.js';
import { SecretReferenceError } from './secret-reference-error.js';
import {
  type CommandReference,
  SecretCommandFailure,
  type SecretResolver,
} from './secret-resolver.js';

/** The credential fields a tier has. */
export const SECRET_FIELDS = ['api_key', 'auth_token'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** A file a `{ file }` reference read, with its permission bits (doctor warns on 0o077). */
export interface SecretFileRead {
  /** The field: `models.fast.api_key`. */
  path: string;
  /** The file as resolved (`~` expanded, made absolute). */
  file: string;
  mode: number;
}

/** One tier's credentials and headers as they will be sent. Holds values: never print it. */
export interface TierSecrets {
  /** The values of `api_key` / `auth_token` (absent: not set, or an unset `{ env }`). */
  config: Partial<Record<SecretField, string>>;
  /** For each field that was not a plain string, where it came from: `command: pass`. */
  origins: Partial<Record<SecretField, string>>;
  /** For each field that failed, why. */
  errors: Partial<Record<SecretField, SecretReferenceError>>;
  /** The headers with `${NAME}` expanded (undefined when the tier has none). */
  headers?: Record<string, string>;
  /** Headers that could not be expanded. */
  headerErrors: SecretReferenceError[];
  /** Files read by `{ file }` references. */
  files: SecretFileRead[];
  /** Fields whose value came from a command: a rejected value is worth one more run. */
  commands: Partial<Record<SecretField, CommandReference>>;
  /** The directory commands ran in and relative files were read from. */
  baseDir: string;
}

export interface MaterializeOptions {
  env: Env;
  /** Runs command references; required for a tier that has one (else that field fails). */
  resolver?: SecretResolver;
  /** The config file (relative paths start at its directory). Default: `configFileOf(config)`. */
  configFile?: string;
  /** Stops running commands (their process groups are killed) when it aborts. */
  signal?: AbortSignal;
}

/**
 * The tier's secrets without running anything, for callers that cannot wait: strings,
 * `${NAME}`, `{ env }` and `{ file }`. A command reference is not run: its field fails with
 * a message pointing at {@link materializeTierSecrets}.
 */
export function materializeTierSecretsSync(
  tier: TierEntry,
  config: FlynnConfig,
  options: Omit<MaterializeOptions, 'resolver'>,
): TierSecrets {
  const { secrets, pending } = collect(tier, config, options);
  for (const { field, path, reference } of pending) {
    secrets.errors[field] = failure(tier, path, reference, {
      problem: 'command references are run only by async callers (materializeTierSecrets)',
      remedy: [],
    });
  }
  return secrets;
}

/**
 * The tier's secrets, running its command references (in parallel, each bounded by its
 * `timeout_s`, each distinct one once per resolver and `ttl_s`).
 */
export async function materializeTierSecrets(
  tier: TierEntry,
  config: FlynnConfig,
  options: MaterializeOptions,
): Promise<TierSecrets> {
  const { secrets, pending } = collect(tier, config, options);
  await Promise.all(
    pending.map(async ({ field, path, reference }) => {
      if (!options.resolver) {
        secrets.errors[field] = failure(tier, path, reference, {
          problem: 'no command runner was given',
          remedy: [],
        });
        return;
      }
      try {
        secrets.config[field] = await options.resolver.run(
          reference,
          secrets.baseDir,
          options.signal,
        );
        secrets.commands[field] = reference;
      } catch (error) {
        if (!(error instanceof SecretCommandFailure)) throw error;
        secrets.errors[field] = failure(tier, path, reference, error);
      }
    }),
  );
  return secrets;
}

interface Pending {
  field: SecretField;
  path: string;
  reference: CommandReference;
}

function collect(
  tier: TierEntry,
  config: FlynnConfig,
  options: Omit<MaterializeOptions, 'resolver'>,
): { secrets: TierSecrets; pending: Pending[] } {
  const file = options.configFile ?? configFileOf(config);
  const baseDir = file ? dirname(resolve(file)) : process.cwd();
  const secrets: TierSecrets = {
    config: {},
    origins: {},
    errors: {},
    headerErrors: [],
    files: [],
    commands: {},
    baseDir,
  };
  const pending: Pending[] = [];
  for (const field of SECRET_FIELDS) {
    const value = tier.model[field] as SecretValue | undefined;
    const path = `${tier.configPath}.${field}`;
    if (value === undefined) continue;
    if (typeof value === 'string') {
      const expanded = expand(tier, path, value, options.env);
      if (expanded instanceof SecretReferenceError) secrets.errors[field] = expanded;
      else {
        secrets.config[field] = expanded.value;
        if (expanded.origin) secrets.origins[field] = expanded.origin;
      }
      continue;
    }
    secrets.origins[field] = describeSecretReference(value);
    if (isCommandReference(value)) {
      pending.push({ field, path, reference: value });
    } else if ('env' in value) {
      const found = options.env[value.env];
      if (found !== undefined && found.trim() !== '') secrets.config[field] = found;
    } else {
      const read = readSecretFile(value.file, baseDir, options.env);
      if ('problem' in read) {
        secrets.errors[field] = failure(tier, path, value, {
          problem: read.problem,
          remedy: [{ kind: 'advice', text: `Create the file or fix the path in ${path}.file` }],
        });
      } else {
        secrets.config[field] = read.value;
        secrets.files.push({ path, file: read.file, mode: read.mode });
      }
    }
  }
  const headers = tier.model.headers;
  if (headers) {
    secrets.headers = {};
    for (const [name, value] of Object.entries(headers)) {
      const expanded = expand(tier, `${tier.configPath}.headers.${name}`, value, options.env);
      if (expanded instanceof SecretReferenceError) secrets.headerErrors.push(expanded);
      else secrets.headers[name] = expanded.value;
    }
  }
  return { secrets, pending };
}

function expand(
  tier: TierEntry,
  path: string,
  value: string,
  env: Env,
): { value: string; origin?: string } | SecretReferenceError {
  if (!hasVariables(value)) return { value };
  const expansion = expandVariables(value, env);
  if (!expansion.ok) {
    const names = expansion.missing.join(', ');
    return new SecretReferenceError({
      path,
      origin: expansion.missing.map((name) => `\${${name}}`).join(' '),
      problem: `${expansion.missing.length > 1 ? 'variables are' : 'variable is'} not set: ${names}`,
      remedy: [
        {
          kind: 'advice',
          text: `Set ${names} in the environment, or write $$ for a literal $`,
        },
      ],
      tier: tier.name,
    });
  }
  const origin = expansion.variables.map((name) => `\${${name}}`).join(' ');
  if (!isOneLineValue(expansion.value)) {
    return new SecretReferenceError({
      path,
      origin,
      problem: 'the expanded value holds a line break or another control character',
      remedy: [{ kind: 'advice', text: `Set ${expansion.variables.join(', ')} to one line` }],
      tier: tier.name,
    });
  }
  return origin ? { value: expansion.value, origin } : { value: expansion.value };
}

function failure(
  tier: TierEntry,
  path: string,
  reference: Exclude<SecretValue, string>,
  why: Pick<SecretCommandFailure, 'problem' | 'remedy'>,
): SecretReferenceError {
  return new SecretReferenceError({
    path,
    origin: describeSecretReference(reference),
    problem: why.problem,
    remedy: why.remedy,
    tier: tier.name,
  });
}

const MAX_FILE = 64 * 1024;

/** `~` expanded to the home directory (`homeDirectory`), a relative path resolved from `baseDir`. */
function secretFilePath(path: string, baseDir: string, env: Env): string {
  const home = homeDirectory(env);
  const expanded = path === '~' ? home : path.startsWith('~/') ? `${home}${path.slice(1)}` : path;
  return isAbsolute(expanded) ? expanded : resolve(baseDir, expanded);
}

function readSecretFile(
  path: string,
  baseDir: string,
  env: Env,
): { value: string; file: string; mode: number } | { problem: string } {
  const file = secretFilePath(path, baseDir, env);
  let fd: number | undefined;
  try {
    // Checked before opening: opening a fifo would wait for a writer, with no time limit.
    if (!statSync(file).isFile()) return { problem: 'is not a regular file' };
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: 'is not a regular file' };
    if (stat.size > MAX_FILE)
      return { problem: 'is larger than 64 KB; a secret file holds one line' };
    const buffer = Buffer.alloc(Math.max(stat.size, 1));
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const value = buffer.subarray(0, length).toString('utf8').trim();
    if (value === '') return { problem: 'the file is empty' };
    return { value, file, mode: stat.mode & 0o777 };
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return {
      problem:
        code === 'ENOENT'
          ? 'the file does not exist'
          : code === 'EACCES'
            ? 'the file cannot be read (permission denied)'
            : `the file cannot be read (${typeof code === 'string' ? code : 'error'})`,
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The tier's half of a credential resolution request (`@flynn/auth-store`'s `ResolveRequest`
 * without env and store): its provider, effective mode, config values as materialized, where
 * they came from, the fields that failed, and for a local provider its name.
 */
export function tierCredentialRequest(tier: TierEntry, secrets: TierSecrets) {
  return {
    tier: tier.name,
    provider: tier.model.provider,
    mode: tier.authMode.mode,
    modeOrigin: tier.authMode.origin,
    config: secrets.config,
    configOrigins: secrets.origins,
    configErrors: secrets.errors,
    configPath: tier.configPath,
    ...(tier.isLocalProvider ? { localProvider: tier.name } : {}),
  };
}
