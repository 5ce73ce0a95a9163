import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const setupFile = fileURLToPath(new URL('./packages/testkit/src/vitest-setup.ts', import.meta.url));

/**
 * The one vitest configuration every package uses: workspace packages resolve to
 * their TypeScript sources (the `@flynn/source` export condition), `.yaml` files
 * import as text (as tsup's text loader does in the build), every test file starts
 * with a scrubbed environment and its own temp home, and results land in
 * `.test-report.json` for the summary that `pnpm test` prints.
 */
export function flynnVitestConfig(root: string) {
  return defineConfig({
    root,
    resolve: { conditions: ['@flynn/source', 'import', 'module', 'node', 'default'] },
    ssr: { resolve: { conditions: ['@flynn/source', 'import', 'module', 'node', 'default'] } },
    plugins: [
      {
        name: 'flynn-yaml-text',
        transform(code: string, id: string) {
          if (!id.endsWith('.yaml')) return null;
          return { code: `export default ${JSON.stringify(code)};`, map: null };
        },
      },
    ],
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: [setupFile],
      reporters: ['default', ['json', { outputFile: '.test-report.json' }]],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      pool: 'forks',
    },
  });
}
