export type { TempHome } from './temp-home.js';
export { createTempHome, SCRUBBED_ENV_PATTERN, scrubEnv } from './temp-home.js';
