// The hostile loopback server against the device login, refresh, Codex, OpenAI- and
// Anthropic-style paths (issue 11): no credential follows a redirect, absurd or incomplete
// token answers store nothing (or keep the rotated refresh token), silence times out naming
// the host, and what comes back never holds a raw escape sequence a terminal would obey.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeOpenAIOAuth } from '@flynn/auth-store';
import {
  createTempHome,
  type HostileMode,
  type HostileServer,
  type LoopbackServer,
  startHostileServer,
  startLoopbackServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicClient } from './create-anthropic-client.js';
import { createOpenAIClient } from './create-openai-client.js';
import { isModelError } from './model-error.js';
import { createCodexClient } from './openai-oauth/create-codex-client.js';
import { getFreshOpenAIAccessToken } from './openai-oauth/get-fresh-openai-access-token.js';
import { loginWithDeviceCode } from './openai-oauth/login-with-device-code.js';

const KEY = 'sk-proj-hostile-0123456789abcdefghij';
const GATEWAY = 'gw-secret-0123456789abcdef';

let home: TempHome;
let target: LoopbackServer;
let servers: Array<{ close(): Promise<void> }> = [];
let storePath: string;

async function hostile(modes: Record<string, HostileMode>) {
  const server: HostileServer = await startHostileServer({ modes, redirectTo: target.url });
  servers.push(server);
  return server;
}

beforeEach(async () => {
  home = createTempHome();
  storePath = join(home.configDir, 'auth.json');
  // Where redirects point: it records whatever reaches it.
  target = await startLoopbackServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"data":[],"access_token":"x"}');
  });
  servers = [target];
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  home.cleanup();
});

function settings(issuer: string) {
  return { issuer, clientId: 'app_test', backendUrl: `${issuer}/backend-api/codex` };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('redirects', () => {
  it('OpenAI- and Anthropic-style calls never carry the key or a gateway header to another origin', async () => {
    const server = await hostile({ '/': 'redirect' });
    const openai = createOpenAIClient({
      model: 'm',
      apiKey: KEY,
      baseURL: server.baseURL,
      headers: { 'X-Gateway-Key': GATEWAY },
      maxRetries: 0,
    });
    const anthropic = createAnthropicClient({
      model: 'm',
      apiKey: KEY,
      baseURL: server.url,
      maxRetries: 0,
    });
    for (const client of [openai, anthropic]) {
      const error = await rejection(client.probe(AbortSignal.timeout(5000)));
      expect(isModelError(error, 'MODEL_NETWORK')).toBe(true);
      expect(String((error as Error).message)).toContain('redirect');
    }
    expect(target.requests).toEqual([]);
  });

  it('token requests never follow a redirect: a refresh fails and the store is unchanged', async () => {
    const server = await hostile({ '/oauth/token': 'redirect' });
    const tokens = {
      access_token: 'at-old-0123456789',
      refresh_token: 'rt-old-0123456789',
      expires_at: 1,
    };
    await storeOpenAIOAuth(tokens, { path: storePath });
    const before = readFileSync(storePath, 'utf8');
    const error = await rejection(
      getFreshOpenAIAccessToken({ settings: settings(server.issuer), storePath, env: home.env }),
    );
    expect(isModelError(error)).toBe(true);
    expect(readFileSync(storePath, 'utf8')).toBe(before);
    expect(target.requests).toEqual([]);
  });

  it('the Codex backend gets no token across a redirect', async () => {
    const server = await hostile({ '/backend-api': 'redirect' });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const jwt = (payload: object) =>
      `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
    await storeOpenAIOAuth(
      {
        access_token: jwt({ exp }),
        refresh_token: 'rt-0123456789',
        account_id: 'acct',
        expires_at: exp * 1000,
      },
      { path: storePath },
    );
    const client = createCodexClient({
      model: 'gpt-5',
      settings: settings(server.issuer),
      storePath,
      env: home.env,
    });
    const error = await rejection(client.probe(AbortSignal.timeout(5000)));
    expect(isModelError(error)).toBe(true);
    expect(target.requests).toEqual([]);
  });
});

describe('absurd, incomplete and silent token answers', () => {
  const sleep = () => Promise.resolve();

  it.each(['absurd-expiry', 'no-jwt', 'no-account'] as const)(
    'a device login answered with %s fails clearly and stores nothing',
    async (mode) => {
      const server = await hostile({ '/oauth/token': mode, '/api': 'escapes' });
      const error = await rejection(
        loginWithDeviceCode({
          settings: settings(server.issuer),
          storePath,
          env: home.env,
          sleep,
          onCode() {},
        }),
      );
      expect(isModelError(error, 'OAUTH_DEVICE_LOGIN_FAILED')).toBe(true);
      expect((error as Error).message).toContain('nothing was stored');
      expect(() => readFileSync(storePath)).toThrow();
    },
  );

  it('a refresh answered with an absurd expiry keeps the rotated refresh token, without the expiry', async () => {
    const server = await hostile({ '/oauth/token': 'absurd-expiry' });
    await storeOpenAIOAuth(
      {
        access_token: 'at-old-0123456789',
        refresh_token: 'rt-old-0123456789',
        account_id: 'acct',
        expires_at: 1,
      },
      { path: storePath },
    );
    await getFreshOpenAIAccessToken({
      settings: settings(server.issuer),
      storePath,
      env: home.env,
    });
    const stored = JSON.parse(readFileSync(storePath, 'utf8')).openai.oauth;
    expect(stored.refresh_token).toMatch(/^rt-hostile-/);
    expect(stored.expires_at).toBeUndefined();
  });

  it('a silent issuer times out naming the host instead of waiting forever', async () => {
    const server = await hostile({ '/api': 'silence' });
    const started = Date.now();
    const error = await rejection(
      loginWithDeviceCode({
        settings: settings(server.issuer),
        storePath,
        env: home.env,
        sleep,
        onCode() {},
        requestTimeoutMs: 300,
      }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect((error as Error).message).toContain('127.0.0.1');
    expect((error as Error).message).toContain('no answer within 0.3 s');
  });
});
