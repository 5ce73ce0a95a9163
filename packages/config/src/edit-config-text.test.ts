import { describe, expect, it } from 'vitest';
import { configPathSegments, editConfigText } from './edit-config-text.js';
import { DEFAULT_CONFIG_YAML } from './load-config.js';
import { parseConfig } from './parse-config.js';

const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));

describe('configPathSegments', () => {
  it('reads dotted paths with list indexes', () => {
    expect(configPathSegments('models.fast.auth_mode')).toEqual(['models', 'fast', 'auth_mode']);
    expect(configPathSegments('models.local_providers[0].name')).toEqual([
      'models',
      'local_providers',
      0,
      'name',
    ]);
  });
  it.each(['', '.models', 'models.', 'models..fast', 'models[x]', 'models fast'])(
    'refuses %j',
    (path) => expect(configPathSegments(path)).toBeUndefined(),
  );
});

describe('editConfigText', () => {
  it('sets auth_mode on the commented default config, keeping every comment line and the order', () => {
    const result = editConfigText(DEFAULT_CONFIG_YAML, 'config.yaml', {
      path: 'models.fast.auth_mode',
      value: 'oauth',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(comments(result.text)).toEqual(comments(DEFAULT_CONFIG_YAML));
    const parsed = parseConfig(result.text, 'config.yaml');
    expect(parsed.ok && parsed.config.models.fast?.auth_mode).toBe('oauth');
    const order = (text: string) => text.match(/^ {2}\w+:/gm);
    expect(order(result.text)).toEqual(order(DEFAULT_CONFIG_YAML));
  });

  it('refuses an edit that makes the config invalid, with the issue', () => {
    const result = editConfigText(DEFAULT_CONFIG_YAML, 'config.yaml', {
      path: 'models.local.auth_mode',
      value: 'sometimes',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]?.path).toContain('models.local.auth_mode');
  });

  it('unsets a key and reports no change for one that is not there', () => {
    const set = editConfigText(DEFAULT_CONFIG_YAML, 'c', {
      path: 'models.fast.auth_mode',
      value: 'oauth',
    });
    if (!set.ok) throw new Error('set failed');
    const unset = editConfigText(set.text, 'c', { path: 'models.fast.auth_mode', unset: true });
    expect(unset.ok && unset.text).toBe(DEFAULT_CONFIG_YAML);
    const none = editConfigText(DEFAULT_CONFIG_YAML, 'c', {
      path: 'models.fast.base_url',
      unset: true,
    });
    expect(none).toEqual({ ok: true, text: DEFAULT_CONFIG_YAML, changed: false });
  });
});
