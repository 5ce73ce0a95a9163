import { describe, expect, it } from 'vitest';
import { formatConfigIssue } from './config-issue.js';
import { listTiers } from './list-tiers.js';
import { DEFAULT_CONFIG_YAML } from './load-config.js';
import { parseConfig } from './parse-config.js';
import { resolveAuthMode } from './resolve-auth-mode.js';
import { modelConfigBaseSchema } from './schema.js';

const parse = (yaml: string) => parseConfig(yaml, 'config.yaml');

function parseOk(yaml: string) {
  const result = parse(yaml);
  if (!result.ok) throw new Error(result.issues.map(formatConfigIssue).join('\n'));
  return result;
}

function tierModes(yaml: string) {
  return Object.fromEntries(listTiers(parseOk(yaml).config).map((t) => [t.name, t.authMode]));
}

describe('modelConfigBaseSchema', () => {
  it('accepts every auth_mode value and leaves it absent when unset', () => {
    for (const mode of ['auto', 'api_key', 'oauth'] as const) {
      expect(
        modelConfigBaseSchema.parse({ provider: 'openai', model: 'm', auth_mode: mode }).auth_mode,
      ).toBe(mode);
    }
    expect(
      modelConfigBaseSchema.parse({ provider: 'openai', model: 'm' }).auth_mode,
    ).toBeUndefined();
  });

  it('rejects an unknown auth_mode', () => {
    expect(
      modelConfigBaseSchema.safeParse({ provider: 'openai', model: 'm', auth_mode: 'token' })
        .success,
    ).toBe(false);
  });
});

describe('resolveAuthMode', () => {
  it('defaults to auto with origin default (existing configs keep their behaviour)', () => {
    expect(resolveAuthMode({})).toEqual({ mode: 'auto', origin: 'default' });
    expect(resolveAuthMode({ use_oauth: false })).toEqual({ mode: 'auto', origin: 'default' });
  });
  it('treats use_oauth: true alone as oauth', () => {
    expect(resolveAuthMode({ use_oauth: true })).toEqual({ mode: 'oauth', origin: 'use_oauth' });
  });
  it('lets auth_mode win over use_oauth', () => {
    expect(resolveAuthMode({ use_oauth: true, auth_mode: 'api_key' })).toEqual({
      mode: 'api_key',
      origin: 'auth_mode',
    });
    expect(resolveAuthMode({ use_oauth: false, auth_mode: 'oauth' })).toEqual({
      mode: 'oauth',
      origin: 'auth_mode',
    });
  });
});

describe('config schema', () => {
  it('parses the shipped defaults with every tier on auto, origin default', () => {
    const modes = tierModes(DEFAULT_CONFIG_YAML);
    expect(Object.keys(modes)).toEqual(['default', 'fast', 'complex', 'local']);
    for (const mode of Object.values(modes))
      expect(mode).toEqual({ mode: 'auto', origin: 'default' });
    expect(parseOk(DEFAULT_CONFIG_YAML).warnings).toEqual([]);
  });

  it('validates auth_mode oauth and api_key per tier', () => {
    const modes = tierModes(`
models:
  default: { provider: anthropic, model: claude, auth_mode: oauth }
  fast: { provider: openai, model: gpt, auth_mode: api_key }
`);
    expect(modes.default).toEqual({ mode: 'oauth', origin: 'auth_mode' });
    expect(modes.fast).toEqual({ mode: 'api_key', origin: 'auth_mode' });
  });

  it('maps use_oauth: true to oauth, and warns naming the tier when auth_mode disagrees', () => {
    const alias = parseOk('models:\n  fast: {provider: openai, model: m, use_oauth: true}\n');
    expect(listTiers(alias.config)[0]?.authMode).toEqual({ mode: 'oauth', origin: 'use_oauth' });
    expect(alias.warnings).toEqual([]);

    const conflict = parseOk(
      'models:\n  fast: {provider: openai, model: m, use_oauth: true, auth_mode: api_key}\n',
    );
    expect(listTiers(conflict.config)[0]?.authMode).toEqual({
      mode: 'api_key',
      origin: 'auth_mode',
    });
    expect(conflict.warnings).toHaveLength(1);
    expect(conflict.warnings[0]?.tier).toBe('fast');
    expect(conflict.warnings[0]?.message).toContain('tier "fast"');
  });

  it('rejects an invalid auth_mode with the path, the value and the allowed values', () => {
    const result = parse(
      'models:\n  fast:\n    provider: openai\n    model: m\n    auth_mode: token\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(formatConfigIssue(result.issues[0]!)).toBe(
      'config.yaml:5:16: models.fast.auth_mode: "token" is not allowed (allowed: auto, api_key, oauth)',
    );
  });

  it.each(['zai', 'github', 'ollama', 'openai-compatible'])(
    'rejects oauth on a %s tier, naming tier and provider',
    (provider) => {
      const result = parse(
        `models:\n  complex: {provider: ${provider}, model: m, auth_mode: oauth}\n`,
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues[0]?.path).toBe('models.complex.auth_mode');
      expect(result.issues[0]?.message).toContain('tier "complex"');
      expect(result.issues[0]?.message).toContain(`provider ${provider}`);
      expect(result.issues[0]?.message).toContain('auto, api_key');
    },
  );

  it('rejects use_oauth: true on a provider without OAuth', () => {
    const result = parse('models:\n  fast: {provider: zai, model: glm, use_oauth: true}\n');
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['models.fast.use_oauth']);
  });

  it('accepts local_providers with their own auth_mode and addresses them by name', () => {
    const { config } = parseOk(`
models:
  local_providers:
    - { name: lmstudio, provider: openai-compatible, model: qwen3, base_url: "http://127.0.0.1:1234/v1" }
    - { name: glm, provider: zai, model: glm-4.6, auth_mode: api_key }
    - { name: claude-gw, provider: anthropic, model: c, auth_mode: oauth }
`);
    const tiers = listTiers(config);
    expect(tiers.map((t) => [t.name, t.configPath, t.authMode.mode])).toEqual([
      ['lmstudio', 'models.local_providers[0]', 'auto'],
      ['glm', 'models.local_providers[1]', 'api_key'],
      ['claude-gw', 'models.local_providers[2]', 'oauth'],
    ]);
  });

  it('rejects oauth on a local provider, a tier-name collision and duplicate names', () => {
    const result = parse(`
models:
  local_providers:
    - { name: glm, provider: zai, model: g, auth_mode: oauth }
    - { name: fast, provider: ollama, model: l }
    - { name: glm, provider: ollama, model: l }
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([
      'models.local_providers[0].auth_mode',
      'models.local_providers[1].name',
      'models.local_providers[2].name',
    ]);
    expect(result.issues[0]?.message).toContain('local provider "glm"');
  });

  it('reports YAML syntax errors with line and column', () => {
    const result = parse('models:\n  fast: {provider: openai, model: m\n  complex: [\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.line).toBeGreaterThan(1);
    expect(formatConfigIssue(result.issues[0]!)).toMatch(
      /^config\.yaml:\d+:\d+: YAML syntax error: /,
    );
  });

  it('reports a missing model and a wrong type by path', () => {
    const result = parse('models:\n  fast: {provider: openai, use_oauth: "yes"}\n');
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'models.fast.model: required (expected string)',
      'models.fast.use_oauth: expected boolean, got "yes"',
    ]);
  });

  it('never echoes a secret value in an issue', () => {
    const result = parse(
      'models:\n  fast: {provider: openai, model: m, api_key: ["sk-canary-DO-NOT-LEAK"]}\n',
    );
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('sk-canary-DO-NOT-LEAK');
  });

  it.each([
    ['models.fast.base_url', 'models:\n  fast: {provider: openai, model: m, base_url: "URL"}\n'],
    [
      'models.local_providers[0].base_url',
      'models:\n  local_providers:\n    - {name: lm, provider: openai-compatible, model: m, base_url: "URL"}\n',
    ],
    ['oauth.openai.issuer', 'models: {}\noauth:\n  openai: {issuer: "URL"}\n'],
    ['oauth.openai.backend_url', 'models: {}\noauth:\n  openai: {backend_url: "URL"}\n'],
  ])('rejects user:password@ in %s, naming the path and never the URL', (path, template) => {
    for (const url of [
      'http://user:HUNTER2@127.0.0.1:18001/v1',
      'https://HUNTER2@gateway.example/v1',
      'https://:HUNTER2@gateway.example/v1',
    ]) {
      const result = parse(template.replace('URL', url));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues.map((issue) => issue.path)).toEqual([path]);
      expect(result.issues[0]?.message).toMatch(/^must not contain user:password@; /);
      expect(JSON.stringify(result)).not.toContain('HUNTER2');
    }
    const base = parse(
      'models:\n  fast: {provider: openai, model: m, base_url: "http://u:HUNTER2@h/v1"}\n',
    );
    expect(base.ok ? '' : base.issues[0]?.message).toContain(
      'put credentials in `headers` or use api_key/auth_token',
    );
    // without user info, the same URLs are fine
    expect(parse(template.replace('URL', 'http://127.0.0.1:18001/v1')).ok).toBe(true);
  });

  it('rejects an openai-compatible tier or local provider without base_url', () => {
    const result = parse(
      'models:\n  fast: {provider: openai-compatible, model: m}\n' +
        '  local_providers:\n    - {name: lm, provider: openai-compatible, model: q}\n' +
        '    - {name: ok, provider: openai-compatible, model: q, base_url: "http://127.0.0.1:1234/v1"}\n',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['models.fast.base_url', 2],
      ['models.local_providers[0].base_url', 4],
    ]);
    expect(result.issues[0]?.message).toMatch(/^openai-compatible needs base_url/);
    // ollama has a default endpoint, so it needs none
    expect(parse('models:\n  local: {provider: ollama, model: m}\n').ok).toBe(true);
  });

  it('explains a bad local provider name with its rule', () => {
    const result = parse(
      'models:\n  local_providers:\n    - {name: LM Studio, provider: ollama, model: m}\n',
    );
    expect(result.ok ? '' : result.issues[0]?.message).toBe(
      'must be lowercase letters, digits, "-" or "_"',
    );
  });

  it('warns about unknown keys instead of silently accepting typos', () => {
    const result = parseOk('models:\n  fast: {provider: openai, model: m, auth_mod: oauth}\n');
    expect(result.warnings.map((w) => w.path)).toEqual(['models.fast.auth_mod']);
  });
});
