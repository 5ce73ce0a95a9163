/**
 * Secret references: a credential field (`api_key`, `auth_token`) may name where its value
 * lives instead of holding it, so that a key kept in a secret manager is never written to
 * disk. This module knows their shape and how to name them in messages; reading the values
 * is `materializeTierSecrets`. Nothing here ever sees or shows a value.
 */
import { sanitizeText } from '@flynn/core';
import { showKey } from './show-value.js';

/** Default and upper limit of a command reference's `timeout_s`. */
export const DEFAULT_COMMAND_TIMEOUT_S = 10;
const MAX_TIMEOUT_S = 600;

/** Options shared by the two kinds of command reference. */
interface CommandOptions {
  /** Seconds the command may run; default {@link DEFAULT_COMMAND_TIMEOUT_S}. */
  timeout_s?: number;
  /** In a long-running process, run the command again once its value is this many seconds old. */
  ttl_s?: number;
}

/**
 * Where a credential's value comes from, in place of the value:
 * - `{ env: NAME }`: the variable (absent when unset or blank);
 * - `{ file: PATH }`: the file's content, trimmed (`~` expanded, relative to the config file);
 * - `{ command: [program, ...args] }`: the program's stdout, trimmed, run without a shell;
 * - `{ shell: "..." }`: the same through `/bin/sh -c`, for pipelines.
 */
export type SecretReference =
  | { env: string }
  | { file: string }
  | ({ command: string[] } & CommandOptions)
  | ({ shell: string } & CommandOptions);

/** What a credential field holds: the value itself (`${NAME}` expanded) or a reference. */
export type SecretValue = string | SecretReference;

/** The syntax, for messages that say what is allowed. */
export const SECRET_REFERENCE_SYNTAX =
  '{ env: NAME }, { file: PATH }, { command: [program, arg, ...] } or { shell: "..." }';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KIND_KEYS = ['env', 'file', 'command', 'shell'] as const;
const OPTION_KEYS = new Set(['timeout_s', 'ttl_s']);

/** True for a reference mapping (not a plain string). */
export function isSecretReference(value: unknown): value is SecretReference {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a reference that runs a program (`command` or `shell`). */
export function isCommandReference(
  value: unknown,
): value is Extract<SecretReference, { command: string[] } | { shell: string }> {
  return isSecretReference(value) && ('command' in value || 'shell' in value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && !value.includes('\u0000');
}

function optionProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    return `${key} must be a positive number of seconds`;
  }
  if (key === 'timeout_s' && value > MAX_TIMEOUT_S) {
    return `timeout_s must be at most ${MAX_TIMEOUT_S}`;
  }
  return undefined;
}

/**
 * What is wrong with a credential field's value, or `undefined` when it is a string or a
 * well-formed reference. Used by the schema; the text never quotes the value (keys are
 * shown through `showKey`).
 */
export function secretValueProblem(value: unknown): string | undefined {
  if (typeof value === 'string') return undefined;
  if (!isSecretReference(value)) {
    return `expected a string or a reference (${SECRET_REFERENCE_SYNTAX})`;
  }
  const keys = Object.keys(value);
  const kinds = KIND_KEYS.filter((kind) => keys.includes(kind));
  if (kinds.length !== 1) {
    return kinds.length === 0
      ? `a reference needs exactly one of env, file, command or shell (${SECRET_REFERENCE_SYNTAX})`
      : `a reference takes only one of ${kinds.join(', ')}`;
  }
  const [kind] = kinds as [(typeof KIND_KEYS)[number]];
  for (const key of keys) {
    if (key === kind) continue;
    if (!OPTION_KEYS.has(key) || kind === 'env' || kind === 'file') {
      return `unknown key in the ${kind} reference: ${showKey(key)}`;
    }
    const problem = optionProblem(key, (value as Record<string, unknown>)[key]);
    if (problem) return problem;
  }
  const target = (value as Record<string, unknown>)[kind];
  switch (kind) {
    case 'env':
      return typeof target === 'string' && ENV_NAME.test(target)
        ? undefined
        : 'env must be a variable name (letters, digits and _, not starting with a digit)';
    case 'file':
      return nonEmptyString(target) ? undefined : 'file must be a path';
    case 'shell':
      return nonEmptyString(target) ? undefined : 'shell must be a command line';
    case 'command':
      if (!Array.isArray(target) || target.length === 0 || !nonEmptyString(target[0])) {
        return 'command must be a list: [program, arg, ...] (use shell: "..." for a command line)';
      }
      return target.every((arg) => typeof arg === 'string' && !arg.includes('\u0000'))
        ? undefined
        : 'every item of command must be a string';
  }
}

/**
 * The program a command reference runs, as shown: its base name, sanitized. A shell line's
 * leading `NAME=value` assignments are skipped, and a word holding `=` is never shown (it
 * may be a token: `OP_SESSION_x=... op read ...`).
 */
function programName(reference: { command: string[] } | { shell: string }): string {
  const words =
    'command' in reference ? reference.command.slice(0, 1) : reference.shell.trim().split(/\s+/);
  const first = words.find((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) ?? '';
  if (first.includes('=')) return 'the command';
  const base = first.split('/').filter(Boolean).pop() ?? first;
  return sanitizeText(base, { singleLine: true }).slice(0, 40) || 'the command';
}

/**
 * How a reference is named in messages, never with its value or a command's arguments:
 * `env: LMSTUDIO_KEY`, `file: ~/.keys/openai`, `command: pass`, `shell: op`.
 */
export function describeSecretReference(reference: SecretReference): string {
  if ('env' in reference) return `env: ${reference.env}`;
  if ('file' in reference) {
    return `file: ${sanitizeText(reference.file, { singleLine: true }).slice(0, 120)}`;
  }
  return `${'command' in reference ? 'command' : 'shell'}: ${programName(reference)}`;
}

/** The program of a command reference, for error messages (`pass`, `op`). */
export function referenceProgram(reference: { command: string[] } | { shell: string }): string {
  return programName(reference);
}
