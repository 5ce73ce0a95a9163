import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configCacheKey, configHoldsSecrets, fileConfigParseCache } from './config-parse-cache.js';
import { configFileOf, loadConfig } from './load-config.js';

let home: TempHome;
let cacheDir: string;
let configFile: string;
beforeEach(() => {
  home = createTempHome();
  cacheDir = join(home.home, 'cache');
  configFile = join(home.home, 'config.yaml');
});
afterEach(() => home.cleanup());

const PLAIN = `models:
  default: {provider: anthropic, model: claude-sonnet-4-5}
  fast: {provider: openai, model: gpt-5-mini, auth_mode: api_key}
  local_providers:
    - {name: lm, provider: openai-compatible, model: qwen3, base_url: "http://127.0.0.1:1234/v1"}
`;

const cacheFile = () => join(cacheDir, 'config-parse.json');

function load(text: string, salt = 'build-1') {
  writeFileSync(configFile, text);
  return loadConfig(configFile, {
    env: home.env,
    parseCache: fileConfigParseCache(cacheDir, salt),
  });
}

describe('fileConfigParseCache with loadConfig', () => {
  it('returns exactly what a parse returns, from the cache on the second load', () => {
    writeFileSync(configFile, PLAIN);
    const uncached = loadConfig(configFile, { env: home.env });
    const first = load(PLAIN);
    expect(existsSync(cacheFile())).toBe(true);
    // Poison the parser's input: a hit must not parse at all, so it still sees the cached result.
    const second = loadConfig(configFile, {
      env: home.env,
      parseCache: {
        get: (key) => fileConfigParseCache(cacheDir, 'build-1').get(key),
        set: () => {
          throw new Error('a hit must not store again');
        },
      },
    });
    expect(first).toEqual(uncached);
    expect(second).toEqual(uncached);
    expect(second.ok && configFileOf(second.config)).toBe(configFile);
  });

  it('keeps warnings with the result', () => {
    const text = `models:\n  default: {provider: openai, model: gpt-5, use_oauth: true, auth_mode: api_key}\n`;
    const first = load(text);
    const second = load(text);
    expect(first.warnings).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('misses when the text, the file or the salt changes', () => {
    load(PLAIN);
    const key = configCacheKey(configFile, PLAIN);
    expect(fileConfigParseCache(cacheDir, 'build-1').get(key)?.ok).toBe(true);
    expect(fileConfigParseCache(cacheDir, 'build-2').get(key)).toBeUndefined();
    expect(
      fileConfigParseCache(cacheDir, 'build-1').get(configCacheKey(configFile, `${PLAIN} `)),
    ).toBeUndefined();
    expect(
      fileConfigParseCache(cacheDir, 'build-1').get(configCacheKey(`${configFile}x`, PLAIN)),
    ).toBeUndefined();
    // An edit of the same length is a different text: a miss, then the new result.
    const edited = PLAIN.replace('gpt-5-mini', 'gpt-5-nano');
    const result = load(edited);
    expect(result.ok && result.config.models.fast?.model).toBe('gpt-5-nano');
  });

  it('never stores a broken config, and reports its issues every time', () => {
    const broken = 'models:\n  default: {provider: nope, model: x}\n';
    expect(load(broken).ok).toBe(false);
    expect(existsSync(cacheFile())).toBe(false);
    const again = load(broken);
    expect(again.ok).toBe(false);
    expect(!again.ok && again.issues[0]?.line).toBe(2);
  });

  it('never stores a config that holds a credential or a header, nor the config text', () => {
    const secret = 'sk-proj-cacheCanary0000000000000cafe';
    for (const field of [
      `api_key: "${secret}"`,
      `auth_token: "${secret}"`,
      `headers: {X-Token: "${secret}"}`,
    ]) {
      const text = `models:\n  local_providers:\n    - {name: lm, provider: openai-compatible, model: m, base_url: "http://127.0.0.1:1/v1", ${field}}\n`;
      expect(load(text).ok).toBe(true);
      expect(existsSync(cacheFile())).toBe(false);
    }
    load(PLAIN);
    const stored = readFileSync(cacheFile(), 'utf8');
    expect(stored).not.toContain('models:\n');
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
  });

  it('ignores an entry others can write, a damaged entry, and an entry of another shape', () => {
    load(PLAIN);
    const key = configCacheKey(configFile, PLAIN);
    chmodSync(cacheFile(), 0o666);
    expect(fileConfigParseCache(cacheDir, 'build-1').get(key)).toBeUndefined();
    chmodSync(cacheFile(), 0o600);
    writeFileSync(cacheFile(), '{"v":1,', { mode: 0o600 });
    expect(fileConfigParseCache(cacheDir, 'build-1').get(key)).toBeUndefined();
    writeFileSync(
      cacheFile(),
      JSON.stringify({ v: 1, key: `build-1\n${key}`, result: { ok: false, issues: [] } }),
      { mode: 0o600 },
    );
    expect(fileConfigParseCache(cacheDir, 'build-1').get(key)).toBeUndefined();
    // And a damaged cache never breaks a load: it parses.
    expect(load(PLAIN).ok).toBe(true);
  });

  it('treats an unwritable cache directory as no cache', () => {
    writeFileSync(join(home.home, 'not-a-dir'), '');
    writeFileSync(configFile, PLAIN);
    const result = loadConfig(configFile, {
      env: home.env,
      parseCache: fileConfigParseCache(join(home.home, 'not-a-dir', 'cache'), 'x'),
    });
    expect(result.ok).toBe(true);
  });
});

describe('configHoldsSecrets', () => {
  it('is true for api_key, auth_token or headers in a tier or local provider', () => {
    const base = { provider: 'openai' as const, model: 'm' };
    const config = (entry: object, where: 'tier' | 'local') => ({
      models:
        where === 'tier'
          ? { default: { ...base, ...entry }, local_providers: [] }
          : { local_providers: [{ ...base, name: 'x', ...entry }] },
    });
    for (const where of ['tier', 'local'] as const) {
      expect(configHoldsSecrets(config({}, where))).toBe(false);
      expect(configHoldsSecrets(config({ api_key: 'k' }, where))).toBe(true);
      expect(configHoldsSecrets(config({ auth_token: 'k' }, where))).toBe(true);
      expect(configHoldsSecrets(config({ headers: { A: 'b' } }, where))).toBe(true);
      expect(configHoldsSecrets(config({ base_url: 'https://gw.example/v1' }, where))).toBe(false);
      expect(
        configHoldsSecrets(config({ base_url: 'https://gw.example/v1?api-key=k' }, where)),
      ).toBe(true);
    }
    expect(
      configHoldsSecrets({
        models: { local_providers: [] },
        oauth: { openai: { issuer: 'https://auth.example/?token=k' } },
      }),
    ).toBe(true);
  });
});
