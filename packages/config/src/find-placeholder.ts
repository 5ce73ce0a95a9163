// A credential that is really another tool's placeholder. Flynn reads a secret from
// `{ env: NAME }`, `{ file: PATH }`, `{ command: [...] }`, `{ shell: "..." }` or `${NAME}`
// inside a string; any other string is sent as it is. A value pasted from another tool
// (`$OPENAI_API_KEY`, opencode's `{env:NAME}`, pi's `!cmd`, `op://...`, `<your key>`) would
// then go to the provider literally, as the key: the request fails with a 401 that says
// nothing about the config, and doctor used to call the tier ok because a key was set.
// Spotting the shape lets the config check and doctor say what it looks like and what to
// write instead. Nothing here repeats the value: only a variable name that is plainly a name
// (and not secret-shaped) appears in the suggestion.
import { looksLikeSecret } from './show-value.js';

export interface Placeholder {
  /** What it looks like, in words, never quoting the value: e.g. 'a shell variable ($NAME)'. */
  looksLike: string;
  /** Flynn's syntax to use instead, e.g. 'api_key: { env: NAME }' or '"${NAME}"'. */
  instead: string;
}

type Field = 'api_key' | 'auth_token' | 'header';

interface Rule {
  pattern: RegExp;
  looksLike: string;
  /** `name` is the captured variable name, already reduced to `NAME` unless plainly a name. */
  instead: (field: Field, name: string) => string;
}

/** Names are not secrets: one is repeated only when it is plainly a variable name. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A placeholder starts a word (the value's start, a space or a quote) and ends one. */
const START = String.raw`(?:^|[\s"'])`;
const END = String.raw`(?=$|[\s"',;])`;

function shownName(captured: string | undefined): string {
  // `{{ .Env.KEY }}`, `${{ secrets.KEY }}`: the variable is the last dotted part.
  const name = captured?.trim().split('.').pop();
  return name !== undefined && NAME.test(name) && !looksLikeSecret(name) ? name : 'NAME';
}

/** `${NAME}` in a string: the whole value for a credential field, in place for a header. */
const interpolate = (field: Field, name: string) =>
  field === 'header' ? `\${${name}}` : `${field}: "\${${name}}"`;
/**
 * A mapping reference as the field's whole value. Headers take no references, only `${NAME}`:
 * there the secret goes into a variable first.
 */
const mapping = (text: string) => (field: Field) =>
  field === 'header'
    ? `\${NAME} with NAME set in the environment (header values expand only \${NAME})`
    : `${field}: ${text}`;
const envMapping = (field: Field, name: string) =>
  field === 'header' ? `\${${name}}` : `${field}: { env: ${name} }`;
const command = mapping('{ command: [program, arg, ...] } (or { shell: "..." })');
const literal = (field: Field) =>
  `the ${field === 'header' ? 'token' : 'key'} itself, or a reference such as ${envMapping(field, 'NAME')}`;

/** Checked in order; the first match wins. */
const RULES: Rule[] = [
  {
    pattern: /^!\s*\S/,
    looksLike: 'a command to run (a value starting with !, as pi writes it)',
    instead: command,
  },
  {
    pattern: new RegExp(`${START}op://\\S`),
    looksLike: 'a 1Password secret reference (op://...)',
    instead: mapping('{ command: [op, read, "op://..."] }'),
  },
  {
    pattern: /(?<!\$)\{\s*env\s*:\s*([^{}\s]*)\s*\}/,
    looksLike: 'an environment reference written as a string ({env:NAME}, as opencode writes it)',
    instead: envMapping,
  },
  {
    pattern: /(?<!\$)\{\s*file\s*:[^{}]*\}/,
    looksLike: 'a file reference written as a string ({file:PATH}, as opencode writes it)',
    instead: mapping('{ file: PATH }'),
  },
  {
    pattern: /(?<!\$)\{\s*(?:command|shell)\s*:[^{}]*\}/,
    looksLike: 'a command reference written as a string ({ command: ... } in quotes)',
    instead: command,
  },
  {
    pattern: /\{\{([^{}]{1,100})\}\}/,
    looksLike: 'a template placeholder ({{ NAME }})',
    instead: interpolate,
  },
  {
    pattern: new RegExp(`${START}\\$\\(`),
    looksLike: 'a shell command substitution ($(...))',
    instead: command,
  },
  {
    pattern: new RegExp(`${START}\\$([A-Za-z_][A-Za-z0-9_]*)${END}`),
    looksLike: 'a shell variable ($NAME)',
    instead: interpolate,
  },
  {
    pattern: new RegExp(`${START}%([A-Za-z_][A-Za-z0-9_]*)%${END}`),
    looksLike: 'a Windows environment variable (%NAME%)',
    instead: interpolate,
  },
  {
    pattern: new RegExp(`${START}env:([A-Z_][A-Z0-9_]*)${END}`),
    looksLike: 'an environment reference with an env: prefix (env:NAME)',
    instead: envMapping,
  },
  {
    pattern: new RegExp(`${START}file:\\S`),
    looksLike: 'a file reference with a file: prefix (file:PATH)',
    instead: mapping('{ file: PATH }'),
  },
  {
    pattern: new RegExp(`${START}exec:\\S`),
    looksLike: 'a command reference with an exec: prefix (exec:...)',
    instead: command,
  },
  {
    pattern: new RegExp(`${START}<[A-Za-z][\\w .-]{0,60}>${END}`),
    looksLike: 'a template placeholder in angle brackets (<...>)',
    instead: literal,
  },
  {
    pattern: new RegExp(
      `${START}(?:sk-(?:ant-|proj-)?(?:x{3,}|\\.{3,}|…)|x{3,}|(?:your|my)[-_ ]?(?:api[-_ ]?)?(?:key|token|secret)(?:[-_ ]?here)?)${END}`,
      'i',
    ),
    looksLike: 'an example value from documentation (such as YOUR_API_KEY or sk-...)',
    instead: literal,
  },
];

/**
 * The placeholder of another tool that `value` (an `api_key`, an `auth_token` or a header
 * value) looks like, if any: a value Flynn would send literally, such as `$NAME`,
 * `{env:NAME}`, `{file:PATH}`, `!cmd`, `op://...`, `env:NAME`, `%NAME%`, `{{ NAME }}`,
 * `<your key>` or `YOUR_API_KEY`. Flynn's own `${NAME}` and `$$` are not placeholders, and
 * real keys (`sk-proj-...`, `ghp_...`, JWTs, base64 with a `$` inside) are not flagged.
 * Neither text repeats the value; only a plain variable name may appear in `instead`.
 */
export function findPlaceholder(value: string, field: Field): Placeholder | undefined {
  const text = value.trim();
  for (const rule of RULES) {
    const match = rule.pattern.exec(text);
    if (match)
      return { looksLike: rule.looksLike, instead: rule.instead(field, shownName(match[1])) };
  }
  return undefined;
}
