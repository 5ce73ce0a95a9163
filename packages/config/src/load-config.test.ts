import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome } from '@flynn/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { isConfigError } from './config-issue.js';
import { resolveConfigPaths } from './config-paths.js';
import { configFileOf, loadConfig, loadConfigOrThrow } from './load-config.js';

const homes: Array<{ cleanup(): void }> = [];
afterEach(() => {
  for (const home of homes.splice(0)) home.cleanup();
});

describe('resolveConfigPaths', () => {
  it('prefers FLYNN_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config/flynn', () => {
    expect(
      resolveConfigPaths({ FLYNN_CONFIG_DIR: '/a', XDG_CONFIG_HOME: '/x', HOME: '/h' }),
    ).toEqual({
      dir: '/a',
      configFile: '/a/config.yaml',
      authFile: '/a/auth.json',
    });
    expect(resolveConfigPaths({ XDG_CONFIG_HOME: '/x', HOME: '/h' }).dir).toBe('/x/flynn');
    expect(resolveConfigPaths({ HOME: '/h' }).dir).toBe('/h/.config/flynn');
    expect(resolveConfigPaths({ FLYNN_CONFIG_DIR: '  ', HOME: '/h' }).dir).toBe('/h/.config/flynn');
  });
});

describe('loadConfig', () => {
  it('uses the shipped defaults when the file is missing', () => {
    const home = createTempHome();
    homes.push(home);
    const result = loadConfig(undefined, { env: home.env });
    expect(result.ok).toBe(true);
    expect(result.source).toBe('defaults');
    expect(result.path).toBe(join(home.configDir, 'config.yaml'));
  });

  it('reports an explicitly named file that does not exist (no silent defaults)', () => {
    const home = createTempHome();
    homes.push(home);
    const missing = join(home.home, 'nowhere', 'x.yaml');
    const result = loadConfig(missing, { env: home.env });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe(missing);
    expect(result.issues).toEqual([
      { file: missing, path: '', message: `config file not found: ${missing}` },
    ]);
    expect(() => loadConfigOrThrow(missing, { env: home.env })).toThrow(
      `config file not found: ${missing}`,
    );
    // ifMissing overrides the rule either way
    expect(loadConfig(missing, { env: home.env, ifMissing: 'defaults' }).source).toBe('defaults');
    expect(loadConfig(undefined, { env: home.env, ifMissing: 'issue' }).ok).toBe(false);
  });

  it('treats the default location as the default, also when it is passed as a path', () => {
    const home = createTempHome();
    homes.push(home);
    const result = loadConfig(resolveConfigPaths(home.env).configFile, { env: home.env });
    expect(result.ok && result.source).toBe('defaults');
  });

  it('remembers which file a config came from (hidden, not part of its shape)', () => {
    const home = createTempHome();
    homes.push(home);
    const file = join(home.home, 'config.yaml');
    writeFileSync(file, 'models:\n  fast: {provider: openai, model: x}\n');
    const result = loadConfig(file);
    if (!result.ok) throw new Error('expected a valid config');
    expect(configFileOf(result.config)).toBe(file);
    expect(Object.keys(result.config)).toEqual(['models']);
    expect(JSON.stringify(result.config)).not.toContain(file);
    const defaults = loadConfig(undefined, { env: home.env });
    expect(defaults.ok && configFileOf(defaults.config)).toBeUndefined();
  });

  it('reads the file at the default location', () => {
    const home = createTempHome();
    homes.push(home);
    mkdirSync(home.configDir, { recursive: true });
    writeFileSync(
      join(home.configDir, 'config.yaml'),
      'models:\n  fast: {provider: openai, model: x}\n',
    );
    const result = loadConfig(undefined, { env: home.env });
    expect(result.ok && result.source === 'file' && result.config.models.fast?.model).toBe('x');
  });

  it('reports an unreadable file as an issue, and loadConfigOrThrow throws a typed ConfigError', () => {
    const home = createTempHome();
    homes.push(home);
    const file = join(home.home, 'config.yaml');
    writeFileSync(file, 'models: {}\n');
    chmodSync(file, 0o000);
    const result = loadConfig(file);
    // root can read any file; only assert where permissions apply
    if (process.getuid?.() !== 0) expect(result.ok).toBe(false);

    const bad = join(home.home, 'bad.yaml');
    writeFileSync(bad, 'models:\n  fast: {provider: nope, model: m}\n');
    try {
      loadConfigOrThrow(bad);
      expect.unreachable();
    } catch (error) {
      expect(isConfigError(error)).toBe(true);
      expect(String((error as Error).message)).toContain('models.fast.provider');
    }
  });
});
