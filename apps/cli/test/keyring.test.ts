// The keyring backend through the built `flynn` binary, against a real Secret Service
// (gnome-keyring-daemon on a private bus, @flynn/testkit's startSecretService): keys and a
// ChatGPT login stored with `credential_store: keyring` leave no secret in the config
// directory, `secret-tool` lists them, `flynn ask` sends them; `auto` with and without a
// session bus; `flynn store migrate` both ways, also killed half-way and run again; doctor
// naming the backend and warning when both hold credentials.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { keyringAccount, readAuthStore } from '@flynn/auth-store';
import {
  createTempHome,
  type OpenAIApiServer,
  type OpenAIAuthServer,
  type SecretService,
  startOpenAIApiServer,
  startOpenAIAuthServer,
  startSecretService,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FlynnRun, runFlynn, startFlynn } from './run-flynn.js';

const OPENAI_KEY = 'sk-proj-KEYRINGx0001abcdefghijkl';
const ANTHROPIC_TOKEN = 'sk-ant-oat01-KEYRINGx0002abcdefgh';
const ZAI_KEY = 'zai-KEYRINGx0003abcdefghijkl';
const GITHUB_TOKEN = 'github_pat_KEYRINGx0004abcdefghijkl';
const SECRETS = [OPENAI_KEY, ANTHROPIC_TOKEN, ZAI_KEY, GITHUB_TOKEN];

let service: SecretService;
let openai: OpenAIApiServer;
let home: TempHome;
let configFile: string;
const runs: FlynnRun[] = [];
const previousBus = process.env.DBUS_SESSION_BUS_ADDRESS;

beforeAll(async () => {
  service = await startSecretService();
  // This process reads the store too (to check values): the keyring helper uses its env.
  process.env.DBUS_SESSION_BUS_ADDRESS = service.env.DBUS_SESSION_BUS_ADDRESS;
  openai = await startOpenAIApiServer({ apiKeys: [OPENAI_KEY] });
}, 60_000);
afterAll(async () => {
  if (previousBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
  else process.env.DBUS_SESSION_BUS_ADDRESS = previousBus;
  await Promise.all([service?.stop(), openai?.close()]);
  for (const run of runs) {
    for (const secret of SECRETS) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  }
});
beforeEach(() => {
  home = createTempHome();
  configFile = join(home.home, 'config.yaml');
});
afterEach(() => home.cleanup());

const storePath = () => join(home.configDir, 'auth.json');
const account = (key: string) => keyringAccount(key, storePath());

async function flynn(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const run = await runFlynn(['--config', configFile, ...args], {
    env: { ...home.env, ...service.env, ...options.env },
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  runs.push(run);
  return run;
}

function writeConfig(text: string) {
  writeFileSync(configFile, text, { mode: 0o600 });
}

/** Every file of the config directory, as text: what a backup or a dotfiles sync copies. */
function configDirText(): string {
  return readdirSync(home.configDir)
    .map((name) => readFileSync(join(home.configDir, name), 'utf8'))
    .join('\n');
}

/** Waits for keyring helper processes (a killed run's child finishing its call) to end. */
async function helpersDone() {
  const running = () =>
    readdirSync('/proc').filter((name) => {
      if (!/^\d+$/.test(name)) return false;
      try {
        return readFileSync(`/proc/${name}/environ`, 'utf8').includes('FLYNN_KEYRING_MODULE=');
      } catch {
        return false;
      }
    }).length;
  const deadline = Date.now() + 15_000;
  while (running() > 0 && Date.now() < deadline) await sleep(10);
}

/** The keyring helper processes `parent` started that are running now. */
function helpersOf(parent: number): number[] {
  return readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) return [];
      return readFileSync(`/proc/${name}/environ`, 'utf8').includes('FLYNN_KEYRING_MODULE=')
        ? [Number(name)]
        : [];
    } catch {
      return [];
    }
  });
}

/**
 * Lets `pid`'s `number`th keyring helper do its whole call while `pid` itself is stopped
 * (SIGSTOP), so that `pid` never sees the answer: the helper is held (SIGSTOP) the moment it
 * appears, `pid` is given time to hand it its request (a pipe holds it), then `pid` is
 * stopped and the helper let go. The caller kills `pid` once the helper is done.
 */
async function stopAtHelper(pid: number, number: number) {
  const seen = new Set<number>();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const helper of helpersOf(pid)) {
      if (seen.has(helper)) continue;
      seen.add(helper);
      if (seen.size < number) continue;
      process.kill(helper, 'SIGSTOP');
      await sleep(300);
      process.kill(pid, 'SIGSTOP');
      process.kill(helper, 'SIGCONT');
      return;
    }
    await sleep(1);
  }
  throw new Error(`process ${pid} started no keyring helper #${number}`);
}

async function storeAll(env: NodeJS.ProcessEnv = {}) {
  for (const [args, value] of [
    [['openai-key', '--stdin'], OPENAI_KEY],
    [['anthropic-token', '--stdin'], ANTHROPIC_TOKEN],
    [['zai-key', '--stdin'], ZAI_KEY],
    [['github-login', '--stdin'], GITHUB_TOKEN],
  ] as const) {
    const run = await flynn([...args], { env, input: `${value}\n` });
    expect(run.code, run.stderr).toBe(0);
  }
}

describe('credential_store: keyring', () => {
  let auth: OpenAIAuthServer;
  beforeAll(async () => {
    auth = await startOpenAIAuthServer({ interval: '0', pendingPolls: 1 });
  });
  afterAll(() => auth.close());

  it('keys and a ChatGPT login leave no secret in the config dir; secret-tool lists them; ask sends the key', async () => {
    writeConfig(
      `credential_store: keyring\nmodels:\n  default: { provider: openai, model: gpt-4.1-mini, base_url: "${openai.baseURL}", auth_mode: api_key }\n`,
    );
    await storeAll();
    const login = await flynn(['openai-login', '--no-browser'], {
      env: { FLYNN_OPENAI_ISSUER: auth.issuer },
    });
    expect(login.code, login.stderr).toBe(0);
    // The messages name where the secret went: the keyring entry, not auth.json.
    expect(login.stdout).toContain(`in keyring:flynn/${account('openai')}.`);
    expect(runs.find((run) => run.stdout.includes('OpenAI API key'))?.stdout).toContain(
      `in keyring:flynn/${account('openai')}.`,
    );

    const oauth = JSON.parse(
      await service.lookup({ service: 'flynn', username: account('openai') }),
    ).oauth as { access_token: string; refresh_token: string; id_token?: string };
    expect(auth.isValidAccessToken(oauth.access_token)).toBe(true);
    const canaries = [...SECRETS, oauth.access_token, oauth.refresh_token, oauth.id_token ?? ''];
    const text = configDirText();
    for (const canary of canaries.filter(Boolean)) expect(text).not.toContain(canary);
    for (const run of runs) {
      for (const canary of canaries.filter(Boolean))
        expect(run.stdout + run.stderr).not.toContain(canary);
    }

    const listed = await service.search('flynn');
    for (const key of ['openai', 'anthropic', 'zai', 'github']) {
      expect(listed).toContain(`attribute.username = ${account(key)}`);
    }

    const ask = await flynn(['ask', 'hello']);
    expect(ask.code, ask.stderr).toBe(0);
    expect(openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);

    const doctor = await flynn(['doctor', '--json']);
    const report = JSON.parse(doctor.stdout);
    expect(report.credential_store).toEqual({
      backend: 'keyring',
      reason: 'credential_store: keyring',
    });
    expect(report.tiers[0].location).toBe(`keyring:flynn/${account('openai')} (openai.api_key)`);
    const text2 = await flynn(['doctor']);
    expect(text2.stdout).toContain('Credentials: keyring (credential_store: keyring)');

    const logout = await flynn(['logout', 'openai', '--api-key']);
    expect(logout.code, logout.stderr).toBe(0);
    const after = JSON.parse(
      await service.lookup({ service: 'flynn', username: account('openai') }),
    );
    expect(after.api_key).toBeUndefined();
    expect(after.oauth.refresh_token).toBe(oauth.refresh_token);
  }, 120_000);

  it('without a session bus: a clear error naming FLYNN_CREDENTIAL_STORE=file, nothing written', async () => {
    writeConfig(
      'credential_store: keyring\nmodels:\n  default: { provider: openai, model: gpt-4.1-mini }\n',
    );
    const run = await runFlynn(['--config', configFile, 'openai-key', '--stdin'], {
      env: { ...home.env }, // no DBUS_SESSION_BUS_ADDRESS
      input: `${OPENAI_KEY}\n`,
    });
    runs.push(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/The keyring \(Secret Service\) is not running on this session bus/);
    expect(run.stderr).toContain('FLYNN_CREDENTIAL_STORE=file');
    expect(readdirSync(home.configDir).filter((name) => name !== 'config.yaml')).toEqual([]);
  });
});

describe('credential_store: auto', () => {
  it('with a session bus and nothing stored: the keyring', async () => {
    writeConfig('models:\n  default: { provider: openai, model: gpt-4.1-mini }\n');
    await storeAll();
    expect(readFileSync(storePath(), 'utf8')).not.toContain('KEYRINGx');
    const doctor = JSON.parse((await flynn(['doctor', '--json'])).stdout);
    expect(doctor.credential_store).toEqual({
      backend: 'keyring',
      reason: 'auto: the stored credentials are in the keyring',
    });
  });

  it('without a session bus: auth.json, and doctor says why', async () => {
    writeConfig('models:\n  default: { provider: openai, model: gpt-4.1-mini }\n');
    const noBus = { ...home.env };
    const store = await runFlynn(['--config', configFile, 'openai-key', '--stdin'], {
      env: noBus,
      input: `${OPENAI_KEY}\n`,
    });
    runs.push(store);
    expect(store.code, store.stderr).toBe(0);
    expect(JSON.parse(readFileSync(storePath(), 'utf8')).openai.api_key).toBe(OPENAI_KEY);
    const doctor = await runFlynn(['--config', configFile, 'doctor', '--json'], { env: noBus });
    runs.push(doctor);
    expect(JSON.parse(doctor.stdout).credential_store).toEqual({
      backend: 'file',
      reason:
        'auto: auth.json already holds the credentials (`flynn store migrate --to keyring` moves them)',
    });
    const empty = createTempHome();
    try {
      const fresh = await runFlynn(['doctor', '--json'], { env: empty.env });
      expect(JSON.parse(fresh.stdout).credential_store).toEqual({
        backend: 'file',
        reason: 'auto: no keyring (DBUS_SESSION_BUS_ADDRESS unset), using auth.json',
      });
    } finally {
      empty.cleanup();
    }
  });
});

describe('flynn store migrate', () => {
  const fileEnv = { FLYNN_CREDENTIAL_STORE: 'file' };
  const expected = {
    openai: OPENAI_KEY,
    anthropic: ANTHROPIC_TOKEN,
    zai: ZAI_KEY,
    github: GITHUB_TOKEN,
  };
  async function values() {
    const data = (await readAuthStore({ path: storePath(), env: {} })) as Record<
      string,
      Record<string, string>
    >;
    return {
      openai: data.openai?.api_key,
      anthropic: data.anthropic?.auth_token,
      zai: data.zai?.api_key,
      github: data.github?.token,
    };
  }
  const inFile = () => {
    const text = readFileSync(storePath(), 'utf8');
    return SECRETS.filter((secret) => text.includes(secret)).length;
  };

  it('moves everything to the keyring and back; doctor warns while both hold credentials', async () => {
    writeConfig('models:\n  default: { provider: openai, model: gpt-4.1-mini }\n');
    await storeAll(fileEnv);
    expect(inFile()).toBe(4);

    const there = await flynn(['store', 'migrate', '--to', 'keyring', '--json']);
    expect(there.code, there.stderr).toBe(0);
    const report = JSON.parse(there.stdout);
    expect(report.entries.map((entry: { key: string }) => entry.key).sort()).toEqual([
      'anthropic',
      'github',
      'openai',
      'zai',
    ]);
    expect(inFile()).toBe(0);
    expect(await values()).toEqual(expected);

    // A key stored with the setting at file lands in auth.json: both now hold credentials.
    expect((await flynn(['logout', 'zai'])).code).toBe(0);
    const mixed = await flynn(['zai-key', '--stdin'], { env: fileEnv, input: `${ZAI_KEY}\n` });
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(inFile()).toBe(1);
    const doctor = await flynn(['doctor', '--json']);
    const warning = JSON.parse(doctor.stdout).checks.find(
      (check: { id: string; status: string }) =>
        check.id === 'credential-store' && check.status === 'warn',
    );
    expect(warning.message).toMatch(/both the keyring and auth.json hold credentials/);
    expect(warning.message).toContain('flynn store migrate --to keyring');

    const back = await flynn(['store', 'migrate', '--to', 'file']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/Moved 3 of 4 stored entries to /);
    expect(inFile()).toBe(4);
    expect(await service.search('flynn')).not.toContain(account('openai'));
    expect(await values()).toEqual(expected);
  }, 120_000);

  for (const to of ['keyring', 'file'] as const) {
    it(`--to ${to} killed with SIGKILL half-way and at random moments loses nothing; a rerun finishes`, async () => {
      writeConfig('models:\n  default: { provider: openai, model: gpt-4.1-mini }\n');
      await storeAll(to === 'keyring' ? fileEnv : { FLYNN_CREDENTIAL_STORE: 'keyring' });
      const other = to === 'keyring' ? 'file' : 'keyring';
      const start = () =>
        startFlynn(['--config', configFile, 'store', 'migrate', '--to', to], {
          env: { ...home.env, ...service.env },
        });

      // Half-way, for certain: the run is stopped (SIGSTOP) the moment it starts the keyring
      // call that does the move (to the keyring: the writes, before auth.json drops its copies;
      // to the file: the removals, after auth.json got the copies back), that call is let
      // finish or not, and the run is killed.
      const helperNumber = to === 'keyring' ? 1 : 2;
      const halfway = start();
      await stopAtHelper(halfway.child.pid!, helperNumber);
      await helpersDone();
      halfway.child.kill('SIGKILL');
      await halfway.done;
      await helpersDone();
      expect(await values()).toEqual(expected);
      const raw = JSON.parse(readFileSync(storePath(), 'utf8'));
      if (to === 'keyring') {
        // Every value written to the keyring, auth.json still holding its copies.
        expect(inFile()).toBe(4);
        expect(await service.search('flynn')).toContain(account('zai'));
      } else {
        // auth.json holds the copies again and still lists the keyring entries.
        expect(inFile()).toBe(4);
        expect(raw.keyring).toBeDefined();
      }
      const rerun = await flynn(['store', 'migrate', '--to', to]);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(await values()).toEqual(expected);
      expect(inFile()).toBe(to === 'file' ? 4 : 0);
      expect((await service.search('flynn')).includes(account('openai'))).toBe(to === 'keyring');

      // And at random moments of a run (wherever they land), each followed by a full run back.
      for (let kill = 0; kill < 4; kill++) {
        const reset = await flynn(['store', 'migrate', '--to', other]);
        expect(reset.code, reset.stderr).toBe(0);
        const child = start();
        await sleep(Math.random() * 600);
        child.child.kill('SIGKILL');
        await child.done;
        await helpersDone();
        expect(await values()).toEqual(expected);
      }
      const last = await flynn(['store', 'migrate', '--to', to]);
      expect(last.code, last.stderr).toBe(0);
      expect(await values()).toEqual(expected);
      expect(inFile()).toBe(to === 'file' ? 4 : 0);
    }, 180_000);
  }
});
