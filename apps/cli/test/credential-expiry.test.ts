// Issue 17: expiry warnings ahead and `doctor --check`, and doctor's view of profiles and
// cooldowns. The built binary, a temp config dir, no network.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

const WORK = 'sk-proj-Q7x2kLm9Wd0001abcdefgh';
const PERSONAL = 'sk-proj-Z3v8nRt4Yp0002ijklmnop';
const DAY = 24 * 60 * 60_000;

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
  writeFileSync(
    join(home.home, 'config.yaml'),
    'models:\n  default: { provider: openai, model: gpt-4.1-mini, profiles: [work, personal] }\n',
  );
});
afterEach(() => home.cleanup());

const flynn = (args: string[], input?: string) =>
  runFlynn(['--config', join(home.home, 'config.yaml'), ...args], {
    env: home.env,
    ...(input === undefined ? {} : { input }),
  });

async function login(profile: string, key: string, expires?: number) {
  const run = await flynn(
    [
      'login',
      'openai',
      '--api-key',
      '--stdin',
      '--profile',
      profile,
      ...(expires === undefined ? [] : ['--expires', new Date(expires).toISOString()]),
    ],
    `${key}\n`,
  );
  expect(run.code, run.stderr).toBe(0);
}

describe('credential expiry', () => {
  it('a stored credential expiring in 3 days: doctor warns, --check exits 3', async () => {
    await login('work', WORK, Date.now() + 3 * DAY);
    await login('personal', PERSONAL);
    const stored = JSON.parse(readFileSync(join(home.configDir, 'auth.json'), 'utf8'));
    expect(typeof stored['openai:work'].api_key_expires_at).toBe('number');

    const text = await flynn(['doctor']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /warn\s+credential-expiry\s+sk-proj-…efgh \(profile work, .*\) expires in (2|3) days/,
    );
    // The fix names the profile in the command itself.
    expect(text.stdout).toContain('flynn openai-key --replace --profile work');
    expect(text.stdout).toContain('Profiles: openai: work, personal');
    expect(text.stdout).toContain(
      'default tries: 1. profile work sk-proj-…efgh; 2. profile personal sk-proj-…mnop',
    );

    const check = await flynn(['doctor', '--check']);
    expect(check.code).toBe(3);

    const json = JSON.parse((await flynn(['doctor', '--json'])).stdout);
    expect(json.profiles).toEqual({ openai: ['work', 'personal'] });
    expect(json.tiers[0].credentials).toEqual([
      expect.objectContaining({
        profile: 'work',
        source: 'store',
        fingerprint: 'sk-proj-…efgh',
        expires_at: expect.any(String),
      }),
      expect.objectContaining({
        profile: 'personal',
        source: 'store',
        fingerprint: 'sk-proj-…mnop',
      }),
    ]);
    expect(json.checks.some((c: { id: string }) => c.id === 'credential-expiry')).toBe(true);
    expectRunNoLeak(text, [WORK, PERSONAL]);
    expectRunNoLeak(check, [WORK, PERSONAL]);
  });

  it('30 days ahead: no warning, --check exits 0', async () => {
    await login('work', WORK, Date.now() + 30 * DAY);
    await login('personal', PERSONAL);
    const text = await flynn(['doctor']);
    expect(text.stdout).not.toContain('credential-expiry');
    const check = await flynn(['doctor', '--check']);
    expect(check.code, check.stdout).toBe(0);
  });

  it('replacing a credential without --expires drops the old expiry', async () => {
    await login('work', WORK, Date.now() + 3 * DAY);
    await login('personal', PERSONAL);
    const replace = await flynn(
      ['login', 'openai', '--api-key', '--stdin', '--replace', '--profile', 'work'],
      `${WORK}\n`,
    );
    expect(replace.code).toBe(0);
    expect((await flynn(['doctor', '--check'])).code).toBe(0);
  });

  it('rejects a date it cannot read (exit 2), storing nothing', async () => {
    const run = await flynn(
      ['login', 'openai', '--api-key', '--stdin', '--expires', 'soonish'],
      `${WORK}\n`,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--expires takes a date');
    expectRunNoLeak(run, [WORK]);
  });

  it('doctor shows a cooldown from the shared file for the credential it belongs to', async () => {
    await login('work', WORK);
    await login('personal', PERSONAL);
    const json = JSON.parse((await flynn(['doctor', '--json'])).stdout);
    const work = json.tiers[0].credentials[0];
    writeFileSync(
      join(home.configDir, 'auth-cooldowns.json'),
      JSON.stringify({
        version: 1,
        cooldowns: {
          '0123456789abcdef': {
            provider: 'openai',
            profile: 'work',
            location: work.location,
            fingerprint: work.fingerprint,
            reason: 'rejected',
            since: Date.now(),
            failures: 1,
          },
        },
      }),
    );
    const after = JSON.parse((await flynn(['doctor', '--json'])).stdout);
    expect(after.tiers[0].credentials[0]).toMatchObject({
      profile: 'work',
      cooldown_until: null,
      cooldown_reason: 'rejected',
    });
    expect(after.tiers[0].credentials[1].cooldown_reason).toBeUndefined();
    const text = await flynn(['doctor']);
    expect(text.stdout).toContain(
      '1. profile work sk-proj-…efgh, rejected: set aside until replaced',
    );
  });
});

describe('flynn status shows expiry', () => {
  it('a credential expiring in 3 days: the tier says when, the problem line names it, --json has ISO dates', async () => {
    const expiresAt = Date.now() + 3 * DAY;
    await login('work', WORK, expiresAt);
    await login('personal', PERSONAL, Date.now() + 30 * DAY);
    const run = await runFlynn(['--config', join(home.home, 'config.yaml'), 'status'], {
      env: { ...home.env, COLUMNS: '80' },
    });
    const day = new Date(expiresAt).toISOString().slice(0, 10);
    expect(run.stdout).toMatch(
      new RegExp(`^default\\s+openai/gpt-4.1-mini\\s+.*expires ${day}$`, 'm'),
    );
    // A warning (nothing fails yet): `!`, not the failure mark.
    expect(run.stdout).toMatch(/^! credential-expiry: sk-proj-…efgh \(profile work, /m);
    expect(run.stdout).toContain(`(${day} `);
    expect(run.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(run.stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
    expectRunNoLeak(run, [WORK, PERSONAL]);

    const json = JSON.parse((await flynn(['status', '--json'])).stdout);
    expect(json.problems).toEqual([
      expect.objectContaining({ subject: 'credential-expiry', severity: 'warn' }),
    ]);
    const [tier] = json.tiers;
    // --expires takes the ISO date as given, to the millisecond.
    expect(tier.expires_at).toBe(new Date(expiresAt).toISOString());
    expect(tier.credentials).toEqual([
      {
        profile: 'work',
        source: 'store',
        fingerprint: 'sk-proj-…efgh',
        expires_at: tier.expires_at,
      },
      {
        profile: 'personal',
        source: 'store',
        fingerprint: 'sk-proj-…mnop',
        expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ]);
  });

  it('30 days ahead: the tier is ok; --json still carries the expiry, null where unknown', async () => {
    await login('work', WORK, Date.now() + 30 * DAY);
    await login('personal', PERSONAL);
    const run = await flynn(['status']);
    expect(run.stdout).toMatch(/^default\s.*\sok$/m);
    expect(run.stdout).not.toContain('expires');
    const json = JSON.parse((await flynn(['status', '--json'])).stdout);
    expect(json.tiers[0].expires_at).toEqual(expect.any(String));
    expect(json.tiers[0].credentials[1].expires_at).toBeNull();
  });
});
