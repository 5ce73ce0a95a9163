import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library entry (`runTui`), consumed by the CLI bundle: dependencies stay external.
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    // tsup's declaration build sets baseUrl, which TypeScript 6 deprecates.
    dts: { compilerOptions: { customConditions: [], ignoreDeprecations: '6.0' } },
    clean: ['!bin/**'],
    sourcemap: true,
    loader: { '.yaml': 'text' },
  },
  {
    // The `flynn-tui` bin: what the first prompt needs (config with zod and yaml, the
    // auth store) is bundled, so start-up reads a few files instead of hundreds of modules.
    // @flynn/models and @flynn/doctor stay external and load on first use from their own
    // package, which is also where the provider SDKs they import lazily resolve from.
    entry: { 'flynn-tui': 'src/bin.ts' },
    outDir: 'dist/bin',
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: true,
    clean: true,
    sourcemap: true,
    dts: false,
    noExternal: ['@flynn/config', '@flynn/auth-store', 'zod', 'yaml'],
    // The keyring's native module loads only when the store's secrets live in the keyring.
    external: ['@flynn/models', '@flynn/doctor', '@napi-rs/keyring', 'node-pty'],
    loader: { '.yaml': 'text' },
    // yaml is CommonJS; bundled into ESM it needs a `require`.
    banner: {
      js: "import { createRequire as __flynnCreateRequire } from 'node:module';\nconst require = __flynnCreateRequire(import.meta.url);",
    },
  },
]);
