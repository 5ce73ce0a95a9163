import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import {
  createTempHome,
  type EchoCredential,
  startAnthropicServer,
  startLoopbackServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectNoEchoLeak } from './credential-helpers.js';
import { type FlynnRun, runFlynn } from './run-flynn.js';

// Loopback servers answer at once; a loaded CI machine can still take seconds to start the
// CLI and its SDK, so the calls that must get an answer are not held to the 5 s default.
const PATIENT = ['--timeout', '30'];

let home: TempHome;
const closers: Array<() => Promise<void>> = [];
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  home.cleanup();
});

const storePath = () => join(home.configDir, 'auth.json');

function writeConfig(yaml: string): string {
  const file = join(home.configDir, 'config.yaml');
  writeFileSync(file, yaml);
  chmodSync(file, 0o600);
  return file;
}

function writeStore(text: string): void {
  writeFileSync(storePath(), text, { mode: 0o600 });
  chmodSync(storePath(), 0o600);
}

async function closedPortURL(): Promise<string> {
  const server = await startLoopbackServer(() => {});
  await server.close();
  return `${server.url}/v1`;
}

describe('flynn doctor --online against loopback servers', () => {
  it('reports each tier online, sends the resolved credential, exit 0', async () => {
    const key = 'sk-proj-cliOnlineGoodKey0000000000good';
    const anthropicKey = 'sk-ant-api03-cliOnlineAnthropic00000000ak';
    const openai = await startOpenAIApiServer({ apiKeys: [key] });
    const anthropic = await startAnthropicServer({ apiKeys: [anthropicKey] });
    closers.push(openai.close, anthropic.close);
    const file = writeConfig(
      [
        'models:',
        `  default: {provider: anthropic, model: claude-sonnet-4-5, base_url: "${anthropic.baseURL}"}`,
        `  fast: {provider: openai, model: gpt-5, auth_mode: api_key, base_url: "${openai.baseURL}"}`,
        '',
      ].join('\n'),
    );
    const env = { ...home.env, OPENAI_API_KEY: key, ANTHROPIC_API_KEY: anthropicKey };
    const run = await runFlynn(['doctor', '--online', ...PATIENT, '--config', file], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^fast\s+openai\s+gpt-5\s+api_key \(auth_mode\).*\s+ok\s+ok\s+-$/m);
    expect(run.stdout).toMatch(
      /^ {2}fast online: authenticated call succeeded, checked with the models route \(\d+ ms\)$/m,
    );
    expect(openai.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${key}`,
    ]);
    expect(anthropic.requests).toHaveLength(1);

    const json = await runFlynn(['doctor', '--online', '--json', ...PATIENT, '--config', file], {
      env,
    });
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(true);
    expect(report.tiers.map((tier: { online: { status: string } }) => tier.online.status)).toEqual([
      'ok',
      'ok',
    ]);
  });

  it('a 401 fails the tier with the remedy and exits 1', async () => {
    const openai = await startOpenAIApiServer({
      apiKeys: ['sk-proj-theOnlyAcceptedKey0000000000'],
    });
    closers.push(openai.close);
    const file = writeConfig(
      `models:\n  fast: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}\n`,
    );
    const run = await runFlynn(['doctor', '--online', '--json', ...PATIENT, '--config', file], {
      env: { ...home.env, OPENAI_API_KEY: 'sk-proj-rejectedKey000000000000000rej' },
    });
    expect(run.code).toBe(1);
    const [fast] = JSON.parse(run.stdout).tiers;
    expect(fast).toMatchObject({ status: 'fail', online: { status: 'fail' } });
    expect(fast.online.message).toMatch(/^the server rejected the credential \(HTTP 401\)/);
    // The remedy names where the rejected key came from (its wording is @flynn/models').
    expect(fast.remedy).toContain('OPENAI_API_KEY');
  });

  it('--timeout bounds a server that never answers', async () => {
    const hanging = await startLoopbackServer(() => new Promise(() => {}));
    closers.push(hanging.close);
    const file = writeConfig(
      `models:\n  fast: {provider: openai, model: gpt-5, base_url: "${hanging.url}/v1"}\n`,
    );
    const started = Date.now();
    const run = await runFlynn(['doctor', '--online', '--timeout', '0.5', '--config', file], {
      env: { ...home.env, OPENAI_API_KEY: 'sk-proj-hangingServerKey0000000000hang' },
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fast online: no answer within 0.5 s');
  });

  it('rejects a bad --timeout as a usage error', async () => {
    const run = await runFlynn(['doctor', '--online', '--timeout', 'soon'], { env: home.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout must be a positive number of seconds');
  });
});

describe('leak canary: no secret from config, env or store reaches any output', () => {
  const CANARY = {
    config: 'sk-proj-CANARYconfig0000000000000000cfg1',
    env: 'sk-ant-api03-CANARYenv00000000000000000env2',
    envToken: 'sk-ant-oat01-CANARYenvToken000000000000tok3',
    store: 'sk-proj-CANARYstore00000000000000000sto4',
    storeZai: 'CANARYstoreZai0000000000000zai5',
    storeAccess: 'eyJhbGciOiJub25lIn0.CANARYstoreAccess00000.sig0acc6',
    storeRefresh: 'rt_CANARYstoreRefresh000000000000ref7',
  };
  const all = Object.values(CANARY);

  function expectNoCanary(runs: FlynnRun[]) {
    for (const run of runs) {
      const output = `${run.stdout}\n${run.stderr}`;
      for (const canary of all) expect(output).not.toContain(canary);
      expect(output).not.toContain('CANARY');
    }
  }

  /** `issuer`: where an OAuth refresh would go; a closed loopback port by default. */
  function setup(baseURL: string, issuer = 'http://127.0.0.1:1') {
    const file = writeConfig(
      [
        'models:',
        `  fast: {provider: openai, model: gpt-5, api_key: "${CANARY.config}", base_url: "${baseURL}"}`,
        `  default: {provider: anthropic, model: claude-sonnet-4-5, base_url: "${baseURL.replace(/\/v1$/, '')}"}`,
        `  complex: {provider: anthropic, model: claude-sonnet-4-5, auth_mode: oauth, base_url: "${baseURL.replace(/\/v1$/, '')}"}`,
        '  local_providers:',
        `    - {name: glm, provider: zai, model: glm-4.6, base_url: "${baseURL}"}`,
        `    - {name: chatgpt, provider: openai, model: gpt-5, auth_mode: oauth, base_url: "${baseURL}"}`,
        // A refresh after the 401 must not leave the machine either.
        `oauth: {openai: {issuer: "${issuer}"}}`,
        '',
      ].join('\n'),
    );
    const env = {
      ...home.env,
      ANTHROPIC_API_KEY: CANARY.env,
      ANTHROPIC_AUTH_TOKEN: CANARY.envToken,
    };
    const store = JSON.stringify({
      version: 1,
      openai: {
        api_key: CANARY.store,
        oauth: {
          access_token: CANARY.storeAccess,
          refresh_token: CANARY.storeRefresh,
          expires_at: Date.now() + 86_400_000,
        },
      },
      zai: { api_key: CANARY.storeZai },
    });
    return { file, env, store };
  }

  it('success paths (text and --json) show only masked forms', async () => {
    const { file, env, store } = setup('http://127.0.0.1:9/v1');
    writeStore(store);
    const runs = await Promise.all([
      runFlynn(['doctor', '--config', file], { env }),
      runFlynn(['doctor', '--json', '--config', file], { env }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expectNoCanary(runs);
    for (const value of [
      CANARY.config,
      CANARY.env,
      CANARY.envToken,
      CANARY.storeZai,
      CANARY.storeAccess,
    ]) {
      expect(runs[0]?.stdout).toContain(maskSecret(value));
      expect(runs[1]?.stdout).toContain(maskSecret(value));
    }
  });

  it('error paths: corrupt store, 401 from the server, refused connection', async () => {
    const server = await startOpenAIApiServer({
      apiKeys: ['sk-proj-notAnyCanary000000000000000nac'],
    });
    const anthropic = await startAnthropicServer({
      apiKeys: ['sk-ant-api03-notAnyCanary0000000000nac'],
    });
    closers.push(server.close, anthropic.close);

    const issuer = (await closedPortURL()).replace(/\/v1$/, '');
    const corrupt = setup(server.baseURL, issuer);
    writeStore(`${corrupt.store.slice(0, -20)}`);
    const corruptRuns = await Promise.all([
      runFlynn(['doctor', '--config', corrupt.file], { env: corrupt.env }),
      runFlynn(['doctor', '--json', '--config', corrupt.file], { env: corrupt.env }),
    ]);
    expect(corruptRuns.map((run) => run.code)).toEqual([1, 1]);
    expect(corruptRuns[0]?.stdout).toMatch(/^fail\s+store\s+/m);

    const unauthorized = setup(server.baseURL, issuer);
    writeFileSync(
      unauthorized.file,
      readFileSync(unauthorized.file, 'utf8').replace(
        /(default|complex): \{provider: anthropic, model: claude-sonnet-4-5, (auth_mode: oauth, )?base_url: "[^"]+"/g,
        (match) => match.replace(/base_url: "[^"]+"/, `base_url: "${anthropic.baseURL}"`),
      ),
    );
    writeStore(unauthorized.store);
    const unauthorizedRuns = await Promise.all([
      runFlynn(['doctor', '--online', ...PATIENT, '--config', unauthorized.file], {
        env: unauthorized.env,
      }),
      runFlynn(['doctor', '--online', '--json', ...PATIENT, '--config', unauthorized.file], {
        env: unauthorized.env,
      }),
    ]);
    expect(unauthorizedRuns.map((run) => run.code)).toEqual([1, 1]);
    expect(unauthorizedRuns[0]?.stdout).toContain('the server rejected the credential (HTTP 401)');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(anthropic.requests.length).toBeGreaterThan(0);

    const refused = setup(await closedPortURL(), issuer);
    writeStore(refused.store);
    const refusedRuns = await Promise.all([
      runFlynn(['doctor', '--online', ...PATIENT, '--config', refused.file], { env: refused.env }),
      runFlynn(['doctor', '--online', '--json', ...PATIENT, '--config', refused.file], {
        env: refused.env,
      }),
    ]);
    expect(refusedRuns.map((run) => run.code)).toEqual([1, 1]);
    expect(refusedRuns[0]?.stdout).toContain('cannot reach the server');

    expectNoCanary([...corruptRuns, ...unauthorizedRuns, ...refusedRuns]);
  });
});

// Servers that echo the rejected credential in their 401 message, whole or truncated
// (`sk-proj-ABCD...WXYZ`): doctor relays the message, so the redaction is what is tested.
describe.each(['full', 'truncated'] as const satisfies readonly EchoCredential[])(
  'doctor --online against a server that echoes the key (%s)',
  (mode) => {
    const ECHO = {
      openai: 'sk-proj-Hd4Nw9CANARYdoc7Pk2Vz5Rm8Tx3Lb6Gq1Jc0Fy',
      anthropic: 'sk-ant-api03-Bv6Sy1CANARYdoc3Wm8Kn5Qp2Xd7Hr4Lt9Ja',
      zai: 'Zr5Mc2CANARYdoc8Yw3Ft6Nk1Pv4Bh9Gs7Dq',
    };

    it('text and --json show no piece of a key beyond its masked form', async () => {
      const openai = await startOpenAIApiServer({
        apiKeys: ['sk-proj-onlyThisOneWorks000000000000'],
        echoCredential: mode,
      });
      const anthropic = await startAnthropicServer({
        apiKeys: ['sk-ant-api03-onlyThisOneWorks00000000'],
        echoCredential: mode,
      });
      closers.push(openai.close, anthropic.close);
      const file = writeConfig(
        [
          'models:',
          `  default: {provider: anthropic, model: claude-sonnet-4-5, base_url: "${anthropic.baseURL}"}`,
          `  fast: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}`,
          '  local_providers:',
          `    - {name: glm, provider: zai, model: glm-4.6, base_url: "${openai.baseURL}"}`,
          '',
        ].join('\n'),
      );
      writeStore(JSON.stringify({ version: 1, zai: { api_key: ECHO.zai } }));
      const env = { ...home.env, OPENAI_API_KEY: ECHO.openai, ANTHROPIC_API_KEY: ECHO.anthropic };
      const runs = await Promise.all([
        runFlynn(['doctor', '--online', ...PATIENT, '--config', file], { env }),
        runFlynn(['doctor', '--online', '--json', ...PATIENT, '--config', file], { env }),
      ]);
      expect(runs.map((run) => run.code)).toEqual([1, 1]);
      const [text, json] = runs;
      expect(text?.stdout).toContain('the server rejected the credential (HTTP 401)');
      expect(text?.stdout).toContain('Incorrect API key provided');
      expect(text?.stdout).toContain('invalid x-api-key');
      const report = JSON.parse(json?.stdout ?? '');
      expect(
        report.tiers.map((tier: { online: { status: string } }) => tier.online.status),
      ).toEqual(['fail', 'fail', 'fail']);
      for (const value of Object.values(ECHO)) expect(text?.stdout).toContain(maskSecret(value));
      const texts = runs.flatMap((run) => [run.stdout, run.stderr]);
      expect(texts.join('\n')).not.toContain('CANARY');
      expectNoEchoLeak(texts, Object.values(ECHO));
    });
  },
);
