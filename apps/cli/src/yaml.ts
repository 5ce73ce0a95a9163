// dist/yaml.cjs: the `yaml` library on its own, for @flynn/config's lazy load
// (src/lazy-libs.ts). Kept out of dist/main.cjs, so a start whose config comes from the parse
// cache never reads, compiles or initialises it (docs/performance.md).
export * from 'yaml';
