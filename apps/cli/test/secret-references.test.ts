// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} in plain strings is the syntax under test
// Secret references through the built `flynn` binary: a real `pass` store (GnuPG key made
// for the test) feeding `flynn ask`; doctor naming each reference's source, running each
// distinct one once and in parallel, and reporting a failing one as the tier's problem;
// `config validate` and unused tiers never running a command; placeholders warned about;
// `flynn login <local provider>`. No output ever holds a resolved value.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createPassStore,
  createTempHome,
  type OpenAIApiServer,
  type PassStore,
  passAvailable,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FlynnRun, runFlynn, startFlynn } from './run-flynn.js';

const PASS_KEY = 'sk-proj-from-pass-0001-abcdefgh';
const SHELL_KEY = 'sk-proj-from-shell-0002-abcdefgh';
const FILE_KEY = 'sk-proj-from-file-0003-abcdefgh';
const LOCAL_KEY = 'lm-local-key-0004-abcdefgh';
const GATEWAY = 'gw-token-0005-abcdefgh';
const CANARY = 'sk-proj-CANARY-0006-abcdefgh';
const SECRETS = [PASS_KEY, SHELL_KEY, FILE_KEY, LOCAL_KEY, GATEWAY, CANARY];

let openai: OpenAIApiServer;
let lmstudio: OpenAIApiServer;
let home: TempHome;
let configFile: string;
const runs: FlynnRun[] = [];

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [PASS_KEY, SHELL_KEY, FILE_KEY] });
  lmstudio = await startOpenAIApiServer({ name: 'lmstudio', apiKeys: [LOCAL_KEY] });
});
afterAll(async () => {
  await Promise.all([openai.close(), lmstudio.close()]);
  // Every run of this file, whatever it did: no resolved value and no command output.
  for (const run of runs) {
    for (const secret of SECRETS) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  }
});
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  configFile = join(home.configDir, 'config.yaml');
});
afterEach(() => home.cleanup());

async function flynn(args: string[], env: NodeJS.ProcessEnv = {}, input?: string) {
  const run = await runFlynn(['--config', configFile, ...args], {
    env: { ...home.env, ...env },
    ...(input === undefined ? {} : { input }),
  });
  runs.push(run);
  return run;
}

function writeConfig(models: string) {
  writeFileSync(configFile, `models:\n${models}`, { mode: 0o600 });
}

describe.skipIf(!passAvailable() && !process.env.CI)('a real pass store', () => {
  let pass: PassStore;
  beforeAll(async () => {
    pass = await createPassStore({ entries: { 'flynn/openai': PASS_KEY } });
  }, 60_000);
  afterAll(async () => pass?.cleanup());

  it('api_key: { command: [pass, show, flynn/openai] } streams an answer with that key', async () => {
    writeConfig(
      `  fast: { provider: openai, model: gpt-4.1-mini, base_url: "${openai.baseURL}", api_key: { command: [pass, show, flynn/openai] } }\n`,
    );
    const run = await flynn(['ask', '--tier', 'fast', 'hi'], pass.env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Hello from openai\n');
    expect(run.code).toBe(0);
    expect(openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${PASS_KEY}`);

    const doctor = await flynn(['doctor', '--json'], pass.env);
    const tier = JSON.parse(doctor.stdout).tiers.find(
      (entry: { tier: string }) => entry.tier === 'fast',
    );
    expect(tier).toMatchObject({
      status: 'ok',
      source: 'config',
      location: 'models.fast.api_key (command: pass)',
      fingerprint: 'sk-proj-…efgh',
    });
  });
});

it('CI has pass installed (.ci/run installs it)', () => {
  if (process.env.CI) expect(passAvailable()).toBe(true);
});

describe('doctor and secret references', () => {
  it('shows each source, runs each distinct command once and in parallel, warns on a readable file', async () => {
    writeFileSync(join(home.configDir, 'openai.key'), `${FILE_KEY}\n`, { mode: 0o644 });
    chmodSync(join(home.configDir, 'openai.key'), 0o644);
    const shared = `{ shell: "echo run >> runs.log; sleep 1.5; echo ${SHELL_KEY}" }`;
    writeConfig(
      `  default: { provider: openai, model: m, api_key: ${shared} }\n` +
        `  complex: { provider: openai, model: m, api_key: ${shared} }\n` +
        `  fast: { provider: openai, model: m, api_key: { shell: "sleep 1.5; echo ${SHELL_KEY}" } }\n` +
        `  local: { provider: openai, model: m, api_key: { file: openai.key } }\n` +
        `  local_providers:\n    - { name: lmstudio, provider: openai-compatible, model: q, base_url: "${lmstudio.baseURL}", api_key: { env: LMSTUDIO_KEY } }\n`,
    );
    const started = Date.now();
    const run = await flynn(['doctor'], { LMSTUDIO_KEY: LOCAL_KEY });
    const elapsed = Date.now() - started;
    expect(run.code).toBe(0);
    // Three 1.5 s commands, two of them the same: one run each, side by side.
    expect(readFileSync(join(home.configDir, 'runs.log'), 'utf8')).toBe('run\n');
    expect(elapsed).toBeLessThan(2900);
    expect(run.stdout).toContain('models.default.api_key (shell: echo)');
    expect(run.stdout).toContain('models.local.api_key (file: openai.key)');
    expect(run.stdout).toContain('models.local_providers[0].api_key (env: LMSTUDIO_KEY)');
    expect(run.stdout).toContain('sk-proj-…efgh');
    expect(run.stdout).toMatch(
      /secret-file-mode .*openai\.key is readable by other users \(mode 0644\); run `chmod 600 /,
    );
  });

  it('a failing command is the tier problem, with its fix and never its output', async () => {
    writeConfig(
      `  fast: { provider: openai, model: m, api_key: { command: [sh, -c, "echo ${CANARY}; echo oops >&2; exit 4"] } }\n` +
        `  local: { provider: ollama, model: m }\n`,
    );
    const run = await flynn(['doctor']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('models.fast.api_key (command: sh): sh exited with status 4');
    expect(run.stdout).toContain('FLYNN_DEBUG=1 shows its stderr');
    expect(run.stdout).not.toContain('oops');
    const debug = await flynn(['doctor', '--json'], { FLYNN_DEBUG: '1' });
    expect(debug.stdout).toContain('stderr: oops');
    const ask = await flynn(['ask', '--tier', 'fast', 'hi']);
    expect(ask.code).toBe(1);
    expect(ask.stderr).toContain('models.fast.api_key (command: sh): sh exited with status 4');
  });
});

describe('commands run only where they are needed', () => {
  it('flynn ask on another tier and flynn config validate never run a command', async () => {
    const marker = join(home.configDir, 'ran');
    writeConfig(
      `  default: { provider: openai, model: m, api_key: { command: [touch, "${marker}"] } }\n` +
        `  fast: { provider: openai, model: gpt-4.1-mini, base_url: "${openai.baseURL}", api_key: "\${MY_OPENAI_KEY}", headers: { X-Gateway: "Bearer \${GATEWAY_TOKEN}" } }\n`,
    );
    const ask = await flynn(['ask', '--tier', 'fast', 'hi'], {
      MY_OPENAI_KEY: FILE_KEY,
      GATEWAY_TOKEN: GATEWAY,
    });
    expect(ask.stdout).toBe('Hello from openai\n');
    expect(openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${FILE_KEY}`);
    expect(openai.requests.at(-1)?.headers['x-gateway']).toBe(`Bearer ${GATEWAY}`);
    const validate = await flynn(['config', 'validate']);
    expect(validate.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const unset = await flynn(['ask', '--tier', 'fast', 'hi'], { MY_OPENAI_KEY: FILE_KEY });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('variable is not set: GATEWAY_TOKEN');
  });

  it('Ctrl-C while a command reference runs stops it: exit 130, nothing left running', async () => {
    const marker = join(home.configDir, 'after-sleep');
    writeConfig(
      `  fast: { provider: openai, model: m, api_key: { shell: "sleep 2; touch ${marker}; echo k", timeout_s: 60 } }\n`,
    );
    const ask = startFlynn(['--config', configFile, 'ask', '--tier', 'fast', 'hi'], {
      env: home.env,
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const started = Date.now();
    ask.child.kill('SIGINT');
    const run = await ask.done;
    runs.push(run);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('Cancelled.');
    // Had the command survived, it would write the marker 2 s after it started.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(existsSync(marker)).toBe(false);
  });

  it("config validate checks the shape and warns about other tools' placeholders", async () => {
    writeConfig('  fast: { provider: openai, model: m, api_key: "$OPENAI_API_KEY" }\n');
    const warned = await flynn(['config', 'validate']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(
      'models.fast.api_key: looks like a shell variable ($NAME), which Flynn does not expand',
    );
    expect(warned.stderr).toContain('write api_key: "${OPENAI_API_KEY}"');
    const doctor = await flynn(['doctor']);
    expect(doctor.stdout).toMatch(
      /config-warning +models\.fast\.api_key: looks like a shell variable \(\$NAME\).*write api_key: "\$\{OPENAI_API_KEY\}"/,
    );
    writeConfig('  fast: { provider: openai, model: m, api_key: { command: [] } }\n');
    const invalid = await flynn(['config', 'validate']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr + invalid.stdout).toContain(
      'models.fast.api_key: command must be a list',
    );
  });
});

describe('flynn login <local provider>', () => {
  it('stores a key under the name; ask and doctor use it; logout removes it', async () => {
    writeConfig(
      `  local_providers:\n    - { name: lmstudio, provider: openai-compatible, model: qwen3, base_url: "${lmstudio.baseURL}" }\n`,
    );
    const login = await flynn(['login', 'lmstudio', '--stdin', '--verify'], {}, `${LOCAL_KEY}\n`);
    expect(login.stdout).toContain('Verified:');
    expect(login.stdout).toContain('Stored the lmstudio API key …efgh');
    expect(login.code).toBe(0);
    const store = JSON.parse(readFileSync(join(home.configDir, 'auth.json'), 'utf8'));
    expect(store.local_providers).toEqual({ lmstudio: { api_key: LOCAL_KEY } });

    const ask = await flynn(['ask', '--tier', 'lmstudio', 'hi']);
    expect(ask.stdout).toBe('Hello from lmstudio\n');
    expect(lmstudio.requests.at(-1)?.headers.authorization).toBe(`Bearer ${LOCAL_KEY}`);
    const doctor = await flynn(['doctor', '--json']);
    expect(JSON.parse(doctor.stdout).tiers[0]).toMatchObject({
      source: 'store',
      location: `${join(home.configDir, 'auth.json')} local_providers.lmstudio.api_key`,
    });

    const logout = await flynn(['logout', 'lmstudio']);
    expect(logout.stdout).toContain('Removed the lmstudio API key (…efgh)');
    const unknown = await flynn(['login', 'nosuch', '--stdin'], {}, 'x\n');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('or a local provider of the config (lmstudio)');
  });
});
