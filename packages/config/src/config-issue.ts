import { FlynnError, isFlynnError } from '@flynn/core';

/** A problem that makes a config unusable, located as precisely as the input allows. */
export interface ConfigIssue {
  /** The file it was found in (or `<defaults>` for the shipped config). */
  file: string;
  /** Dotted path into the document, e.g. `models.fast.auth_mode`; empty for syntax errors. */
  path: string;
  /** What is wrong and what is allowed. Never contains a secret value. */
  message: string;
  /** 1-based line and column, when known. */
  line?: number;
  column?: number;
  /**
   * For a YAML syntax error: the offending line and a caret under the column, e.g.
   * `fast: { provider: openai\n                        ^`. Absent when the line may hold a secret.
   */
  excerpt?: string;
}

/** Something that works but deserves attention (e.g. `auth_mode` overriding `use_oauth`). */
export interface ConfigWarning {
  path: string;
  /** The tier or local provider it concerns, when it concerns one. */
  tier?: string;
  message: string;
  /** For an unknown key: the known key it is most likely a misspelling of (`auth_mode`). */
  suggestion?: string;
}

/** `file:line:col: path: message`, the one-line form used by the CLI. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const position = issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`;
  const where = issue.path ? `${issue.path}: ` : '';
  const excerpt = issue.excerpt
    ? `\n${issue.excerpt
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n')}`
    : '';
  return `${issue.file}${position}: ${where}${issue.message}${excerpt}`;
}

/** `path: message`. */
export function formatConfigWarning(warning: ConfigWarning): string {
  return `${warning.path}: ${warning.message}`;
}

/** Thrown by `loadConfigOrThrow` when the config cannot be used. */
export class ConfigError extends FlynnError<'CONFIG_INVALID'> {
  readonly file: string;
  readonly issues: ConfigIssue[];

  constructor(file: string, issues: ConfigIssue[]) {
    super('CONFIG_INVALID', issues.map(formatConfigIssue).join('\n') || `invalid config: ${file}`);
    this.name = 'ConfigError';
    this.file = file;
    this.issues = issues;
  }
}

/** True for a `ConfigError`, also across duplicate copies of this package. */
export function isConfigError(error: unknown): error is ConfigError {
  return isFlynnError(error, 'CONFIG_INVALID');
}
