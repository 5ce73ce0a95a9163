// A config file holds secrets, and a pasted key can land anywhere: in any field, as a key
// name, inside a broken quote. Whatever goes wrong, no issue or warning repeats it.
import { describe, expect, it } from 'vitest';
import { formatConfigIssue, formatConfigWarning } from './config-issue.js';
import { parseConfig } from './parse-config.js';
import { isEchoable, looksLikeSecret } from './show-value.js';

const CANARY = 'sk-ant-api03-CANARYcanary0123456789abcdef';
const CANARIES = [
  CANARY,
  'sk-proj-PASTEDKEYpastedkey0123456789',
  'ghp_0123456789abcdefABCDEF0123456789abcd',
  'gho_0123456789abcdefABCDEF0123456789abcd',
  'github_pat_11ABCDEFG0123456789_abcdefghijkl',
  'Zx81Qm2Lp0Rt7Kv9Wn3Yb6Hc4Jd5Fg', // no known prefix: a long random-looking string
];

/** Everything a caller could print or serialise from a result. */
function everything(result: ReturnType<typeof parseConfig>): string {
  const issues = result.ok ? [] : result.issues.map(formatConfigIssue);
  return [JSON.stringify(result), ...issues, ...result.warnings.map(formatConfigWarning)].join(
    '\n',
  );
}

function expectNoCanary(yaml: string, canary: string) {
  const result = parseConfig(yaml, 'config.yaml');
  const text = everything(result);
  expect(text).not.toContain(canary);
  // Not even a piece of it long enough to matter.
  for (let start = 0; start + 12 <= canary.length; start += 4) {
    expect(text).not.toContain(canary.slice(start, start + 12));
  }
  return result;
}

describe('a secret typed into a config is never echoed', () => {
  it.each(CANARIES)('in provider, auth_mode, model, name and use_oauth: %s', (canary) => {
    for (const yaml of [
      `models:\n  default:\n    provider: ${canary}\n    model: m\n`,
      `models:\n  default:\n    provider: openai\n    model: m\n    auth_mode: ${canary}\n`,
      `models:\n  default:\n    provider: openai\n    model: m\n    use_oauth: ${canary}\n`,
      `models:\n  default:\n    provider: openai\n    model: m\n    base_url: ${canary}\n`,
    ]) {
      expect(expectNoCanary(yaml, canary).ok).toBe(false);
    }
    // model as a non-string (a list holding the canary), and a bad local provider name
    expectNoCanary(`models:\n  fast: {provider: openai, model: ["${canary}"]}\n`, canary);
    const named = expectNoCanary(
      `models:\n  local_providers:\n    - {name: "${canary}", provider: ollama, model: m}\n`,
      canary,
    );
    expect(named.ok ? [] : named.issues.map((issue) => issue.path)).toEqual([
      'models.local_providers[0].name',
    ]);
  });

  it('quotes a short, plain, harmless value (the message stays useful)', () => {
    const result = parseConfig(
      'models:\n  fast: {provider: openai, model: m, auth_mode: token}\n',
      'config.yaml',
    );
    expect(result.ok ? '' : result.issues[0]?.message).toBe(
      '"token" is not allowed (allowed: auto, api_key, oauth)',
    );
    const secret = parseConfig(
      `models:\n  fast: {provider: openai, model: m, auth_mode: ${CANARY}}\n`,
      'config.yaml',
    );
    expect(secret.ok ? '' : secret.issues[0]?.message).toBe(
      'a string is not allowed (allowed: auto, api_key, oauth)',
    );
  });

  it.each(CANARIES)('as a key name, in every mapping: %s', (canary) => {
    for (const yaml of [
      `${canary}: 1\nmodels: {}\n`,
      `models:\n  ${canary}: 1\n`,
      `models:\n  fast:\n    provider: openai\n    model: m\n    ${canary}: x\n`,
      `models:\n  local_providers:\n    - {name: lm, provider: ollama, model: m, ${canary}: x}\n`,
      `models:\n  fast: {provider: openai, model: m, headers: {${canary}: 1}}\n`,
    ]) {
      const result = expectNoCanary(yaml, canary);
      const paths = [
        ...result.warnings.map((warning) => warning.path),
        ...(result.ok ? [] : result.issues.map((issue) => issue.path)),
      ];
      expect(paths.join(' ')).toContain('<a key that looks like a secret>');
    }
  });

  it('names a harmless unknown key as written', () => {
    const result = parseConfig(
      'models:\n  fast: {provider: openai, model: m, base url: x}\n',
      'config.yaml',
    );
    expect(result.warnings.map(formatConfigWarning)).toEqual([
      'models.fast.base url: unknown key (ignored); did you mean `base_url`?',
    ]);
  });

  it('does not repeat a secret-shaped local provider name in semantic messages', () => {
    const name = 'sk-proj-0123456789abcdef0123456789';
    const result = parseConfig(
      `models:\n  local_providers:\n    - {name: ${name}, provider: zai, model: g, auth_mode: oauth}\n` +
        `    - {name: ${name}, provider: ollama, model: l}\n`,
      'config.yaml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // The name is valid, so it is part of the config; the messages must not repeat it.
    const messages = [
      ...result.issues.map(formatConfigIssue),
      ...result.warnings.map(formatConfigWarning),
    ].join('\n');
    expect(messages).not.toContain(name.slice(8, 20));
    expect(result.issues.map((issue) => issue.path)).toEqual([
      'models.local_providers[0].auth_mode',
      'models.local_providers[1].name',
    ]);
    expect(result.issues[0]?.message).toContain('the local provider at models.local_providers[0]');
  });

  it('an unresolved alias: fixed text with its position, not the alias name', () => {
    const result = expectNoCanary(
      `models:\n  fast:\n    provider: openai\n    model: *${CANARY}\n`,
      CANARY,
    );
    expect(result.ok ? [] : result.issues.map(formatConfigIssue)).toEqual([
      'config.yaml:4:12: YAML error: an alias (*name) refers to an anchor (&name) that is not defined before it',
    ]);
  });

  it('too many aliases: a fixed message', () => {
    const ten = (item: string) => `[${Array(10).fill(item).join(', ')}]`;
    const result = parseConfig(
      `models:\n  a: &a ${ten('x')}\n  b: &b ${ten('*a')}\n  c: ${ten('*b')}\n`,
      'config.yaml',
    );
    expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([
      'YAML error: too many aliases (more than 100 expansions)',
    ]);
  });

  it.each([
    ['an unclosed double quote', `models:\n  fast:\n    api_key: "${CANARY}\n    model: m\n`],
    ['an unclosed single quote', `models:\n  fast:\n    api_key: '${CANARY}\n    model: m\n`],
    ['a bad escape', `models:\n  fast: {api_key: "\\q${CANARY}", model: m}\n`],
    ['a broken flow map', `models:\n  fast: {api_key: ${CANARY}\n  x: [\n`],
    ['a stray token', `models:\n  fast: ] ${CANARY}\n`],
    ['a tab', `models:\n\tfast: ${CANARY}\n`],
    ['a bad block scalar header', `models:\n  fast: |x ${CANARY}\n    text\n`],
  ])('a YAML syntax error (%s) quotes no source text', (_name, yaml) => {
    const result = expectNoCanary(yaml, CANARY);
    expect(result.ok).toBe(false);
  });

  it.each([
    ['an unknown directive', `%${CANARY} x\n---\nmodels: {}\n`],
    ['an unknown tag', `models: !<${CANARY}> {}\n`],
  ])('%s (a YAML warning, not an error) is not repeated either', (_name, yaml) => {
    expectNoCanary(yaml, CANARY);
  });

  it('an unclosed quote is reported where the quote opens, not at the end of the file', () => {
    const yaml =
      'models:\n  fast:\n    api_key: "sk-proj-oops\n    provider: openai\n    model: m\n' +
      '  complex:\n    provider: openai\n    model: m\n';
    const result = parseConfig(yaml, 'config.yaml');
    expect(result.ok ? [] : result.issues.map(formatConfigIssue)[0]).toBe(
      'config.yaml:3:14: YAML syntax error: Missing closing "quote',
    );
  });
});

describe('looksLikeSecret / isEchoable', () => {
  it('flags key and token shapes, and long strings that mix letters and digits', () => {
    for (const canary of CANARIES) expect(looksLikeSecret(canary)).toBe(true);
    expect(looksLikeSecret('sk-short')).toBe(true);
    expect(looksLikeSecret('0123456789abcdef0123')).toBe(true);
  });

  it('lets ordinary config words through', () => {
    for (const word of ['openai', 'token', 'auth-mode', 'gpt-5-mini', 'claude-sonnet-4-5', 'yes']) {
      expect(isEchoable(word)).toBe(true);
    }
    expect(isEchoable('two words')).toBe(false);
    expect(isEchoable('x'.repeat(41))).toBe(false);
  });
});
