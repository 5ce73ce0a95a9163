import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAuthStorePath } from './default-auth-store-path.js';

describe('defaultAuthStorePath', () => {
  it('uses FLYNN_CONFIG_DIR first', () => {
    const env = { FLYNN_CONFIG_DIR: '/a/flynn', XDG_CONFIG_HOME: '/x', HOME: '/h' };
    expect(defaultAuthStorePath(env)).toBe('/a/flynn/auth.json');
  });

  it('falls back to XDG_CONFIG_HOME/flynn, then HOME/.config/flynn', () => {
    expect(defaultAuthStorePath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/flynn/auth.json');
    expect(defaultAuthStorePath({ HOME: '/h' })).toBe('/h/.config/flynn/auth.json');
  });

  it('treats empty and whitespace-only variables as unset', () => {
    const env = { FLYNN_CONFIG_DIR: '  ', XDG_CONFIG_HOME: '', HOME: '/h' };
    expect(defaultAuthStorePath(env)).toBe('/h/.config/flynn/auth.json');
  });

  it('uses the OS home directory when HOME is not set', () => {
    expect(defaultAuthStorePath({})).toBe(join(homedir(), '.config', 'flynn', 'auth.json'));
  });

  it('reads process.env by default (the test setup points FLYNN_CONFIG_DIR at a temp dir)', () => {
    expect(defaultAuthStorePath()).toBe(join(process.env.FLYNN_CONFIG_DIR ?? '', 'auth.json'));
    expect(defaultAuthStorePath()).toContain('flynn-test-');
  });
});
