// Runs before every test file: the process env is scrubbed of anything that could
// carry a developer's credential or point at their real config, and HOME plus
// FLYNN_CONFIG_DIR point at a fresh temp directory. Tests that need a different
// home create one with createTempHome() and pass paths/env explicitly.
import { afterAll } from 'vitest';
import { createTempHome, SCRUBBED_ENV_PATTERN } from './temp-home.js';

for (const key of Object.keys(process.env)) {
  if (SCRUBBED_ENV_PATTERN.test(key)) delete process.env[key];
}
const fileHome = createTempHome();
process.env.HOME = fileHome.home;
process.env.USERPROFILE = fileHome.home;
process.env.FLYNN_CONFIG_DIR = fileHome.configDir;
process.env.NO_COLOR = '1';

afterAll(() => fileHome.cleanup());
