// Cooldowns beside the store: recorded under the store lock, atomic, 0600, no secret,
// corrupt never overwritten, and concurrent processes lose nothing.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import {
  activeCooldown,
  clearCooldown,
  cooldownPath,
  credentialDigest,
  RATE_LIMIT_COOLDOWN_MS,
  readCooldowns,
  recordCooldown,
} from './cooldowns.js';

const store = useTempStore();
const event = (value: string, extra = {}) => ({
  digest: credentialDigest('openai', value),
  provider: 'openai',
  profile: 'work',
  fingerprint: 'sk-…0001',
  reason: 'rate_limited' as const,
  ...extra,
});

describe('cooldowns', () => {
  it('records a 429 for retry-after, beside the store, 0600, without the secret', async () => {
    const before = Date.now();
    const cooldown = await recordCooldown(
      event('sk-work-secret-0001', { retryAfterMs: 5_000 }),
      store.options,
    );
    const path = cooldownPath(store.options);
    expect(path).toBe(join(store.dir, 'auth-cooldowns.json'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain('sk-work-secret-0001');
    expect(cooldown.until).toBeGreaterThanOrEqual(before + 5_000);
    const state = readCooldowns(store.options);
    const digest = credentialDigest('openai', 'sk-work-secret-0001');
    expect(activeCooldown(state, digest)).toMatchObject({
      profile: 'work',
      reason: 'rate_limited',
    });
    expect(activeCooldown(state, digest, (cooldown.until ?? 0) + 1)).toBeUndefined();
    expect(activeCooldown(state, credentialDigest('openai', 'sk-other-0002'))).toBeUndefined();
  });

  it('grows from 30 s without retry-after while the 429s repeat', async () => {
    const first = await recordCooldown(event('sk-a-0001'), store.options);
    const second = await recordCooldown(event('sk-a-0001'), store.options);
    expect((first.until ?? 0) - first.since).toBe(RATE_LIMIT_COOLDOWN_MS);
    expect((second.until ?? 0) - second.since).toBe(2 * RATE_LIMIT_COOLDOWN_MS);
    expect(second.failures).toBe(2);
  });

  it('keeps a rejected credential aside until its value changes, and forgets on success', async () => {
    await recordCooldown(event('sk-revoked-0001', { reason: 'rejected' }), store.options);
    const state = readCooldowns(store.options);
    const digest = credentialDigest('openai', 'sk-revoked-0001');
    expect(activeCooldown(state, digest, Date.now() + 365 * 86_400_000)).toMatchObject({
      reason: 'rejected',
    });
    expect(activeCooldown(state, credentialDigest('openai', 'sk-replaced-0002'))).toBeUndefined();
    expect(await clearCooldown(digest, store.options)).toBe(true);
    expect(readCooldowns(store.options).cooldowns).toEqual({});
  });

  it('reports a corrupt file and never overwrites it', async () => {
    mkdirSync(store.dir, { recursive: true });
    const path = cooldownPath(store.options);
    writeFileSync(path, '{"version": 1, "cooldowns": [', { mode: 0o600 });
    expect(readCooldowns(store.options).problem).toBe('it is not valid JSON');
    await expect(recordCooldown(event('sk-a-0001'), store.options)).rejects.toMatchObject({
      code: 'AUTH_STORE_CORRUPT',
    });
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1, "cooldowns": [');
  });

  it('loses no entry when 8 calls record at once', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, n) => recordCooldown(event(`sk-${n}-0001`), store.options)),
    );
    const state = readCooldowns(store.options);
    expect(state.problem).toBeUndefined();
    expect(Object.keys(state.cooldowns)).toHaveLength(8);
  });
});
