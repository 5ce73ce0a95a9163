import { describe, expect, it } from 'vitest';
import { createTempHome, scrubEnv } from './temp-home.js';

describe('hermetic test environment', () => {
  it('runs every test file without credential env vars and with a temp config dir', () => {
    for (const key of Object.keys(process.env)) {
      expect(key).not.toMatch(/^(OPENAI_|ANTHROPIC_|ZAI_|GH_|GITHUB_)/);
    }
    expect(process.env.FLYNN_CONFIG_DIR).toContain('flynn-test-');
    expect(process.env.HOME).toContain('flynn-test-');
  });

  it('scrubEnv removes credential and config-locating variables only', () => {
    const scrubbed = scrubEnv({
      OPENAI_API_KEY: 'x',
      GH_TOKEN: 'x',
      XDG_CONFIG_HOME: '/x',
      FLYNN_CONFIG_DIR: '/x',
      PATH: '/bin',
    });
    expect(scrubbed).toEqual({ PATH: '/bin' });
  });

  it('createTempHome gives each caller its own directory', () => {
    const a = createTempHome();
    const b = createTempHome({ OPENAI_API_KEY: 'canary' });
    try {
      expect(a.configDir).not.toBe(b.configDir);
      expect(a.env.FLYNN_CONFIG_DIR).toBe(a.configDir);
      expect(b.env.OPENAI_API_KEY).toBe('canary');
    } finally {
      a.cleanup();
      b.cleanup();
    }
  });
});
