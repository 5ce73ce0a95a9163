import { mergeConfig } from 'vitest/config';
import { flynnVitestConfig } from '../../vitest.shared.js';

// Child-process tests run the built package (dist/); the global setup rebuilds it when
// it is missing or older than the sources (turbo's `test` task already builds first).
export default mergeConfig(flynnVitestConfig(import.meta.dirname), {
  test: { globalSetup: ['./test/ensure-dist.ts'] },
});
