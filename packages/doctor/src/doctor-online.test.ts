import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRemedy } from '@flynn/core';
import {
  createTempHome,
  startAnthropicServer,
  startCodexBackendServer,
  startLoopbackServer,
  startOpenAIApiServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from './run-doctor.js';
import type { DoctorReport } from './types.js';

let home: TempHome;
let storePath: string;
const closers: Array<() => Promise<void>> = [];
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  storePath = join(home.configDir, 'auth.json');
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  home.cleanup();
});

const GOOD_KEY = 'sk-proj-onlineGoodKey00000000000good';
const BAD_KEY = 'sk-proj-onlineBadKey000000000000badd';
const ANTHROPIC_KEY = 'sk-ant-api03-onlineAnthropicKey0000000kk';
const ANTHROPIC_TOKEN = 'sk-ant-oat01-onlineAnthropicToken00000tt';

// probeTier's time limit (5 s by default) starts before it imports @flynn/models, and the
// client imports its provider SDK inside the call. In this file that first load goes
// through vitest's on-the-fly transform: on a loaded machine it alone took longer than the
// limit, and every tier failed with "no answer within 5 s" though the servers answer in
// milliseconds. So load both once, untimed, before the tests: each test's limit (the
// default one included) then covers only its own calls, which is what it is there to bound.
beforeAll(async () => {
  const warm = createTempHome();
  const openai = await startOpenAIApiServer();
  const anthropic = await startAnthropicServer();
  try {
    const file = join(warm.home, 'config.yaml');
    writeFileSync(
      file,
      [
        'models:',
        `  fast: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}`,
        `  default: {provider: anthropic, model: claude-sonnet-4-5, base_url: "${anthropic.baseURL}"}`,
        '',
      ].join('\n'),
    );
    const env = { ...warm.env, OPENAI_API_KEY: GOOD_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY };
    await runDoctor({ configPath: file, online: true, timeoutMs: 60_000, env });
  } finally {
    await Promise.all([openai.close(), anthropic.close()]);
    warm.cleanup();
  }
}, 60_000);

function writeConfig(yaml: string): string {
  const file = join(home.configDir, 'config.yaml');
  writeFileSync(file, yaml);
  return file;
}

function tier(report: DoctorReport, name: string) {
  const found = report.tiers.find((entry) => entry.tier === name);
  if (!found) throw new Error(`no tier ${name}`);
  return found;
}

async function closedPortURL(): Promise<string> {
  const server = await startLoopbackServer(() => {});
  await server.close();
  return `${server.url}/v1`;
}

describe('runDoctor({ online: true })', () => {
  it('makes one authenticated call per tier and reports each result', async () => {
    const openai = await startOpenAIApiServer({ apiKeys: [GOOD_KEY] });
    const anthropic = await startAnthropicServer({
      apiKeys: [ANTHROPIC_KEY],
      authTokens: [ANTHROPIC_TOKEN],
    });
    const local = await startOpenAIApiServer({ name: 'lmstudio' });
    closers.push(openai.close, anthropic.close, local.close);
    const file = writeConfig(
      [
        'models:',
        `  fast: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}`,
        `  default: {provider: anthropic, model: claude-sonnet-4-5, base_url: "${anthropic.baseURL}", auth_mode: api_key}`,
        `  complex: {provider: anthropic, model: claude-sonnet-4-5, base_url: "${anthropic.baseURL}", auth_mode: oauth}`,
        '  local_providers:',
        `    - {name: lmstudio, provider: openai-compatible, model: qwen3, base_url: "${local.baseURL}"}`,
        '',
      ].join('\n'),
    );
    const report = await runDoctor({
      configPath: file,
      online: true,
      env: {
        ...home.env,
        OPENAI_API_KEY: GOOD_KEY,
        ANTHROPIC_API_KEY: ANTHROPIC_KEY,
        ANTHROPIC_AUTH_TOKEN: ANTHROPIC_TOKEN,
      },
    });
    expect(report.tiers.map((entry) => [entry.tier, entry.status, entry.online?.status])).toEqual([
      ['default', 'ok', 'ok'],
      ['fast', 'ok', 'ok'],
      ['complex', 'ok', 'ok'],
      ['lmstudio', 'ok', 'ok'],
    ]);
    expect(report.ok).toBe(true);
    expect(openai.requests).toHaveLength(1);
    expect(openai.requests[0]?.headers.authorization).toBe(`Bearer ${GOOD_KEY}`);
    // Which header carries the credential is the client's business; that each arrived is doctor's.
    const anthropicAuth = anthropic.requests.map(
      (request) => `${request.headers['x-api-key'] ?? ''}${request.headers.authorization ?? ''}`,
    );
    expect(anthropicAuth).toHaveLength(2);
    expect(anthropicAuth.some((value) => value.includes(ANTHROPIC_KEY))).toBe(true);
    expect(anthropicAuth.some((value) => value.includes(ANTHROPIC_TOKEN))).toBe(true);
    expect(local.requests).toHaveLength(1);
  });

  it('a 401 fails the tier with the server message and a remedy, never the key', async () => {
    const openai = await startOpenAIApiServer({ apiKeys: [GOOD_KEY] });
    closers.push(openai.close);
    const file = writeConfig(
      `models:\n  fast: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}\n`,
    );
    const report = await runDoctor({
      configPath: file,
      online: true,
      env: { ...home.env, OPENAI_API_KEY: BAD_KEY },
    });
    const fast = tier(report, 'fast');
    expect(report.ok).toBe(false);
    expect(fast.status).toBe('fail');
    expect(fast.online?.status).toBe('fail');
    expect(fast.online?.message).toMatch(/^the server rejected the credential \(HTTP 401\)/);
    // The remedy names where the rejected key came from (its wording is @flynn/models').
    expect(renderRemedy(fast.remedy, 'cli')).toContain('OPENAI_API_KEY');
    expect(JSON.stringify(report)).not.toContain(BAD_KEY);
  });

  it('a refused connection and a server that never answers fail with the network remedy', async () => {
    const hanging = await startLoopbackServer(() => new Promise(() => {}));
    closers.push(hanging.close);
    const file = writeConfig(
      [
        'models:',
        `  fast: {provider: openai, model: gpt-5, base_url: "${await closedPortURL()}"}`,
        `  complex: {provider: openai, model: gpt-5, base_url: "${hanging.url}/v1"}`,
        '',
      ].join('\n'),
    );
    const started = Date.now();
    const report = await runDoctor({
      configPath: file,
      online: true,
      timeoutMs: 300,
      env: { ...home.env, OPENAI_API_KEY: GOOD_KEY },
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(tier(report, 'fast').online?.message).toMatch(/^cannot reach the server/);
    expect(renderRemedy(tier(report, 'fast').remedy, 'cli')).toBe(
      'Check the network, and models.fast.base_url if it is set',
    );
    expect(tier(report, 'complex').online?.message).toBe('no answer within 0.3 s');
    expect(report.tiers.every((entry) => entry.status === 'fail')).toBe(true);
  });

  it('skips tiers without a credential and sends nothing for them', async () => {
    const openai = await startOpenAIApiServer();
    closers.push(openai.close);
    const file = writeConfig(
      `models:\n  fast: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}\n`,
    );
    const report = await runDoctor({ configPath: file, online: true, env: home.env });
    expect(tier(report, 'fast').online).toEqual({
      status: 'skipped',
      message: 'not tried: no usable credential',
      durationMs: 0,
    });
    expect(openai.requests).toHaveLength(0);
  });

  it('an expired ChatGPT login warns offline, and online refreshes it and succeeds', async () => {
    const auth = await startOpenAIAuthServer();
    const codex = await startCodexBackendServer({ auth });
    closers.push(auth.close, codex.close);
    const tokens = auth.issueTokens({ expiresInSeconds: -60 });
    writeFileSync(storePath, JSON.stringify({ version: 1, openai: { oauth: tokens } }), {
      mode: 0o600,
    });
    chmodSync(storePath, 0o600);
    const file = writeConfig(
      [
        'models:',
        `  fast: {provider: openai, model: gpt-5, auth_mode: oauth, base_url: "${codex.baseURL}"}`,
        `oauth: {openai: {issuer: "${auth.issuer}"}}`,
        '',
      ].join('\n'),
    );
    const offline = await runDoctor({ configPath: file, env: home.env });
    expect(offline.checks.find((check) => check.id === 'openai-oauth-expiry')?.status).toBe('warn');
    expect(auth.refreshCount).toBe(0);

    const online = await runDoctor({ configPath: file, env: home.env, online: true });
    expect(tier(online, 'fast').online?.status).toBe('ok');
    expect(auth.refreshCount).toBe(1);
    const stored = JSON.parse(readFileSync(storePath, 'utf8'));
    expect(stored.openai.oauth.refresh_token).not.toBe(tokens.refresh_token);
    const text = JSON.stringify(online);
    for (const value of [tokens.access_token, tokens.refresh_token])
      expect(text).not.toContain(value);
  });
});
