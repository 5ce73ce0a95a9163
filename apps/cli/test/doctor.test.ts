import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import type { DoctorJson } from '@flynn/doctor';
// The matrix is shared with @flynn/doctor's in-process tests, so both check the same table.
import { type ExpectedTier, expectedMatrix, SOURCES, writeMatrix } from '@flynn/doctor/testing';
import { createTempHome, PtyScreen, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FLYNN_BIN, runFlynn } from './run-flynn.js';

const status = z.enum(['ok', 'warn', 'fail']);
/** The `flynn doctor --json` contract (issue 5), strict at the levels a script reads. */
const doctorJsonSchema = z.strictObject({
  ok: z.boolean(),
  config_path: z.string(),
  config_source: z.enum(['file', 'defaults']),
  store_path: z.string(),
  credential_store: z
    .strictObject({ backend: z.enum(['keyring', 'file']), reason: z.string().min(1) })
    .optional(),
  tiers: z.array(
    z.strictObject({
      tier: z.string().min(1),
      provider: z.enum(['openai', 'anthropic', 'zai', 'github', 'ollama', 'openai-compatible']),
      model: z.string().min(1),
      auth_mode: z.enum(['auto', 'api_key', 'oauth']),
      auth_mode_origin: z.enum(['auth_mode', 'use_oauth', 'default']),
      credential: z.enum(['api_key', 'oauth_tokens', 'auth_token', 'none']),
      source: z.enum(['config', 'env', 'store', 'none']),
      location: z.string(),
      fingerprint: z.string(),
      status,
      remedy: z.string(),
      message: z.string(),
      online: z
        .strictObject({
          status: z.enum(['ok', 'fail', 'skipped']),
          message: z.string(),
          duration_ms: z.number(),
        })
        .optional(),
      // Issue 17: the tier's credentials in the order a request tries them.
      credentials: z
        .array(
          z.strictObject({
            profile: z.string().min(1).optional(),
            credential: z.enum(['api_key', 'oauth_tokens', 'auth_token']),
            source: z.enum(['config', 'env', 'store']),
            location: z.string(),
            fingerprint: z.string(),
            expires_at: z.string().optional(),
            cooldown_until: z.string().nullable().optional(),
            cooldown_reason: z.enum(['rate_limited', 'rejected']).optional(),
          }),
        )
        .optional(),
    }),
  ),
  profiles: z.record(z.string(), z.array(z.string())).optional(),
  presence: z.array(
    z.strictObject({
      provider: z.string(),
      credential: z.enum(['api_key', 'oauth_tokens', 'auth_token']),
      source: z.enum(['config', 'env', 'store']),
      location: z.string(),
      present: z.boolean(),
      fingerprint: z.string(),
    }),
  ),
  checks: z.array(
    z.strictObject({
      id: z.string().min(1),
      status,
      message: z.string(),
      remedy: z.string().min(1).optional(),
    }),
  ),
});

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
});
afterEach(() => home.cleanup());

const storePath = () => join(home.configDir, 'auth.json');

function writeConfig(yaml: string): string {
  const file = join(home.configDir, 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

function parseDoctorJson(stdout: string): DoctorJson {
  const parsed = doctorJsonSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(`doctor --json does not fit the schema: ${parsed.error}`);
  return parsed.data;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The table line a tier must print, column by column. */
function tierLinePattern(row: ExpectedTier, store: string): RegExp {
  const shortLocation = row.location.startsWith(`${store} `)
    ? `${basename(store)} ${row.location.slice(store.length + 1)}`
    : row.location;
  const cells = [
    row.tier,
    row.provider,
    '\\S+',
    escapeRegExp(`${row.auth_mode} (${row.auth_mode_origin})`),
    row.credential,
    row.source === 'none' ? '-' : escapeRegExp(`${row.source}: ${shortLocation}`),
    escapeRegExp(row.secret ? maskSecret(row.secret) : '-'),
    row.status,
    escapeRegExp(row.remedy || '-'),
  ];
  return new RegExp(`^${cells.join('\\s+')}$`, 'm');
}

describe('flynn doctor: the matrix (mode x source), text and --json', () => {
  it.each(SOURCES)('source %s', async (source) => {
    const setup = writeMatrix(home.configDir, source);
    const env = { ...home.env, ...setup.env };
    const expected = expectedMatrix(source, storePath());
    const exitCode = expected.some((row) => row.status === 'fail') ? 1 : 0;

    const [text, json] = await Promise.all([
      runFlynn(['doctor', '--config', setup.configFile], { env }),
      runFlynn(['doctor', '--json', '--config', setup.configFile], { env }),
    ]);

    expect(json.code).toBe(exitCode);
    expect(json.stderr).toBe('');
    const report = parseDoctorJson(json.stdout);
    expect(report.ok).toBe(exitCode === 0);
    expect(report.tiers.map((row) => row.tier)).toEqual(expected.map((row) => row.tier));
    for (const want of expected) {
      const { secret, ...fields } = want;
      const row = report.tiers.find((entry) => entry.tier === want.tier);
      expect(row, want.tier).toMatchObject(fields);
      expect(row?.fingerprint, want.tier).toBe(secret ? maskSecret(secret) : '');
    }

    expect(text.code).toBe(exitCode);
    expect(text.stderr).toBe('');
    for (const want of expected) expect(text.stdout).toMatch(tierLinePattern(want, storePath()));
    expect(text.stdout).toMatch(
      exitCode === 0
        ? /^OK: all 12 tiers can authenticate/m
        : /^Problems found: \d+ of 12 tiers cannot authenticate/m,
    );
  });
});

describe('flynn doctor: sections, checks and exit codes', () => {
  it('on the shipped defaults without credentials: tiers, sources, checks, exit 1', async () => {
    const run = await runFlynn(['doctor'], { env: home.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const sections = ['Tiers', 'Credential sources', 'Checks'].map((title) =>
      run.stdout.indexOf(`\n${title}\n`),
    );
    expect(sections.every((index) => index > 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(run.stdout).toContain('(not found: using the shipped defaults)');
    expect(run.stdout).toMatch(
      /^default\s+anthropic\s+claude-sonnet-4-5\s+auto \(default\)\s+none\s+-\s+-\s+fail\s+Run `flynn anthropic-auth` or `flynn anthropic-token`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN$/m,
    );
    expect(run.stdout).toMatch(
      /^local\s+ollama\s+llama3\.2\s+auto \(default\)\s+none\s+-\s+-\s+ok\s+-$/m,
    );
    expect(run.stdout).toMatch(/^openai\s+api_key\s+env\s+OPENAI_API_KEY\s+absent\s+-$/m);
    expect(run.stdout).toMatch(/^Problems found: 3 of 4 tiers cannot authenticate/m);
  });

  it('exits 0 when every tier can authenticate', async () => {
    const file = writeConfig('models:\n  fast: {provider: openai, model: gpt-5}\n');
    const run = await runFlynn(['doctor', '--config', file], {
      env: { ...home.env, OPENAI_API_KEY: 'sk-proj-exitZeroKey000000000000zero' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^OK: all 1 tier can authenticate\.$/m);
  });

  it('a broken config: one fail line with file:line:col, store still checked, exit 1', async () => {
    const file = writeConfig('models:\n  fast: [provider: openai\n');
    const run = await runFlynn(['doctor', '--config', file], { env: home.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^fail\s+config\s+\S*config\.yaml:\d+:\d+: YAML syntax error/m);
    expect(run.stdout).toMatch(/^ok\s+store\s+/m);
    const json = parseDoctorJson(
      (await runFlynn(['doctor', '--json', '--config', file], { env: home.env })).stdout,
    );
    expect(json).toMatchObject({ ok: false, tiers: [] });
  });

  it('a corrupt store: fail with path and remedy, exit 1, file left as it was', async () => {
    const content = '{"version": 1, "openai": {"api_key": "sk-proj-truncated';
    writeFileSync(storePath(), content, { mode: 0o600 });
    const run = await runFlynn(['doctor'], { env: home.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `^fail\\s+store\\s+The auth store ${escapeRegExp(storePath())} cannot be used: it is not valid JSON`,
        'm',
      ),
    );
    expect(run.stdout).toContain('Repair the file, or move it aside');
    expect(run.stdout).not.toContain('sk-proj-truncated');
    expect(readFileSync(storePath(), 'utf8')).toBe(content);
  });

  it('a 0644 store fails with the chmod that fixes it', async () => {
    writeFileSync(storePath(), '{"version": 1}');
    chmodSync(storePath(), 0o644);
    const run = await runFlynn(['doctor', '--json'], { env: home.env });
    expect(run.code).toBe(1);
    expect(parseDoctorJson(run.stdout).checks).toContainEqual({
      id: 'store-file-mode',
      status: 'fail',
      message: `${storePath()}: mode 0644, expected 0600 (other users can read your credentials); run \`chmod 600 ${storePath()}\``,
    });
  });

  it('warns about an inline secret and an auth_mode/use_oauth conflict, naming the tier', async () => {
    const key = 'sk-proj-inlineCliSecret000000000inln';
    const file = writeConfig(
      `models:\n  fast: {provider: openai, model: gpt-5, api_key: "${key}", use_oauth: true, auth_mode: api_key}\n`,
    );
    chmodSync(file, 0o600);
    const run = await runFlynn(['doctor', '--config', file], { env: home.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^warn\s+inline-secret\s+models\.fast\.api_key: a secret is written in \S+; store it with the login command or an env var instead, then delete the line \(Run `flynn openai-key` or set OPENAI_API_KEY\)$/m,
    );
    expect(run.stdout).toMatch(
      /^warn\s+auth-mode-conflict\s+tier "fast" \(models\.fast\): auth_mode: api_key overrides use_oauth: true; remove use_oauth from models\.fast$/m,
    );
    expect(run.stdout).toMatch(/\(2 warnings\)\.$/m);
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).toContain(maskSecret(key));
  });

  it('shows the OAuth tools limitation on tiers using the ChatGPT path', async () => {
    const file = writeConfig(
      'models:\n  fast: {provider: openai, model: gpt-5, auth_mode: oauth}\n',
    );
    const run = await runFlynn(['doctor', '--config', file], { env: home.env });
    expect(run.stdout).toMatch(
      /^warn\s+openai-oauth-tools\s+tier "fast": tools unavailable on the ChatGPT OAuth path/m,
    );
  });
});

describe('flynn doctor on a terminal', () => {
  async function runInPty(env: NodeJS.ProcessEnv): Promise<string> {
    const screen = new PtyScreen({
      file: process.execPath,
      args: [FLYNN_BIN, 'doctor'],
      env,
      cols: 250,
      rows: 60,
    });
    await screen.exited;
    return screen.raw;
  }

  it('colors statuses on a terminal, and not with NO_COLOR', async () => {
    const { NO_COLOR: _unset, ...colorEnv } = home.env;
    const [colored, plain] = await Promise.all([
      runInPty(colorEnv),
      runInPty({ ...home.env, NO_COLOR: '1' }),
    ]);
    expect(colored).toContain('\u001b[31mfail\u001b[39m');
    expect(plain).toContain('fail');
    expect(plain).not.toContain('\u001b[');
  });
});
