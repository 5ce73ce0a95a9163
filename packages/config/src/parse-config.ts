import { sanitizeText } from '@flynn/core';
import type { core } from 'zod/mini';
import { checkConfigSemantics } from './check-config-semantics.js';
import type { ConfigIssue, ConfigWarning } from './config-issue.js';
import { yamlLib } from './lazy-libs.js';
import { type FlynnConfig, flynnConfigSchema } from './schema.js';
import { showKey, showValue } from './show-value.js';
import { unresolvedAliasPosition, yamlErrorOffset, yamlErrorText } from './yaml-problem.js';

export type ParseConfigResult =
  | { ok: true; config: FlynnConfig; warnings: ConfigWarning[] }
  | { ok: false; issues: ConfigIssue[]; warnings: ConfigWarning[] };

type PathSegment = string | number;

/**
 * Values of these keys may be echoed in messages, and then only when short, plain and not
 * secret-shaped (`showValue`); values of other keys (secrets, URLs, headers) never are.
 */
const ECHOABLE_KEYS = new Set(['provider', 'auth_mode', 'use_oauth', 'name', 'model']);

/** `['models', 'local_providers', 1, 'name']` -> `models.local_providers[1].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/**
 * Parses and validates the text of a `config.yaml`. Never throws for bad input:
 * YAML syntax errors come back with line and column, schema errors with their
 * path, the offending value (unless it may be secret) and what is allowed.
 */
export function parseConfig(text: string, file: string): ParseConfigResult {
  const { isMap, isScalar, LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      warnings: [],
      issues: document.errors.map((error) => {
        const position = lineCounter.linePos(yamlErrorOffset(error, text));
        return {
          file,
          path: '',
          message: `YAML syntax error: ${yamlErrorText(error)}`,
          line: position.line,
          column: position.col,
          ...excerptAt(text, position.line, position.col),
        };
      }),
    };
  }

  const locate = (path: readonly PathSegment[]): Pick<ConfigIssue, 'line' | 'column'> => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true);
      const offset = isScalar(node) || isMap(node) ? node.range?.[0] : undefined;
      if (offset !== undefined) {
        const { line, col } = lineCounter.linePos(offset);
        return { line, column: col };
      }
    }
    return {};
  };

  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml's messages here quote the alias name, which is the user's text: say it in our words.
    const text = String((error as Error | undefined)?.message ?? '');
    const message = /alias count/i.test(text)
      ? 'YAML error: too many aliases (more than 100 expansions)'
      : /unresolved alias/i.test(text)
        ? 'YAML error: an alias (*name) refers to an anchor (&name) that is not defined before it'
        : 'YAML error: the document cannot be read (check its aliases and anchors)';
    return {
      ok: false,
      warnings: [],
      issues: [{ file, path: '', message, ...unresolvedAliasPosition(document, lineCounter) }],
    };
  }
  if (raw === null || raw === undefined) {
    return {
      ok: false,
      warnings: [],
      issues: [{ file, path: '', message: 'the file is empty: expected a `models:` mapping' }],
    };
  }

  // A config is parsed once per process: zod's JIT (code generated with `new Function`)
  // costs more to compile than it saves on a single parse.
  const parsed = flynnConfigSchema.safeParse(raw, { jitless: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      file,
      // Record keys (`headers`) are the user's text too.
      path: formatPath(issue.path.map((key) => (typeof key === 'string' ? showKey(key) : key))),
      message: describeIssue(issue, raw),
      ...locate(issue.path as PathSegment[]),
    }));
    return { ok: false, warnings: [], issues };
  }

  const semantics = checkConfigSemantics(parsed.data, raw);
  const issues = semantics.issues.map((issue) => ({
    file,
    ...issue,
    ...locate(issue.segments),
  }));
  if (issues.length > 0) return { ok: false, issues, warnings: semantics.warnings };
  return { ok: true, config: parsed.data, warnings: semantics.warnings };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** What sort of value it is, never the value: `a string`, `a list`, ... */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'boolean' ? 'a boolean' : `a ${typeof value}`;
}

function describeIssue(issue: core.$ZodIssue, raw: unknown): string {
  const key = issue.path[issue.path.length - 1];
  const value = valueAt(raw, issue.path);
  const shown =
    typeof key === 'string' && ECHOABLE_KEYS.has(key) ? showValue(value) : kindOf(value);
  switch (issue.code) {
    case 'invalid_value':
      return `${shown} is not allowed (allowed: ${issue.values.map(String).join(', ')})`;
    case 'invalid_type':
      return value === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${shown}`;
    case 'invalid_format':
      // A regex check carries its own message ("must be lowercase letters, ...").
      if (issue.format === 'regex') return issue.message;
      return `must be a valid ${issue.format === 'url' ? 'http(s) URL' : issue.format}`;
    case 'too_small':
      return 'must not be empty';
    case 'invalid_key':
      // A record key that failed its check (headers: not a valid HTTP header name).
      return issue.issues[0]?.message ?? 'is not a valid key';
    default:
      return issue.message;
  }
}

/** Keys whose line may hold a secret: such a line is never echoed in an excerpt. */
const SECRET_LINE = /api[_-]?key|auth[_-]?token|authorization|token|secret|password|bearer|sk-/i;

/** `{ excerpt }`: line `line` of `text` and a caret under `column`, unless it may hold a secret. */
function excerptAt(text: string, line: number, column: number): { excerpt?: string } {
  const source = text.split(/\r?\n/)[line - 1];
  if (source === undefined || SECRET_LINE.test(source) || source.length > 200) return {};
  const shown = sanitizeText(source, { singleLine: true });
  return { excerpt: `${shown}\n${' '.repeat(Math.max(0, column - 1))}^` };
}
