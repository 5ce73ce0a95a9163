/** A canary: if this string shows up in any error or output, a secret leaked. */
export const CANARY = 'sk-proj-CANARY0123456789abcdefZZ9q';

/** Files the store must refuse, with the problem the error must name. Several hold the canary. */
export const CORRUPT_FILES: ReadonlyArray<{ name: string; text: string; problem: RegExp }> = [
  {
    name: 'truncated JSON',
    text: `{\n  "version": 1,\n  "openai": {\n    "api_key": "${CANARY}`,
    problem: /not valid JSON \(it ends too early/,
  },
  { name: 'an empty file', text: '', problem: /not valid JSON \(it ends too early/ },
  {
    name: 'a syntax error',
    text: `{"version": 1, "openai": {"api_key": ${CANARY}}}`,
    problem: /not valid JSON \(error at line 1, column 38\)/,
  },
  {
    name: 'a trailing comma on line 3',
    text: '{\n  "version": 1,\n  "zai": {"api_key": "a",}\n}\n',
    problem: /not valid JSON \(error at line 3, column 26\)/,
  },
  {
    name: 'a JSON array',
    text: `[{"version": 1, "openai": {"api_key": "${CANARY}"}}]`,
    problem: /top level must be an object, found an array/,
  },
  { name: 'JSON null', text: 'null', problem: /top level must be an object, found null/ },
  {
    name: 'a provider that is not an object',
    text: `{"version": 1, "openai": "${CANARY}"}`,
    problem: /openai must be an object, found a string/,
  },
  {
    name: 'local_providers that is not an object',
    text: `{"version": 1, "local_providers": "${CANARY}"}`,
    problem: /local_providers must be an object, found a string/,
  },
  {
    name: 'a local provider entry that is a list',
    text: '{"version": 1, "local_providers": {"lmstudio": []}}',
    problem: /local_providers\.lmstudio must be an object, found an array/,
  },
  {
    name: 'a key of the wrong type',
    text: '{"version": 1, "anthropic": {"api_key": 12345678901234}}',
    problem: /anthropic\.api_key must be a string, found a number/,
  },
  {
    name: 'OAuth tokens without a refresh token',
    text: `{"version": 1, "openai": {"oauth": {"access_token": "${CANARY}"}}}`,
    problem: /openai\.oauth\.refresh_token is missing/,
  },
  {
    name: 'an expiry that is not a number',
    text: `{"version": 1, "openai": {"oauth": {"access_token": "a", "refresh_token": "b", "expires_at": "${CANARY}"}}}`,
    problem: /openai\.oauth\.expires_at must be a number, found a string/,
  },
  {
    name: 'a GitHub token that is an array',
    text: `{"version": 1, "github": {"token": ["${CANARY}"]}}`,
    problem: /github\.token must be a string, found an array/,
  },
  {
    name: 'a version of the wrong type',
    text: `{"version": "${CANARY}"}`,
    problem: /version must be the number 1, found a string/,
  },
];
