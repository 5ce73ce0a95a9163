import { defaultAuthStorePath } from '@flynn/auth-store';
import { resolveConfigPaths } from '@flynn/config';
import { describe, expect, it } from 'vitest';

// auth-store does not import config (DESIGN section 2), so both apply the directory
// rule on their own. This test keeps them in agreement.
describe('config and auth-store agree on where auth.json lives', () => {
  it.each([
    ['FLYNN_CONFIG_DIR', { FLYNN_CONFIG_DIR: '/cfg', XDG_CONFIG_HOME: '/xdg', HOME: '/home/u' }],
    ['XDG_CONFIG_HOME', { XDG_CONFIG_HOME: '/xdg', HOME: '/home/u' }],
    ['HOME', { HOME: '/home/u' }],
    ['blank FLYNN_CONFIG_DIR', { FLYNN_CONFIG_DIR: '   ', HOME: '/home/u' }],
    ['blank XDG_CONFIG_HOME', { XDG_CONFIG_HOME: '', HOME: '/home/u' }],
  ])('%s', (_name, env) => {
    expect(defaultAuthStorePath(env)).toBe(resolveConfigPaths(env).authFile);
  });
});
