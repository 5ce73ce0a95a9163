// dist/zod.cjs: the parts of `zod/mini` that @flynn/config's schemas use, on their own, for
// its lazy load (src/lazy-libs.ts). A named list keeps the file small (all of zod/mini is
// 430 KB); a schema that needs another function fails every config test until it is added.
export {
  _default,
  array,
  boolean,
  custom,
  enum,
  extend,
  minLength,
  object,
  optional,
  record,
  refine,
  regex,
  string,
  superRefine,
  trim,
  url,
} from 'zod/mini';
