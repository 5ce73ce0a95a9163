import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Writes `<bundle>.sha256`: the content key of the bundle's compile cache (src/compile-cache.ts). */
function writeContentKey(bundle: URL): void {
  const digest = createHash('sha256').update(readFileSync(bundle)).digest('hex');
  writeFileSync(new URL(`${bundle.href}.sha256`), `${digest}\n`);
}

/**
 * commander requires `node:child_process` at import for executable subcommands, which Flynn
 * does not use; loading it pulls in `net`, `dgram` and the stream modules, a millisecond or
 * two of every start. This makes that require lazy (on first `spawn`). The build fails if
 * commander's source no longer has the line, so an upgrade cannot drop it silently.
 */
const lazyChildProcessInCommander: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'lazy-child-process-in-commander',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(eager)) {
        throw new Error(`${args.path}: expected \`${eager}\` (update lazyChildProcessInCommander)`);
      }
      const lazy =
        "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * `yaml` and `zod/mini` live in files of their own, dist/yaml.cjs and dist/zod.cjs, which
 * @flynn/config loads only when a config must be parsed (src/lazy-libs.ts), so the bundle
 * every start reads is a third smaller. `require('./yaml.cjs')` and `require('./zod.cjs')`
 * stay runtime requires of those files.
 */
const librariesInTheirOwnFiles: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'libraries-in-their-own-files',
  setup(build) {
    build.onResolve({ filter: /^\.\/(yaml|zod)\.cjs$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

/** @flynn/config's ESM fallback (`createRequire(import.meta.url)`) never runs in CommonJS. */
function quietImportMeta(options: Parameters<NonNullable<Options['esbuildOptions']>>[0]): void {
  options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
}

const shared: Options = {
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  dts: false,
  loader: { '.yaml': 'text' },
  define: { __FLYNN_VERSION__: JSON.stringify(version) },
  // The provider SDKs stay external: they load only when a client for that
  // provider is built. The keyring's native module loads only when the store's secrets
  // live in the keyring. node-pty is a test-only dependency.
  external: ['openai', '@anthropic-ai/sdk', '@napi-rs/keyring', 'node-pty'],
  noExternal: [/^@flynn\//, 'commander'],
  esbuildPlugins: [lazyChildProcessInCommander, librariesInTheirOwnFiles],
  esbuildOptions: quietImportMeta,
};

// Start-up is budgeted (docs/performance.md): `flynn --version` within 1.2x and
// offline `flynn doctor` within 1.5x of `node -e 0`.
//  - dist/flynn.cjs: a tiny CommonJS entry (no ESM loader start-up) that answers
//    --version by itself and otherwise loads dist/main.cjs through a compile cache in
//    Flynn's cache directory (src/compile-cache.ts).
//  - dist/main.cjs: every command in one CommonJS bundle. Dynamic imports become
//    lazy requires, so a command's code (and each SDK) still runs only when used.
//    dist/main.cjs.sha256 is its content key for the compile cache.
//  - dist/doctor.cjs: `flynn doctor` alone (src/doctor-main.ts), about half of main.cjs:
//    the bin loads it for that command, so the budgeted offline doctor loads less.
//  - dist/index.js: the programmatic entry (`main`), for other applications.
//  - `pnpm build` then runs scripts/warm-compile-cache.mjs to write the compile cache.
// `pnpm build` empties dist/ first (the configs build in parallel, so none may clean).
export default defineConfig([
  {
    ...shared,
    entry: { flynn: 'src/flynn.ts' },
    format: ['cjs'],
    // Compiled afresh at every start (it is what loads the compile cache): smaller is faster.
    minify: true,
    outExtension: () => ({ js: '.cjs' }),
  },
  {
    ...shared,
    entry: {
      main: 'src/main.ts',
      doctor: 'src/doctor-main.ts',
      yaml: 'src/yaml.ts',
      zod: 'src/zod.ts',
    },
    format: ['cjs'],
    minify: true,
    outExtension: () => ({ js: '.cjs' }),
    esbuildOptions(options) {
      quietImportMeta(options);
      options.supported = { ...options.supported, 'dynamic-import': false };
    },
    async onSuccess() {
      writeContentKey(new URL('./dist/main.cjs', import.meta.url));
      writeContentKey(new URL('./dist/doctor.cjs', import.meta.url));
      writeContentKey(new URL('./dist/yaml.cjs', import.meta.url));
      writeContentKey(new URL('./dist/zod.cjs', import.meta.url));
    },
  },
  {
    ...shared,
    // compile-cache.js is for scripts/warm-compile-cache.mjs, which runs the bundle in-process.
    entry: { index: 'src/index.ts', 'compile-cache': 'src/compile-cache.ts' },
    format: ['esm'],
    // dist/index.d.ts for `types`. Its build typechecks every command (index -> main)
    // against the @flynn packages' built .d.ts, so a type error fails `pnpm build`.
    // tsup's declaration build sets baseUrl, which TypeScript 6 deprecates.
    dts: {
      entry: { index: 'src/index.ts' },
      compilerOptions: { customConditions: [], ignoreDeprecations: '6.0' },
    },
    splitting: false,
    // commander is CommonJS; bundled into ESM it needs a `require`.
    banner: {
      js: "import { createRequire as __flynnCreateRequire } from 'node:module';\nconst require = __flynnCreateRequire(import.meta.url);",
    },
  },
]);
