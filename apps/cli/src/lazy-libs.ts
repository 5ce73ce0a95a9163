/**
 * Where `@flynn/config` gets `yaml` and `zod/mini` from in the CLI: dist/yaml.cjs and
 * dist/zod.cjs, files of their own, loaded only when a config must be parsed (a parse-cache
 * miss, `config validate`), so the bundle every start reads is a third smaller
 * (docs/performance.md). The bin installs a loader with a compile cache first (src/flynn.ts);
 * the bundle installs a plain one for its other hosts (the programmatic entry, the build's
 * warm-up). Under a test runner (no CommonJS `require`) none is installed and
 * `@flynn/config` loads them itself.
 */
const MODULE_LOADER = Symbol.for('flynn.config.module-loader');
const slots = globalThis as Record<symbol, unknown>;

/** The file in dist/ that holds each library @flynn/config loads lazily. */
export const LIBRARY_FILES = { yaml: 'yaml.cjs', 'zod/mini': 'zod.cjs' } as const;
type LibraryFile = (typeof LIBRARY_FILES)[keyof typeof LIBRARY_FILES];
const FILES: Readonly<Record<string, LibraryFile>> = LIBRARY_FILES;

/**
 * Installs `load` (given a file of dist/) as @flynn/config's library loader, unless one is
 * installed already and `replace` is false.
 */
export function installLibraryLoader(load: (file: LibraryFile) => unknown, replace = false): void {
  if (!replace && slots[MODULE_LOADER] !== undefined) return;
  slots[MODULE_LOADER] = (name: string) => {
    const file = FILES[name];
    if (!file) throw new Error(`the CLI bundles no copy of ${name}`);
    return load(file);
  };
}

/** The plain loader: Node's `require` of the file next to this bundle. */
export function requireBundledLibrary(file: LibraryFile): unknown {
  // Literal paths: the build keeps these requires as they are (tsup.config.ts).
  return file === 'yaml.cjs' ? require('./yaml.cjs') : require('./zod.cjs');
}
