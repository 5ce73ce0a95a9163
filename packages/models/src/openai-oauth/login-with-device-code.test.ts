import { stat } from 'node:fs/promises';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { isModelError } from '../model-error.js';
import { loginWithDeviceCode, parseInterval } from './login-with-device-code.js';
import { type OAuthWorld, startOAuthWorld } from './test-support.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A sleep that records the requested waits and returns at once. */
function recordingSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    waits.push(ms);
  };
  return { waits, sleep };
}

describe('loginWithDeviceCode', () => {
  it('shows the code, polls while pending at the string interval, exchanges and stores 0600', async () => {
    world = await startOAuthWorld({ auth: { pendingPolls: 2, interval: '1' } });
    const { waits, sleep } = recordingSleep();
    const codes: { verificationUrl: string; userCode: string; expiresAt: number }[] = [];
    const waiting: { remainingMs: number; attempt: number }[] = [];
    const before = Date.now();

    const tokens = await loginWithDeviceCode({
      settings: world.settings,
      storePath: world.storePath,
      env: world.env,
      sleep,
      onCode: (info) => codes.push(info),
      onWaiting: (info) => waiting.push(info),
    });

    expect(codes).toHaveLength(1);
    expect(codes[0]?.verificationUrl).toBe(`${world.auth.issuer}/codex/device`);
    expect(codes[0]?.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(codes[0]!.expiresAt - before).toBeGreaterThanOrEqual(15 * 60 * 1000 - 1000);
    expect(waits).toEqual([1000, 1000]);
    expect(waiting.map((info) => info.attempt)).toEqual([1, 2]);
    expect(waiting[0]!.remainingMs).toBeGreaterThan(14 * 60 * 1000);

    const paths = world.auth.requests.map((request) => request.path);
    expect(paths).toEqual([
      '/api/accounts/deviceauth/usercode',
      '/api/accounts/deviceauth/token',
      '/api/accounts/deviceauth/token',
      '/api/accounts/deviceauth/token',
      '/oauth/token',
    ]);
    const exchange = world.auth.requests.at(-1)!;
    expect(exchange.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(exchange.body);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('redirect_uri')).toBe(`${world.auth.issuer}/deviceauth/callback`);
    expect(form.get('code_verifier')).toBeTruthy();

    expect(tokens.account_id).toBe(world.auth.accountId);
    expect(world.auth.isValidAccessToken(tokens.access_token)).toBe(true);
    expect(tokens.expires_at).toBeGreaterThan(Date.now() + 55 * 60 * 1000);
    expect(tokens.expires_at).toBeLessThanOrEqual(Date.now() + 60 * 60 * 1000);
    expect(await world.stored()).toEqual(tokens);
    expect((await stat(world.storePath)).mode & 0o777).toBe(0o600);
  });

  it('honours a fractional interval with the real sleep', async () => {
    world = await startOAuthWorld({ auth: { pendingPolls: 1, interval: '0.05' } });
    const started = Date.now();
    await loginWithDeviceCode({
      settings: world.settings,
      storePath: world.storePath,
      onCode: () => {},
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(world.auth.requests).toHaveLength(4);
  });

  it('explains how to enable device-code login when the server answers 404', async () => {
    world = await startOAuthWorld({ auth: { deviceLoginEnabled: false } });
    const error = await loginWithDeviceCode({
      settings: world.settings,
      storePath: world.storePath,
      onCode: () => expect.unreachable('no code to show'),
    }).catch((caught: unknown) => caught);
    expect(isModelError(error, 'OAUTH_DEVICE_LOGIN_DISABLED')).toBe(true);
    expect(String(error)).toMatch(/ChatGPT security settings/);
    expect(String(error)).toMatch(/workspace admin/);
  });

  it('times out with OAUTH_DEVICE_LOGIN_TIMEOUT when the code is never approved', async () => {
    world = await startOAuthWorld({ auth: { pendingPolls: 1_000, interval: '0.01' } });
    const error = await loginWithDeviceCode({
      settings: world.settings,
      storePath: world.storePath,
      timeoutMs: 60,
      onCode: () => {},
    }).catch((caught: unknown) => caught);
    expect(isModelError(error, 'OAUTH_DEVICE_LOGIN_TIMEOUT')).toBe(true);
    await expect(stat(world.storePath)).rejects.toThrow();
  });

  it('stops with OAUTH_ABORTED when the signal fires while waiting', async () => {
    world = await startOAuthWorld({ auth: { pendingPolls: 1_000, interval: '5' } });
    const controller = new AbortController();
    const started = Date.now();
    const error = await loginWithDeviceCode({
      settings: world.settings,
      storePath: world.storePath,
      signal: controller.signal,
      onCode: () => {},
      onWaiting: () => setTimeout(() => controller.abort(), 20),
    }).catch((caught: unknown) => caught);
    expect(isModelError(error, 'OAUTH_ABORTED')).toBe(true);
    expect(Date.now() - started).toBeLessThan(4000);
    await expect(stat(world.storePath)).rejects.toThrow();
  });

  it('does not call the server at all when already aborted', async () => {
    world = await startOAuthWorld();
    const error = await loginWithDeviceCode({
      settings: world.settings,
      storePath: world.storePath,
      signal: AbortSignal.abort(),
      onCode: () => {},
    }).catch((caught: unknown) => caught);
    expect(isModelError(error, 'OAUTH_ABORTED')).toBe(true);
    expect(world.auth.requests).toEqual([]);
  });

  it('reports an unknown client id as a failed login without leaking anything', async () => {
    world = await startOAuthWorld();
    const error = await loginWithDeviceCode({
      settings: { ...world.settings, clientId: 'app_wrong' },
      storePath: world.storePath,
      onCode: () => {},
    }).catch((caught: unknown) => caught);
    expect(isModelError(error, 'OAUTH_DEVICE_LOGIN_FAILED')).toBe(true);
    expect(inspect(error)).toMatch(/HTTP 400/);
  });
});

describe('parseInterval', () => {
  it('reads seconds from a string or number, defaulting to 5 s', () => {
    expect(parseInterval('5')).toBe(5000);
    expect(parseInterval(' 0.5 ')).toBe(500);
    expect(parseInterval(2)).toBe(2000);
    expect(parseInterval('')).toBe(5000);
    expect(parseInterval('soon')).toBe(5000);
    expect(parseInterval(undefined)).toBe(5000);
    expect(parseInterval('-1')).toBe(5000);
  });
});
