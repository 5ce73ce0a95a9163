/**
 * `yaml` and `zod/mini`, loaded on first use rather than at import: a start whose config comes
 * from the parse cache (`fileConfigParseCache`) never parses or validates, and the two are
 * close to half of the CLI's bundle (docs/performance.md).
 *
 * An application that bundles this package may load them its own way (the CLI keeps each in
 * a file of its own, with a compile cache) by setting a function `(name) => module` at
 * `globalThis[Symbol.for('flynn.config.module-loader')]` before the first parse; without one,
 * they are loaded with Node's `require` from this package.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type * as Zod from 'zod/mini';

const MODULE_LOADER = Symbol.for('flynn.config.module-loader');

const loaded = new Map<string, unknown>();

function load(name: 'yaml' | 'zod/mini'): unknown {
  let module = loaded.get(name);
  if (module === undefined) {
    const custom = (globalThis as Record<symbol, unknown>)[MODULE_LOADER];
    module =
      typeof custom === 'function'
        ? (custom as (name: string) => unknown)(name)
        : createRequire(import.meta.url)(name);
    loaded.set(name, module);
  }
  return module;
}

/** The `yaml` module. */
export const yamlLib = (): typeof Yaml => load('yaml') as typeof Yaml;

let ownZod: typeof Zod | undefined;

/**
 * The `zod/mini` function `key`. An application's loader may hand over only the functions its
 * own copy of this package uses (the CLI does); anything else comes from this package's zod.
 */
export function zodFunction<K extends keyof typeof Zod>(key: K): (typeof Zod)[K] {
  const value = (load('zod/mini') as Partial<typeof Zod>)[key];
  if (value !== undefined) return value as (typeof Zod)[K];
  ownZod ??= createRequire(import.meta.url)('zod/mini') as typeof Zod;
  return ownZod[key];
}
