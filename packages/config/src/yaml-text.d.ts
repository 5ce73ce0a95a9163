// `.yaml` files import as their text: tsup's text loader in the build, a vitest plugin in tests.
declare module '*.yaml' {
  const text: string;
  export default text;
}
