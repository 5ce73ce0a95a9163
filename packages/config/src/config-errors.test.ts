import { describe, expect, it } from 'vitest';
import { closestKey } from './check-config-semantics.js';
import { formatConfigIssue } from './config-issue.js';
import { parseConfig } from './parse-config.js';

describe('config errors a person can act on', () => {
  it('a YAML syntax error shows the offending line with a caret under the column', () => {
    const result = parseConfig('models:\n  fast: { provider: openai, model: gpt-5\n', 'c.yaml');
    expect(result.ok).toBe(false);
    const text = !result.ok ? result.issues.map(formatConfigIssue).join('\n') : '';
    expect(text).toMatch(/c\.yaml:\d+:\d+: YAML syntax error/);
    const lines = text.split('\n');
    const caret = lines.findIndex((line) => /^\s+\^$/.test(line));
    expect(caret).toBeGreaterThan(0);
  });

  it('never echoes a line that may hold a secret', () => {
    const result = parseConfig(
      'models:\n  fast: { api_key: sk-proj-secret-0001, model: [\n',
      'c.yaml',
    );
    const text = !result.ok ? result.issues.map(formatConfigIssue).join('\n') : '';
    expect(text).not.toContain('sk-proj-secret-0001');
  });

  it('unknown keys get a "did you mean", every one of them at once', () => {
    const result = parseConfig(
      'models:\n  complexx: { provider: openai, model: gpt-5 }\n  fast: { provider: openai, model: gpt-5, auth-mode: oauth }\n',
      'c.yaml',
    );
    expect(result.ok).toBe(true);
    const warnings = result.warnings.map((warning) => [warning.path, warning.suggestion]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        ['models.complexx', 'complex'],
        ['models.fast.auth-mode', 'auth_mode'],
      ]),
    );
    expect(result.warnings.find((w) => w.suggestion === 'auth_mode')?.message).toContain(
      'did you mean `auth_mode`',
    );
  });

  it('closestKey leaves unrelated keys alone', () => {
    expect(closestKey('colour', ['provider', 'model'])).toBeUndefined();
    expect(closestKey('provder', ['provider', 'model'])).toBe('provider');
  });
});
