// Issue 17 end to end: named profiles, failover on 429/401 with cooldowns shared across
// processes, fallback tiers. The built binary against a loopback OpenAI server that logs
// the key of every request it receives.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  type OpenAIApiServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

const WORK = 'sk-proj-Q7x2kLm9Wd0001abcdefgh';
const PERSONAL = 'sk-proj-Z3v8nRt4Yp0002ijklmnop';
const FALLBACK = 'sk-ant-api03-H5c1bGf6Js0003qrstuv';
const REPLACED = 'sk-proj-M2d9pXe7Ua0004wxyzabcd';
const SECRETS = [WORK, PERSONAL, FALLBACK, REPLACED];

let server: OpenAIApiServer;
let other: OpenAIApiServer;
let home: TempHome;
const refuse: Record<string, { status: number; headers?: Record<string, string> }> = {};

beforeAll(async () => {
  server = await startOpenAIApiServer({ apiKeys: [WORK, PERSONAL, REPLACED], refuseKeys: refuse });
  other = await startOpenAIApiServer({ name: 'fallback', apiKeys: [FALLBACK] });
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

beforeEach(() => {
  home = createTempHome();
  for (const key of Object.keys(refuse)) delete refuse[key];
  server.requests.length = 0;
  other.requests.length = 0;
  writeFileSync(
    join(home.home, 'config.yaml'),
    `models:
  default: { provider: openai, model: gpt-4.1-mini, base_url: "${server.baseURL}", profiles: [work, personal] }
  fast: { provider: openai, model: gpt-4.1-mini, base_url: "${server.baseURL}", profile: work, fallback: [complex] }
  complex: { provider: openai, model: gpt-4.1, base_url: "${other.baseURL}", api_key: "${FALLBACK}" }
`,
  );
});
afterEach(() => home.cleanup());

const config = () => join(home.home, 'config.yaml');
const cooldownFile = () => join(home.configDir, 'auth-cooldowns.json');

function flynn(args: string[]) {
  return runFlynn(['--config', config(), ...args], { env: home.env });
}

async function login(profile: string, key: string) {
  const run = await runFlynn(['login', 'openai', '--api-key', '--stdin', '--profile', profile], {
    env: home.env,
    input: `${key}\n`,
  });
  expect(run.code, run.stderr).toBe(0);
  return run;
}

/** The keys the main server saw, in order. */
function keysSeen(): string[] {
  return server.requests
    .filter((request) => request.path.endsWith('/chat/completions'))
    .map((request) => String(request.headers.authorization).replace(/^Bearer /, ''));
}

describe('profiles', () => {
  it('login --profile stores beside the default profile; logout --profile removes that one only', async () => {
    const run = await login('work', WORK);
    expect(run.stdout).toContain('profile work');
    await login('personal', PERSONAL);
    const stored = JSON.parse(readFileSync(join(home.configDir, 'auth.json'), 'utf8'));
    expect(stored['openai:work']).toEqual({ api_key: WORK });
    expect(stored['openai:personal']).toEqual({ api_key: PERSONAL });
    expect(stored.openai).toBeUndefined();
    const out = await runFlynn(['logout', 'openai', '--profile', 'work'], { env: home.env });
    expect(out.code, out.stderr).toBe(0);
    const after = JSON.parse(readFileSync(join(home.configDir, 'auth.json'), 'utf8'));
    expect(after['openai:work']).toBeUndefined();
    expect(after['openai:personal']).toEqual({ api_key: PERSONAL });
    const bad = await runFlynn(
      ['login', 'openai', '--api-key', '--stdin', '--profile', 'Bad Name'],
      {
        env: home.env,
        input: `${WORK}\n`,
      },
    );
    expect(bad.code).toBe(2);
    expectRunNoLeak(run, SECRETS);
    expectRunNoLeak(bad, SECRETS);
  });
});

describe('failover', () => {
  it('429 on work: the same ask answers with personal; the next starts with personal; after the cooldown work is first again', async () => {
    await login('work', WORK);
    await login('personal', PERSONAL);
    refuse[WORK] = { status: 429, headers: { 'retry-after': '120' } };

    const first = await flynn(['ask', 'hi']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('Hello from openai\n');
    expect(keysSeen()).toEqual([WORK, PERSONAL]);
    expect(first.stderr).toContain('answered by profile personal');
    expect(first.stderr).toContain('profile work: rate-limited');
    expectRunNoLeak(first, SECRETS);
    const state = JSON.parse(readFileSync(cooldownFile(), 'utf8'));
    const [entry] = Object.values(state.cooldowns) as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ provider: 'openai', profile: 'work', reason: 'rate_limited' });
    expect(Number(entry?.until) - Number(entry?.since)).toBe(120_000);
    expect(readFileSync(cooldownFile(), 'utf8')).not.toContain(WORK);

    // Another process: work is cooling down, so personal is the only key sent.
    server.requests.length = 0;
    const second = await flynn(['ask', '--json', 'hi']);
    expect(second.code, second.stderr).toBe(0);
    expect(keysSeen()).toEqual([PERSONAL]);
    const json = JSON.parse(second.stdout);
    expect(json.credential).toMatchObject({ source: 'store', profile: 'personal' });
    expect(json.answered_by.refused).toEqual([
      { tier: 'default', credential: 'profile work', reason: 'cooling_down' },
    ]);

    // The cooldown ends (its time passes): work is tried first again, and answers.
    delete refuse[WORK];
    for (const cooldown of Object.values(state.cooldowns) as Array<{ until: number }>) {
      cooldown.until = Date.now() - 1;
    }
    writeFileSync(cooldownFile(), JSON.stringify(state));
    server.requests.length = 0;
    const third = await flynn(['ask', 'hi']);
    expect(third.code, third.stderr).toBe(0);
    expect(keysSeen()).toEqual([WORK]);
    expect(third.stderr).toBe('');
    // Work answered, so its cooldown is forgotten.
    expect(JSON.parse(readFileSync(cooldownFile(), 'utf8')).cooldowns).toEqual({});
  });

  it('401 on work cools it down until it is replaced', async () => {
    await login('work', WORK);
    await login('personal', PERSONAL);
    refuse[WORK] = { status: 401 };
    const first = await flynn(['ask', 'hi']);
    expect(first.code, first.stderr).toBe(0);
    expect(keysSeen()).toEqual([WORK, PERSONAL]);
    expect(first.stderr).toContain('profile work: rejected');
    const [entry] = Object.values(
      JSON.parse(readFileSync(cooldownFile(), 'utf8')).cooldowns,
    ) as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ profile: 'work', reason: 'rejected' });
    expect(entry?.until).toBeUndefined();

    server.requests.length = 0;
    await flynn(['ask', 'hi']);
    expect(keysSeen()).toEqual([PERSONAL]);

    // Replaced by a working key: a new value, no cooldown, so it is tried first again.
    const replace = await runFlynn(
      ['login', 'openai', '--api-key', '--stdin', '--replace', '--profile', 'work'],
      { env: home.env, input: `${REPLACED}\n` },
    );
    expect(replace.code, replace.stderr).toBe(0);
    server.requests.length = 0;
    const after = await flynn(['ask', 'hi']);
    expect(after.code, after.stderr).toBe(0);
    expect(keysSeen()).toEqual([REPLACED]);
    expect(after.stderr).toBe('');
    expectRunNoLeak(first, SECRETS);
    expectRunNoLeak(after, SECRETS);
  });

  it('falls back to another tier when every credential cools down', async () => {
    await login('work', WORK);
    refuse[WORK] = { status: 429, headers: { 'retry-after': '120' } };
    const first = await flynn(['ask', '--tier', 'fast', 'hi']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('Hello from fallback\n');
    expect(keysSeen()).toEqual([WORK]);
    expect(other.requests.at(-1)?.headers.authorization).toBe(`Bearer ${FALLBACK}`);
    expect(first.stderr).toContain('answered by tier complex');

    // Next time work is cooling down: straight to the fallback, work's key is not sent.
    server.requests.length = 0;
    const second = await flynn(['ask', '--tier', 'fast', 'hi']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('Hello from fallback\n');
    expect(keysSeen()).toEqual([]);
    expectRunNoLeak(first, SECRETS);
    expectRunNoLeak(second, SECRETS);
  });

  it('8 parallel asks against a 429-ing first key: every one answers, the cooldown file stays valid JSON', async () => {
    await login('work', WORK);
    await login('personal', PERSONAL);
    refuse[WORK] = { status: 429 };
    const runs = await Promise.all(Array.from({ length: 8 }, () => flynn(['ask', 'hi'])));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('Hello from openai\n');
    }
    const state = JSON.parse(readFileSync(cooldownFile(), 'utf8'));
    const entries = Object.values(state.cooldowns) as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ profile: 'work', reason: 'rate_limited' });
    expect(keysSeen().filter((key) => key === PERSONAL)).toHaveLength(8);
  }, 120_000);
});
