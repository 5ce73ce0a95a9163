import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  // tsup's declaration build sets baseUrl, which TypeScript 6 deprecates.
  dts: { compilerOptions: { customConditions: [], ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  loader: { '.yaml': 'text' },
});
