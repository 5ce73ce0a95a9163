import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flynnConfigDir, homeDirectory } from './config-dir.js';

describe('the home and config directories', () => {
  it('HOME when set; empty or blank counts as unset and the OS home is used', () => {
    // os.homedir() reads this process's HOME: the test setup's temp home, never the real one.
    expect(homeDirectory({ HOME: '/home/someone' })).toBe('/home/someone');
    for (const HOME of [undefined, '', ' ']) expect(homeDirectory({ HOME })).toBe(homedir());
  });

  it('the config directory follows the same home', () => {
    expect(flynnConfigDir({ HOME: ' ' })).toBe(join(homedir(), '.config', 'flynn'));
    expect(flynnConfigDir({ HOME: '/home/someone' })).toBe('/home/someone/.config/flynn');
    expect(flynnConfigDir({ HOME: '/h', XDG_CONFIG_HOME: '/x' })).toBe('/x/flynn');
    expect(flynnConfigDir({ HOME: '/h', FLYNN_CONFIG_DIR: '/f' })).toBe('/f');
  });
});
