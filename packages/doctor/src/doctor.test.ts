import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import { renderRemedy } from '@flynn/core';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectedMatrix, matrixSecrets, SOURCES, writeMatrix } from '../test/doctor-matrix.js';
import { doctorReportToJson } from './doctor-report-json.js';
import { runDoctor } from './run-doctor.js';
import type { DoctorReport } from './types.js';

let home: TempHome;
let storePath: string;
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  storePath = join(home.configDir, 'auth.json');
});
afterEach(() => home.cleanup());

const NOW = Date.UTC(2026, 5, 1, 12, 0);

function writeConfig(yaml: string): string {
  const file = join(home.configDir, 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

function writeStore(data: unknown, mode = 0o600): void {
  writeFileSync(storePath, typeof data === 'string' ? data : JSON.stringify(data), { mode });
  chmodSync(storePath, mode);
}

function doctor(env: Record<string, string> = {}, options: { now?: number } = {}) {
  return runDoctor({ env: { ...home.env, ...env }, now: options.now ?? NOW });
}

function tier(report: DoctorReport, name: string) {
  const found = report.tiers.find((entry) => entry.tier === name);
  if (!found) throw new Error(`no tier ${name} in ${report.tiers.map((t) => t.tier).join(', ')}`);
  return found;
}

function checks(report: DoctorReport, id: string) {
  return report.checks.filter((check) => check.id === id);
}

describe('checkModelConnectivity: the doctor matrix (mode x source)', () => {
  it.each(SOURCES)(
    'source %s: right winner, origin, status and remedy for every tier',
    async (source) => {
      const setup = writeMatrix(home.configDir, source);
      const report = await runDoctor({
        configPath: setup.configFile,
        env: { ...home.env, ...setup.env },
        now: NOW,
      });
      const json = doctorReportToJson(report);
      const expected = expectedMatrix(source, storePath);
      expect(json.tiers.map((row) => row.tier)).toEqual(expected.map((row) => row.tier));
      for (const want of expected) {
        const row = json.tiers.find((entry) => entry.tier === want.tier);
        const { secret, ...fields } = want;
        expect(row, want.tier).toMatchObject(fields);
        expect(row?.fingerprint, want.tier).toBe(secret ? maskSecret(secret) : '');
      }
      expect(report.ok).toBe(expected.every((row) => row.status === 'ok'));
    },
  );

  it('auto says which kind won and why; oauth mode names the key it ignores', async () => {
    const setup = writeMatrix(home.configDir, 'env');
    const report = await runDoctor({
      configPath: setup.configFile,
      env: { ...home.env, ...setup.env },
    });
    expect(tier(report, 'openai-auto').message).toBe(
      'API key from OPENAI_API_KEY; auto tries API keys first',
    );
    expect(tier(report, 'anthropic-auto').message).toBe(
      'API key from ANTHROPIC_API_KEY; auto tries API keys first; the auth token (ANTHROPIC_AUTH_TOKEN) is not used; set auth_mode: oauth to use it',
    );
    expect(tier(report, 'openai-oauth').message).toBe(
      'no ChatGPT login found (auth_mode oauth; looked in auth.json openai.oauth); ' +
        'an API key is available (OPENAI_API_KEY), but auth_mode oauth does not use it',
    );
    expect(tier(report, 'openai-use_oauth').message).toContain(
      'auth_mode oauth via use_oauth: true',
    );
    expect(tier(report, 'local').message).toBe(
      'no credential needed (local provider without an api_key)',
    );
  });

  it('auto falls back to the OAuth/token kind and says it found no API key', async () => {
    const file = writeConfig(
      'models:\n  fast: {provider: openai, model: gpt-5}\n  default: {provider: anthropic, model: claude-sonnet-4-5}\n',
    );
    const access = 'eyJhbGciOiJub25lIn0.accessOnlyToken000.sigzz91';
    writeStore({
      version: 1,
      openai: { oauth: { access_token: access, refresh_token: 'rt_0000000000001' } },
    });
    const report = await runDoctor({
      configPath: file,
      env: { ...home.env, ANTHROPIC_AUTH_TOKEN: 'sk-ant-oat01-envOnlyToken000000000zz' },
    });
    expect(tier(report, 'fast')).toMatchObject({
      credential: 'oauth_tokens',
      source: 'store',
      location: `${storePath} openai.oauth`,
      fingerprint: maskSecret(access),
      status: 'ok',
    });
    expect(tier(report, 'fast').message).toMatch(
      /^ChatGPT login from auth\.json openai\.oauth; auto found no API key \(looked in models\.fast\.api_key, OPENAI_API_KEY, auth\.json openai\.api_key\)/,
    );
    expect(tier(report, 'default')).toMatchObject({
      credential: 'auth_token',
      source: 'env',
      location: 'ANTHROPIC_AUTH_TOKEN',
    });
  });

  it('config beats env beats store', async () => {
    const secrets = {
      config: matrixSecrets('config'),
      env: matrixSecrets('env'),
      store: matrixSecrets('store'),
    };
    const file = writeConfig(
      `models:\n  fast: {provider: openai, model: gpt-5, api_key: "${secrets.config.openaiKey}"}\n  complex: {provider: openai, model: gpt-5}\n`,
    );
    writeStore({ version: 1, openai: { api_key: secrets.store.openaiKey } });
    const report = await runDoctor({
      configPath: file,
      env: { ...home.env, OPENAI_API_KEY: secrets.env.openaiKey },
    });
    expect(tier(report, 'fast')).toMatchObject({
      source: 'config',
      fingerprint: maskSecret(secrets.config.openaiKey),
    });
    expect(tier(report, 'complex')).toMatchObject({
      source: 'env',
      fingerprint: maskSecret(secrets.env.openaiKey),
    });
    const withoutEnv = await runDoctor({ configPath: file, env: home.env });
    expect(tier(withoutEnv, 'complex')).toMatchObject({
      source: 'store',
      fingerprint: maskSecret(secrets.store.openaiKey),
    });
  });

  it('the shipped defaults without credentials fail every cloud tier, with remedies', async () => {
    const report = await doctor();
    expect(report.configSource).toBe('defaults');
    expect(report.ok).toBe(false);
    expect(report.tiers.map((entry) => [entry.tier, entry.status])).toEqual([
      ['default', 'fail'],
      ['fast', 'fail'],
      ['complex', 'fail'],
      ['local', 'ok'],
    ]);
    expect(renderRemedy(tier(report, 'fast').remedy, 'cli')).toBe(
      'Run `flynn openai-key` or `flynn openai-login`, or set OPENAI_API_KEY',
    );
    expect(checks(report, 'config')[0]).toMatchObject({ status: 'ok' });
    expect(checks(report, 'config')[0]?.message).toContain('using the shipped defaults');
  });
});

describe('presence', () => {
  it('lists every source per provider, found or not, with fingerprints and no values', async () => {
    const setup = writeMatrix(home.configDir, 'store');
    const report = await runDoctor({ configPath: setup.configFile, env: home.env });
    const openai = report.presence.filter(
      (row) => row.provider === 'openai' && !row.location.includes(' local_providers.'),
    );
    // Each local provider also has its own stored key (`flynn login <name>`), absent here.
    const named = report.presence.filter((row) => row.location.includes(' local_providers.'));
    expect(named.length).toBeGreaterThan(0);
    for (const row of named) {
      expect(row).toMatchObject({ source: 'store', kind: 'api_key', present: false });
      expect(row.location).toMatch(/ local_providers\.[a-z0-9_-]+\.api_key$/);
    }
    expect(openai.filter((row) => row.source !== 'config')).toEqual([
      {
        provider: 'openai',
        kind: 'api_key',
        source: 'env',
        location: 'OPENAI_API_KEY',
        present: false,
        fingerprint: '',
      },
      {
        provider: 'openai',
        kind: 'api_key',
        source: 'store',
        location: `${storePath} openai.api_key`,
        present: true,
        fingerprint: maskSecret(matrixSecrets('store').openaiKey),
      },
      {
        provider: 'openai',
        kind: 'oauth_tokens',
        source: 'store',
        location: `${storePath} openai.oauth`,
        present: true,
        fingerprint: maskSecret(matrixSecrets('store').openaiAccess),
      },
    ]);
    expect(openai.filter((row) => row.source === 'config')).toHaveLength(4);
    expect(new Set(report.presence.map((row) => row.provider))).toEqual(
      new Set(['ollama', 'openai', 'anthropic', 'zai', 'github', 'openai-compatible']),
    );
    const text = JSON.stringify(report);
    for (const secret of Object.values(matrixSecrets('store'))) expect(text).not.toContain(secret);
  });
});

describe('config checks', () => {
  it('a broken config fails with file:line:col, has no tiers, and the store is still checked', async () => {
    const file = writeConfig('models:\n  fast: [provider: openai\n');
    writeStore('{"version": 1, "openai": {"api_key": "sk-broken');
    const report = await runDoctor({ configPath: file, env: home.env });
    expect(report.ok).toBe(false);
    expect(report.tiers).toEqual([]);
    expect(checks(report, 'config')[0]).toMatchObject({ status: 'fail' });
    expect(checks(report, 'config')[0]?.message).toMatch(/config\.yaml:\d+:\d+: YAML syntax error/);
    expect(checks(report, 'store')[0]).toMatchObject({ status: 'fail' });
    expect(checks(report, 'store-file-mode')[0]).toMatchObject({ status: 'ok' });
  });

  it('a schema error names the path and the allowed values', async () => {
    const file = writeConfig('models:\n  fast: {provider: openai, model: m, auth_mode: token}\n');
    const report = await runDoctor({ configPath: file, env: home.env });
    expect(checks(report, 'config')[0]?.message).toMatch(
      /config\.yaml:2:\d+: models\.fast\.auth_mode: "token" is not allowed/,
    );
  });

  it('warns about inline secrets with the command to use instead, never the value', async () => {
    const key = 'sk-proj-inlineSecretValue00000000abcd';
    const token = 'sk-ant-oat01-inlineTokenValue000000efgh';
    const file = writeConfig(
      `models:\n  fast: {provider: openai, model: m, api_key: "${key}"}\n  default: {provider: anthropic, model: c, auth_token: "${token}"}\n`,
    );
    chmodSync(file, 0o644);
    const report = await runDoctor({ configPath: file, env: home.env });
    const inline = checks(report, 'inline-secret');
    expect(inline.map((check) => check.status)).toEqual(['warn', 'warn']);
    expect(inline[0]?.message).toContain('models.default.auth_token: a secret is written in');
    expect(inline[0]?.message).toContain('instead, then delete the line');
    expect(renderRemedy(inline[0]?.remedy ?? [], 'cli')).toBe(
      'Run `flynn anthropic-token` or set ANTHROPIC_AUTH_TOKEN',
    );
    expect(inline[1]?.message).toContain('models.fast.api_key');
    expect(renderRemedy(inline[1]?.remedy ?? [], 'cli')).toContain('`flynn openai-key`');
    expect(inline[1]?.message).toContain(`run \`chmod 600 ${file}\``);
    const text = JSON.stringify(report);
    expect(text).not.toContain(key);
    expect(text).not.toContain(token);
  });

  it('warns about credentials written in headers, with the command to use instead, never the value', async () => {
    const bearer = 'sk-proj-headerBearerValue0000000wxyz';
    const apiKey = 'sk-ant-api03-headerApiKeyValue00000klmn';
    const token = 'sk-ant-oat01-headerTokenValue0000000opqr';
    const gateway = 'gw7Kq2Lm9Xz4Vb8Nc3Hd6Jf1Tr5Ys0Pa';
    const custom = 'ghp_headerCustomValue000000000stuv';
    const file = writeConfig(
      [
        'models:',
        `  fast: {provider: openai, model: m, headers: {Authorization: "Bearer ${bearer}", OpenAI-Organization: org-0123456789abcdefghijklmn, X-Request-Id: 123e4567-e89b-12d3-a456-426614174000}}`,
        `  default: {provider: anthropic, model: c, headers: {x-api-key: "${apiKey}", authorization: "Bearer ${token}", anthropic-beta: oauth-2025-04-20}}`,
        '  local_providers:',
        `    - {name: gw, provider: openai-compatible, model: q, base_url: "http://127.0.0.1:9/v1", headers: {api-key: "${gateway}", X-Custom: "${custom}", X-Title: flynn}}`,
        '',
      ].join('\n'),
    );
    chmodSync(file, 0o600);
    const report = await runDoctor({ configPath: file, env: home.env });
    const messages = checks(report, 'inline-secret').map((check) => {
      expect(check.status).toBe('warn');
      const remedy = check.remedy ? ` | ${renderRemedy(check.remedy, 'cli')}` : '';
      return `${check.message.replace(file, '<file>')}${remedy}`;
    });
    expect(messages).toEqual([
      'models.default.headers.x-api-key: a credential is written in <file>; store it with the login command or an env var instead, then delete the header | Run `flynn anthropic-auth` or set ANTHROPIC_API_KEY',
      'models.default.headers.authorization: a credential is written in <file>; store it with the login command or an env var instead, then delete the header | Run `flynn anthropic-token` or set ANTHROPIC_AUTH_TOKEN',
      'models.fast.headers.Authorization: a credential is written in <file>; store it with the login command or an env var instead, then delete the header | Run `flynn openai-key` or set OPENAI_API_KEY',
      'models.local_providers[0].headers.api-key: a credential is written in <file>; Flynn has no other place for this key, so keep the file private (`chmod 600`)',
      'models.local_providers[0].headers.X-Custom: a credential is written in <file>; Flynn has no other place for this key, so keep the file private (`chmod 600`)',
    ]);
    const text = JSON.stringify(doctorReportToJson(report));
    for (const value of [bearer, apiKey, token, gateway, custom]) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(value.slice(-12));
    }
  });

  it('warns about auth_mode/use_oauth conflicts, naming the tier; the alias alone is fine', async () => {
    const file = writeConfig(
      'models:\n  fast: {provider: openai, model: m, use_oauth: true, auth_mode: api_key}\n  complex: {provider: openai, model: m, use_oauth: true}\n',
    );
    const report = await runDoctor({ configPath: file, env: home.env });
    expect(checks(report, 'auth-mode-conflict')).toEqual([
      {
        id: 'auth-mode-conflict',
        status: 'warn',
        message:
          'tier "fast" (models.fast): auth_mode: api_key overrides use_oauth: true; remove use_oauth from models.fast',
      },
    ]);
    expect(tier(report, 'fast')).toMatchObject({
      authMode: 'api_key',
      authModeOrigin: 'auth_mode',
    });
    expect(tier(report, 'complex')).toMatchObject({
      authMode: 'oauth',
      authModeOrigin: 'use_oauth',
    });
    expect(checks(report, 'config-warning')).toEqual([]);
  });
});

describe('store checks', () => {
  it('no store yet is fine', async () => {
    const report = await doctor();
    expect(checks(report, 'store')).toEqual([
      { id: 'store', status: 'ok', message: `${storePath} does not exist yet (nothing stored)` },
    ]);
    expect(checks(report, 'store-file-mode')).toEqual([]);
  });

  it('a corrupt store fails with its path and remedy, is never rewritten, and leaks nothing', async () => {
    const canary = 'sk-proj-corruptStoreCanary0000000zzzz';
    const content = `{"version": 1, "openai": {"api_key": "${canary}"`;
    writeStore(content);
    const before = statSync(storePath);
    const file = writeConfig('models:\n  fast: {provider: openai, model: m}\n');
    const report = await runDoctor({ configPath: file, env: home.env });
    expect(report.ok).toBe(false);
    const [store] = checks(report, 'store');
    expect(store?.status).toBe('fail');
    expect(store?.message).toContain(storePath);
    expect(store?.message).toContain('Flynn will not overwrite it');
    expect(renderRemedy(store?.remedy ?? [], 'cli')).toMatch(/Repair the file, or move it aside/);
    expect(tier(report, 'fast').message).toContain('auth.json could not be read');
    expect(report.presence.some((row) => row.source === 'store')).toBe(false);
    expect(readFileSync(storePath, 'utf8')).toBe(content);
    expect(statSync(storePath).mtimeMs).toBe(before.mtimeMs);
    expect(JSON.stringify(report)).not.toContain(canary);
  });

  it('a 0644 store file fails and a 0755 directory warns, each with the chmod that fixes it', async () => {
    writeStore({ version: 1 }, 0o644);
    chmodSync(home.configDir, 0o755);
    const report = await doctor();
    expect(checks(report, 'store-file-mode')).toEqual([
      {
        id: 'store-file-mode',
        status: 'fail',
        message: `${storePath}: mode 0644, expected 0600 (other users can read your credentials); run \`chmod 600 ${storePath}\``,
      },
    ]);
    expect(checks(report, 'store-dir-mode')).toEqual([
      {
        id: 'store-dir-mode',
        status: 'warn',
        message: `${home.configDir}: mode 0755, expected 0700; run \`chmod 700 ${home.configDir}\``,
      },
    ]);
    expect(report.ok).toBe(false);
  });

  it('0600 in a 0700 directory passes; 0400 warns', async () => {
    writeStore({ version: 1 });
    chmodSync(home.configDir, 0o700);
    const good = await doctor();
    expect(checks(good, 'store-file-mode')[0]?.status).toBe('ok');
    expect(checks(good, 'store-dir-mode')[0]?.status).toBe('ok');
    chmodSync(storePath, 0o400);
    const readOnly = await doctor();
    expect(checks(readOnly, 'store-file-mode')[0]?.status).toBe('warn');
  });
});

describe('OpenAI OAuth checks', () => {
  const oauthConfig =
    'models:\n  fast: {provider: openai, model: gpt-5, auth_mode: oauth}\n  complex: {provider: openai, model: gpt-5, auth_mode: api_key}\n';
  const tokens = (fields: Record<string, unknown>) => ({
    version: 1,
    openai: {
      oauth: {
        access_token: 'eyJhbGciOiJub25lIn0.oauthAccess0000.sig00aa',
        refresh_token: 'rt_00000000000000aa',
        ...fields,
      },
    },
  });

  it.each([
    ['valid', NOW + 86_400_000, 'ok', /access token valid until 2026-06-02 12:00 UTC/],
    ['due for refresh', NOW + 60_000, 'ok', /expires in 1 min; it will refresh on next use/],
    [
      'expired, refreshable',
      NOW - 3_600_000,
      'warn',
      /expired at 2026-06-01 11:00 UTC; it will refresh on next use/,
    ],
  ])('%s', async (_name, expiresAt, status, pattern) => {
    const file = writeConfig(oauthConfig);
    writeStore(tokens({ expires_at: expiresAt }));
    const report = await runDoctor({ configPath: file, env: home.env, now: NOW });
    const [expiry] = checks(report, 'openai-oauth-expiry');
    expect(expiry?.status).toBe(status);
    expect(expiry?.message).toMatch(pattern);
    expect(expiry?.message).not.toContain('flynn ');
    // Only an expired token may need a new login; the remedy is data, never in the message.
    expect(expiry?.remedy ?? []).toEqual(
      status === 'warn'
        ? [{ kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true }]
        : [],
    );
    expect(tier(report, 'fast').status).toBe('ok');
    expect(tier(report, 'fast').message).toContain('access token');
  });

  it('reads the expiry from the JWT when expires_at is missing', async () => {
    const payload = Buffer.from(JSON.stringify({ exp: (NOW - 60_000) / 1000 })).toString(
      'base64url',
    );
    const file = writeConfig(oauthConfig);
    writeStore({
      version: 1,
      openai: {
        oauth: {
          access_token: `eyJhbGciOiJub25lIn0.${payload}.sig`,
          refresh_token: 'rt_0000000000000bb',
        },
      },
    });
    const report = await runDoctor({ configPath: file, env: home.env, now: NOW });
    expect(checks(report, 'openai-oauth-expiry')[0]?.status).toBe('warn');
  });

  it('an impossible stored expiry (1e16 ms) makes doctor warn with the remedy, not crash', async () => {
    const file = writeConfig(oauthConfig);
    writeStore(tokens({ expires_at: 1e16 }));
    const report = await runDoctor({ configPath: file, env: home.env, now: NOW });
    const [check] = checks(report, 'openai-oauth-expiry');
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.message).toContain('impossible');
    expect(renderRemedy(check?.remedy ?? [], 'cli')).toBe('Run `flynn openai-login` again');
    expect(tier(report, 'fast').message).toContain('expiry is impossible');
    expect(() => JSON.stringify(doctorReportToJson(report))).not.toThrow();
  });

  it('tokens without a refresh token fail: the tier cannot authenticate and the check says why', async () => {
    const file = writeConfig(oauthConfig);
    writeStore(tokens({ refresh_token: '', expires_at: NOW - 1000 }));
    const report = await runDoctor({ configPath: file, env: home.env, now: NOW });
    expect(report.ok).toBe(false);
    expect(checks(report, 'openai-oauth-expiry')).toEqual([
      {
        id: 'openai-oauth-expiry',
        status: 'fail',
        message: 'the stored ChatGPT login has no refresh token, so it cannot be renewed',
        remedy: [{ kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true }],
      },
    ]);
    expect(doctorReportToJson(report).checks).toContainEqual({
      id: 'openai-oauth-expiry',
      status: 'fail',
      message: 'the stored ChatGPT login has no refresh token, so it cannot be renewed',
      remedy: 'Run `flynn openai-login` again',
    });
    expect(tier(report, 'fast')).toMatchObject({ status: 'fail' });
    expect(renderRemedy(tier(report, 'fast').remedy, 'cli')).toBe('Run `flynn openai-login`');
  });

  it('a login without a refresh token fails only for a profile some tier uses', async () => {
    const login = (refresh: string) => ({
      access_token: 'eyJhbGciOiJub25lIn0.oauthAccess0000.sig00aa',
      refresh_token: refresh,
      expires_at: NOW + 86_400_000,
    });
    // fast uses `default` (renewable); `work` is stored but no tier names it.
    const file = writeConfig(
      'models:\n  fast: {provider: openai, model: gpt-5, auth_mode: oauth}\n',
    );
    writeStore({
      version: 1,
      openai: { oauth: login('rt_00000000000000aa') },
      'openai:work': { oauth: login('') },
    });
    const unused = await runDoctor({ configPath: file, env: home.env, now: NOW });
    const [, work] = checks(unused, 'openai-oauth-expiry');
    expect(work).toMatchObject({
      status: 'warn',
      message:
        'the stored ChatGPT login (profile work) has no refresh token, so it cannot be renewed',
      remedy: [
        {
          kind: 'login',
          provider: 'openai',
          credential: 'oauth_tokens',
          again: true,
          profile: 'work',
        },
      ],
    });
    expect(unused.ok).toBe(true);

    // Once a tier lists `work`, the same login fails doctor.
    writeConfig(
      'models:\n  fast: {provider: openai, model: gpt-5, auth_mode: oauth, profiles: [default, work]}\n',
    );
    const used = await runDoctor({ configPath: file, env: home.env, now: NOW });
    expect(checks(used, 'openai-oauth-expiry')[1]).toMatchObject({ status: 'fail' });
    expect(used.ok).toBe(false);
  });

  it('warns about the missing tools on every tier on the ChatGPT OAuth path, and only there', async () => {
    const file = writeConfig(
      `${oauthConfig}  default: {provider: openai, model: gpt-5}\n  local_providers:\n    - {name: codex, provider: openai, model: gpt-5, use_oauth: true}\n`,
    );
    writeStore(tokens({ expires_at: NOW + 86_400_000 }));
    const report = await runDoctor({ configPath: file, env: home.env, now: NOW });
    // default is auto with no API key, so it lands on the OAuth path too; complex is api_key.
    expect(checks(report, 'openai-oauth-tools').map((check) => check.message)).toEqual([
      'tier "default": tools unavailable on the ChatGPT OAuth path (requests with tools fail); use an OpenAI API key (auth_mode: api_key) where tools are needed',
      'tier "fast": tools unavailable on the ChatGPT OAuth path (requests with tools fail); use an OpenAI API key (auth_mode: api_key) where tools are needed',
      'tier "codex": tools unavailable on the ChatGPT OAuth path (requests with tools fail); use an OpenAI API key (auth_mode: api_key) where tools are needed',
    ]);
    expect(checks(report, 'openai-oauth-tools').every((check) => check.status === 'warn')).toBe(
      true,
    );
  });
});

describe('doctor on odd store and config files', () => {
  it('mentions a symlinked auth.json, duplicate keys, a byte-order mark and a config file others can write', async () => {
    const real = join(home.home, 'real-auth.json');
    writeFileSync(
      real,
      '\uFEFF{"version":1,"zai":{"api_key":"zai-first-0123456789","api_key":"zai-second-0123456789"}}',
      { mode: 0o600 },
    );
    symlinkSync(real, storePath);
    const file = writeConfig('models:\n  default: {provider: zai, model: glm-4.6}\n');
    chmodSync(file, 0o666);
    const report = await runDoctor({ configPath: file, env: home.env, now: NOW });
    const text = report.checks.map((check) => `${check.id}: ${check.message}`).join('\n');
    expect(text).toContain('store-symlink');
    expect(text).toContain('the key zai.api_key appears more than once');
    expect(text).toContain('byte-order mark');
    expect(text).toContain('can be written by other users (mode 666)');
    expect(text).not.toContain('zai-first');
    expect(text).not.toContain('zai-second');
  });
});
