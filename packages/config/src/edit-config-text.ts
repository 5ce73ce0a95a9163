// `flynn config set` / `unset`: edits of config.yaml that keep what a person wrote. The
// `yaml` Document API changes one node and prints the rest as it was (comments, order,
// blank lines, flow or block style); the result is validated like any config before the
// caller writes it, so an edit that would break the config is refused with its issues.
import type { ConfigIssue } from './config-issue.js';
import { yamlLib } from './lazy-libs.js';
import { parseConfig } from './parse-config.js';

/** One edit: set the value at `path` (a YAML scalar such as `oauth`, `true`, `8080`), or remove it. */
export type ConfigEdit = { path: string; value: string } | { path: string; unset: true };

export type EditConfigResult =
  | { ok: true; text: string; changed: boolean }
  | { ok: false; issues: ConfigIssue[] };

/**
 * `models.fast.auth_mode` -> `['models', 'fast', 'auth_mode']`;
 * `models.local_providers[0].name` -> `['models', 'local_providers', 0, 'name']`.
 * @returns undefined for a malformed path (empty segments, unclosed brackets).
 */
export function configPathSegments(path: string): Array<string | number> | undefined {
  const segments: Array<string | number> = [];
  const pattern = /([A-Za-z0-9_-]+)|\[(\d+)\]|(\.)/gy;
  let expectKey = true;
  let match: RegExpExecArray | null;
  let consumed = 0;
  for (match = pattern.exec(path); match; match = pattern.exec(path)) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) {
      if (!expectKey) return undefined;
      segments.push(match[1]);
      expectKey = false;
    } else if (match[2] !== undefined) {
      if (expectKey) return undefined;
      segments.push(Number(match[2]));
    } else {
      if (expectKey) return undefined;
      expectKey = true;
    }
  }
  if (consumed !== path.length || expectKey || segments.length === 0) return undefined;
  return segments;
}

/**
 * Applies `edit` to the config `text` (of `file`, named in issues) and validates the result.
 * Comments and the order of keys are kept. Returns the new text, or the issues that make
 * the edit invalid (a bad path, a YAML error in `text`, a schema error in the result).
 * Never throws for bad input.
 */
export function editConfigText(text: string, file: string, edit: ConfigEdit): EditConfigResult {
  const segments = configPathSegments(edit.path);
  if (!segments) {
    return {
      ok: false,
      issues: [
        {
          file,
          path: edit.path,
          message: `not a config path: "${edit.path}" (write it like models.fast.auth_mode or models.local_providers[0].model)`,
        },
      ],
    };
  }
  const { parse, parseDocument } = yamlLib();
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    const parsed = parseConfig(text, file);
    return { ok: false, issues: parsed.ok ? [] : parsed.issues };
  }
  if ('unset' in edit) {
    if (!document.hasIn(segments)) return { ok: true, text, changed: false };
    document.deleteIn(segments);
  } else {
    let value: unknown;
    try {
      value = parse(edit.value);
    } catch {
      value = edit.value;
    }
    // A scalar is set as YAML reads it (`true`, `8080`); anything else stays the text given.
    if (value === null || typeof value === 'object') value = edit.value;
    if (document.contents === null) {
      // An empty file: start from a map holding just this value.
      const empty = parseDocument('{}\n');
      empty.setIn(segments, value);
      const checked = parseConfig(empty.toString(), file);
      return checked.ok
        ? { ok: true, text: empty.toString(), changed: true }
        : { ok: false, issues: checked.issues };
    }
    document.setIn(segments, value);
  }
  const next = restoreCommentLines(text, document.toString());
  const checked = parseConfig(next, file);
  if (!checked.ok) return { ok: false, issues: checked.issues };
  return { ok: true, text: next, changed: next !== text };
}

/**
 * The `yaml` printer re-indents a comment that follows the last entry of a map (it belongs
 * to the map there): each comment line of `next` that was in `original` gets its original
 * indentation back, so a person's comments come out exactly as they were written.
 */
function restoreCommentLines(original: string, next: string): string {
  const written = new Map<string, string[]>();
  for (const line of original.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('#')) continue;
    const lines = written.get(trimmed) ?? [];
    lines.push(line);
    written.set(trimmed, lines);
  }
  return next
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      if (!trimmed.startsWith('#')) return line;
      return written.get(trimmed)?.shift() ?? line;
    })
    .join('\n');
}
