import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { inspect } from 'node:util';
import { isFlynnError, type LockWait, storeOpenAIOAuth } from '@flynn/auth-store';
import { type Remedy, renderRemedy } from '@flynn/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isModelError } from '../model-error.js';
import { getFreshOpenAIAccessToken } from './get-fresh-openai-access-token.js';
import { type OAuthWorld, startOAuthWorld } from './test-support.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const options = (w: OAuthWorld) => ({ settings: w.settings, storePath: w.storePath, env: w.env });

describe('getFreshOpenAIAccessToken', () => {
  it('uses a stored token that is valid for more than 5 minutes without calling the server', async () => {
    world = await startOAuthWorld();
    const seeded = await world.seed({ expiresInSeconds: 3600 });
    const fresh = await getFreshOpenAIAccessToken(options(world));
    expect(fresh).toEqual({ accessToken: seeded.access_token, accountId: world.auth.accountId });
    expect(world.auth.requests).toEqual([]);
  });

  it('refreshes a token within 5 minutes of expiry and stores every rotated token', async () => {
    world = await startOAuthWorld();
    const seeded = await world.seed({ expiresInSeconds: 240 });
    const fresh = await getFreshOpenAIAccessToken(options(world));

    expect(world.auth.refreshCount).toBe(1);
    const refresh = world.auth.requests[0]!;
    expect(refresh.path).toBe('/oauth/token');
    expect(refresh.headers['content-type']).toMatch(/^application\/json/);
    expect(refresh.json).toEqual({
      client_id: world.settings.clientId,
      grant_type: 'refresh_token',
      refresh_token: seeded.refresh_token,
    });
    const stored = await world.stored();
    expect(fresh.accessToken).toBe(stored.access_token);
    expect(stored.access_token).not.toBe(seeded.access_token);
    expect(stored.refresh_token).not.toBe(seeded.refresh_token);
    expect(stored.id_token).not.toBe(seeded.id_token);
    expect(stored.account_id).toBe(world.auth.accountId);
    expect(stored.expires_at).toBeGreaterThan(Date.now() + 55 * 60 * 1000);
    expect(stored.last_refresh).toBeGreaterThan(Date.now() - 10_000);
    expect(world.auth.isValidAccessToken(fresh.accessToken)).toBe(true);
  });

  it('a named profile’s login is read and refreshed in that profile only (issue 17)', async () => {
    world = await startOAuthWorld();
    const other = await world.seed({ expiresInSeconds: 3600 });
    const work = world.auth.issueTokens({ expiresInSeconds: 60 });
    await storeOpenAIOAuth(work, { path: world.storePath, profile: 'work' });
    const fresh = await getFreshOpenAIAccessToken({ ...options(world), profile: 'work' });

    expect(world.auth.refreshCount).toBe(1);
    expect(world.auth.requests[0]?.json).toMatchObject({ refresh_token: work.refresh_token });
    const file = JSON.parse(readFileSync(world.storePath, 'utf8'));
    const rotated = file['openai:work'].oauth;
    expect(fresh.accessToken).toBe(rotated.access_token);
    expect(rotated.refresh_token).not.toBe(work.refresh_token);
    expect(rotated.expires_at).toBeGreaterThan(Date.now() + 55 * 60 * 1000);
    expect(file.openai.oauth).toEqual(other);

    // A profile with no login is the missing-credential error naming that profile's field.
    const missing = await getFreshOpenAIAccessToken({ ...options(world), profile: 'home' }).catch(
      (error: unknown) => error,
    );
    expect(isFlynnError(missing, 'CREDENTIAL_MISSING')).toBe(true);
    expect((missing as { tried: string[] }).tried).toEqual([
      `${world.storePath} openai:home.oauth`,
    ]);
  });

  it('a refresh waiting on another process says who holds the lock (onLockWait), then refreshes', async () => {
    world = await startOAuthWorld();
    await world.seed({ expiresInSeconds: 240 });
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(
        `${world.storePath}.lock`,
        JSON.stringify({ pid: holder.pid, host: hostname(), token: 'held-by-test' }),
      );
      const waits: LockWait[] = [];
      setTimeout(() => holder.kill('SIGKILL'), 1_800).unref();
      const fresh = await getFreshOpenAIAccessToken({
        ...options(world),
        onLockWait: (wait) => {
          waits.push(wait);
        },
      });
      expect(waits).toHaveLength(1);
      expect(waits[0]).toMatchObject({ holderPid: holder.pid });
      expect(world.auth.refreshCount).toBe(1);
      expect(world.auth.isValidAccessToken(fresh.accessToken)).toBe(true);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('refreshes only once when several calls in one process race', async () => {
    world = await startOAuthWorld();
    await world.seed({ expiresInSeconds: -60 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => getFreshOpenAIAccessToken(options(world!))),
    );
    expect(world.auth.refreshCount).toBe(1);
    expect(new Set(results.map((result) => result.accessToken)).size).toBe(1);
  });

  it('with force, uses tokens another process stored instead of refreshing again', async () => {
    world = await startOAuthWorld();
    const rejected = await world.seed({ expiresInSeconds: 3600 });
    const newer = await world.seed({ expiresInSeconds: 3600 });
    const fresh = await getFreshOpenAIAccessToken({
      ...options(world),
      force: true,
      rejectedAccessToken: rejected.access_token,
    });
    expect(fresh.accessToken).toBe(newer.access_token);
    expect(world.auth.refreshCount).toBe(0);

    const forced = await getFreshOpenAIAccessToken({
      ...options(world),
      force: true,
      rejectedAccessToken: newer.access_token,
    });
    expect(forced.accessToken).not.toBe(newer.access_token);
    expect(world.auth.refreshCount).toBe(1);
  });

  it('an abort during a refresh in flight returns at once, and the refresh still stores the rotated tokens', async () => {
    world = await startOAuthWorld();
    const seeded = await world.seed({ expiresInSeconds: -60 });
    const controller = new AbortController();
    let answered: Promise<Response> | undefined;
    const abortingFetch: typeof fetch = (input, init) => {
      // The answer comes a while after the user's Ctrl-C.
      answered = new Promise((resolve) => setTimeout(resolve, 300)).then(() => fetch(input, init));
      controller.abort();
      return answered;
    };
    const started = Date.now();
    const cancelled = await getFreshOpenAIAccessToken({
      ...options(world),
      fetch: abortingFetch,
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(isModelError(cancelled, 'MODEL_ABORTED')).toBe(true);
    expect(Date.now() - started).toBeLessThan(250);
    await answered;
    // Under the lock, the refresh that got its answer stores it before anything else runs.
    const fresh = await getFreshOpenAIAccessToken(options(world));
    expect(world.auth.refreshCount).toBe(1);
    const stored = await world.stored();
    expect(stored.refresh_token).not.toBe(seeded.refresh_token);
    expect(fresh.accessToken).toBe(stored.access_token);

    const error = await getFreshOpenAIAccessToken({
      ...options(world),
      force: true,
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(isModelError(error, 'MODEL_ABORTED')).toBe(true);
    expect(world.auth.refreshCount).toBe(1);
  });

  it('a reused refresh token is a permanent OAUTH_REFRESH_FAILED naming flynn openai-login', async () => {
    world = await startOAuthWorld();
    const seeded = await world.seed({ expiresInSeconds: -60 });
    await getFreshOpenAIAccessToken(options(world));
    await storeOpenAIOAuth(seeded, { path: world.storePath });

    const error = await getFreshOpenAIAccessToken(options(world)).catch(
      (caught: unknown) => caught,
    );
    expect(isModelError(error, 'OAUTH_REFRESH_FAILED')).toBe(true);
    expect(error).toMatchObject({ status: 401, providerCode: 'refresh_token_reused' });
    expect(renderRemedy((error as { remedy: Remedy }).remedy, 'cli')).toBe(
      'Run `flynn openai-login` again',
    );
    expect(String(error)).toMatch(/log in again/i);
    expect(renderRemedy((error as { remedy: Remedy }).remedy, 'cli')).toContain(
      '`flynn openai-login`',
    );
    for (const text of [String(error), inspect(error), JSON.stringify(error)]) {
      for (const secret of [seeded.access_token, seeded.refresh_token, seeded.id_token]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(await world.stored()).toEqual(seeded);
  });

  it('an expired refresh token is permanent too', async () => {
    world = await startOAuthWorld();
    await world.seed({ expiresInSeconds: -60, refreshExpiresInSeconds: -1 });
    const error = await getFreshOpenAIAccessToken(options(world)).catch(
      (caught: unknown) => caught,
    );
    expect(isModelError(error, 'OAUTH_REFRESH_FAILED')).toBe(true);
    expect(error).toMatchObject({ providerCode: 'refresh_token_expired' });
  });

  it('a server error is transient: MODEL_SERVER, not a request to log in again', async () => {
    world = await startOAuthWorld();
    await world.seed({ expiresInSeconds: -60 });
    const failing: typeof fetch = async () =>
      new Response(JSON.stringify({ error: { code: 'server_error', message: 'Try later' } }), {
        status: 503,
      });
    const error = await getFreshOpenAIAccessToken({ ...options(world), fetch: failing }).catch(
      (caught: unknown) => caught,
    );
    expect(isModelError(error, 'MODEL_SERVER')).toBe(true);
    expect(error).toMatchObject({ status: 503, providerCode: 'server_error' });
    expect(String(error)).not.toMatch(/openai-login/);
  });

  it('an unreachable auth server is MODEL_NETWORK', async () => {
    world = await startOAuthWorld();
    await world.seed({ expiresInSeconds: -60 });
    const issuer = world.auth.issuer;
    await world.auth.close();
    const error = await getFreshOpenAIAccessToken({
      ...options(world),
      settings: { ...world.settings, issuer },
    }).catch((caught: unknown) => caught);
    expect(isModelError(error, 'MODEL_NETWORK')).toBe(true);
  });

  it('with nothing stored, throws the missing-credential error naming flynn openai-login', async () => {
    world = await startOAuthWorld();
    const error = await getFreshOpenAIAccessToken({ ...options(world), tier: 'fast' }).catch(
      (caught: unknown) => caught,
    );
    expect(isFlynnError(error, 'CREDENTIAL_MISSING')).toBe(true);
    expect(renderRemedy((error as { remedy: Remedy }).remedy, 'cli')).toContain(
      '`flynn openai-login`',
    );
    expect(String(error)).toContain('openai.oauth');
    expect(String(error)).toContain('"fast"');
    expect(world.auth.requests).toEqual([]);
  });
});
