// YAML errors as config issues, without a character of the user's text. The yaml library
// sometimes quotes the source in its messages (`Unexpected … in …`, `Invalid escape
// sequence \q`, `Not a YAML token: …`, `Unresolved alias …: <name>`), and a config file
// holds secrets, so only messages known to be fixed text pass; anything else becomes a
// fixed description of its error code.
import type { Document, LineCounter, YAMLError } from 'yaml';
import type { ConfigIssue } from './config-issue.js';
import { yamlLib } from './lazy-libs.js';

type Position = Pick<ConfigIssue, 'line' | 'column'>;

/** Messages of the yaml library that are fixed text (or interpolate only fixed words). */
const FIXED_MESSAGES: readonly RegExp[] = [
  /^Missing closing ["']quote$/,
  /^Tabs are not allowed as indentation$/,
  /^Nested mappings are not allowed in compact mappings$/,
  /^A block sequence may not be used as an implicit map key$/,
  /^Map keys must be unique$/,
  /^Implicit keys (of flow sequence pairs )?need to be on a single line$/,
  /^Implicit map keys need to be followed by map values$/,
  /^All (mapping|sequence) items must start at the same column$/,
  /^Sequence item without - indicator$/,
  /^Block collections are not allowed within flow collections$/,
  /^Block scalar values in collections must be indented$/,
  /^Comments must be separated from other tokens by white space characters$/,
  /^Tags and anchors must be separated from the next token by white space$/,
  /^A node can have at most one (anchor|tag)$/,
  /^An alias node must not specify any properties$/,
  /^(Alias|Anchor) cannot be an empty string$/,
  /^Flow end indicator should be more indented than parent$/,
  /^Missing newline after block sequence props$/,
  /^Flow (map|sequence) (in block collection )?must (be sufficiently indented and )?end with an? [}\]]$/,
  /^(Missing , between|Missing , or : between) flow (map|sequence) items$/,
  /^(Unexpected empty item in|Unexpected , in|Missing space after : in) flow (map|sequence)$/,
  /^Unexpected [a-z-]+ (token|at node end|token in YAML (stream|document))$/,
];

/** What each error code means, for messages that are not known to be fixed text. */
const CODE_TEXT: Record<string, string> = {
  BAD_DQ_ESCAPE: 'invalid escape sequence in a double-quoted string',
  BAD_SCALAR_START: 'a plain value cannot start with this character; quote the value',
  BAD_INDENT: 'wrong indentation',
  BAD_ALIAS: 'invalid alias',
  BAD_DIRECTIVE: 'invalid directive',
  BAD_PROP_ORDER: 'anchors and tags must come after the indicator',
  BAD_COLLECTION_TYPE: 'a tag does not fit its collection',
  TAG_RESOLVE_FAILED: 'unknown tag (a config needs no YAML tags)',
  MISSING_CHAR: 'a character is missing here',
  MULTILINE_IMPLICIT_KEY: 'keys need to be on a single line',
  DUPLICATE_KEY: 'map keys must be unique',
  TAB_AS_INDENT: 'tabs are not allowed as indentation',
  RESOURCE_EXHAUSTION: 'the document is too large or nested too deeply',
  UNEXPECTED_TOKEN: 'unexpected text here',
};

/** The message of a yaml error, with nothing the user typed in it. */
export function yamlErrorText(error: YAMLError): string {
  const first = error.message.split('\n')[0] ?? '';
  if (FIXED_MESSAGES.some((pattern) => pattern.test(first))) return first;
  return CODE_TEXT[error.code] ?? 'the text here is not valid YAML';
}

/** Finds, in a CST, the quoted scalar token that runs to `end` (an unclosed quote). */
function quotedTokenStart(node: unknown, end: number): number | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = quotedTokenStart(item, end);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const token = node as { type?: unknown; offset?: unknown; source?: unknown };
  if (
    (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') &&
    typeof token.offset === 'number' &&
    typeof token.source === 'string' &&
    token.offset + token.source.length === end
  ) {
    return token.offset;
  }
  for (const value of Object.values(node)) {
    if (typeof value === 'object' && value !== null) {
      const found = quotedTokenStart(value, end);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Where an error should be reported. yaml places a missing closing quote at the end of
 * the (runaway) quoted scalar, often the end of the file; the useful place is where the
 * quote was opened, so that is reported instead.
 */
export function yamlErrorOffset(error: YAMLError, text: string): number {
  const [start] = error.pos;
  if (error.code === 'MISSING_CHAR' || error.code === 'BAD_INDENT') {
    const tokenStart = quotedTokenStart(Array.from(new (yamlLib().Parser)().parse(text)), start);
    if (tokenStart !== undefined) return tokenStart;
  }
  return start;
}

/** The position of the first alias in `document` that refers to no earlier anchor. */
export function unresolvedAliasPosition(document: Document, lineCounter: LineCounter): Position {
  const { isAlias, visit } = yamlLib();
  let offset: number | undefined;
  visit(document, {
    Alias(_key, node) {
      if (!isAlias(node) || node.resolve(document) !== undefined) return undefined;
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
