import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { core } from 'zod/mini';
import { checkConfigSemantics } from './check-config-semantics.js';
import type { ConfigIssue, ConfigWarning } from './config-issue.js';
import { type FlynnConfig, flynnConfigSchema } from './schema.js';

export type ParseConfigResult =
  | { ok: true; config: FlynnConfig; warnings: ConfigWarning[] }
  | { ok: false; issues: ConfigIssue[]; warnings: ConfigWarning[] };

type PathSegment = string | number;

/** Values of these keys are echoed in messages; anything else (secrets, URLs, headers) never is. */
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
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      warnings: [],
      issues: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          file,
          path: '',
          message: `YAML syntax error: ${error.message.split('\n')[0]}`,
          line: position.line,
          column: position.col,
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
    return {
      ok: false,
      warnings: [],
      issues: [{ file, path: '', message: `YAML error: ${(error as Error).message}` }],
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
      path: formatPath(issue.path),
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

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function describeIssue(issue: core.$ZodIssue, raw: unknown): string {
  const key = issue.path[issue.path.length - 1];
  const value = valueAt(raw, issue.path);
  const shown =
    typeof key === 'string' && ECHOABLE_KEYS.has(key) ? describeValue(value) : typeof value;
  switch (issue.code) {
    case 'invalid_value':
      return `${shown} is not allowed (allowed: ${issue.values.map(String).join(', ')})`;
    case 'invalid_type':
      return value === undefined
        ? `required (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${shown}`;
    case 'invalid_format':
      return `must be a valid ${issue.format === 'url' ? 'http(s) URL' : issue.format}`;
    case 'too_small':
      return 'must not be empty';
    default:
      return issue.message;
  }
}
