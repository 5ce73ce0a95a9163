import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// The CLI ships as one bundle with code splitting: `dist/flynn.js` is a tiny entry
// that answers --version itself and lazy-loads everything else, so start-up costs
// little more than starting Node. Workspace packages are bundled; the provider SDKs
// stay external and are imported only by the command that talks to that provider.
export default defineConfig({
  entry: { flynn: 'src/flynn.ts', index: 'src/index.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  splitting: true,
  clean: true,
  sourcemap: true,
  dts: false,
  noExternal: [/^@flynn\//, 'commander'],
  external: ['openai', '@anthropic-ai/sdk', 'node-pty'],
  loader: { '.yaml': 'text' },
  // commander is CommonJS; bundled into ESM it needs a `require`.
  banner: {
    js: "import { createRequire as __flynnCreateRequire } from 'node:module';\nconst require = __flynnCreateRequire(import.meta.url);",
  },
  define: { __FLYNN_VERSION__: JSON.stringify(version) },
});
