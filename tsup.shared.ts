import { defineConfig } from 'tsup';

/**
 * The build of every library package: ESM for Node 20 with declarations and source maps;
 * `.yaml` files load as text (the shipped default config).
 */
export const libraryBuild = defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  // tsup's declaration build sets baseUrl, which TypeScript 6 deprecates.
  dts: { compilerOptions: { customConditions: [], ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: true,
  loader: { '.yaml': 'text' },
});
