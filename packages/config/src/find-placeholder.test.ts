// Another tool's placeholder pasted as a key is sent literally and fails with a bare 401.
// findPlaceholder spots those shapes, leaves real keys and Flynn's own syntax alone, and
// never repeats the value in what it says.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Flynn's ${NAME} syntax, written out on purpose
import { describe, expect, it } from 'vitest';
import { findPlaceholder } from './find-placeholder.js';

const FIELDS = ['api_key', 'auth_token', 'header'] as const;

/** [value, looksLike contains, instead for api_key, instead for header] */
const PLACEHOLDERS: Array<[string, string, string, string]> = [
  ['$OPENAI_API_KEY', 'shell variable', 'api_key: "${OPENAI_API_KEY}"', '${OPENAI_API_KEY}'],
  ['$token', 'shell variable', 'api_key: "${token}"', '${token}'],
  [
    '  $ANTHROPIC_API_KEY \n',
    'shell variable',
    'api_key: "${ANTHROPIC_API_KEY}"',
    '${ANTHROPIC_API_KEY}',
  ],
  ['Bearer $TOKEN', 'shell variable', 'api_key: "${TOKEN}"', '${TOKEN}'],
  ['Bearer "$TOKEN"', 'shell variable', 'api_key: "${TOKEN}"', '${TOKEN}'],
  ['{env:OPENAI_API_KEY}', '{env:NAME}', 'api_key: { env: OPENAI_API_KEY }', '${OPENAI_API_KEY}'],
  ['{env: OPENAI_API_KEY}', '{env:NAME}', 'api_key: { env: OPENAI_API_KEY }', '${OPENAI_API_KEY}'],
  ['{ env: KEY }', '{env:NAME}', 'api_key: { env: KEY }', '${KEY}'],
  ['Bearer {env:TOKEN}', '{env:NAME}', 'api_key: { env: TOKEN }', '${TOKEN}'],
  [
    '{file:~/.secrets/openai}',
    '{file:PATH}',
    'api_key: { file: PATH }',
    'header values expand only',
  ],
  [
    '{ command: [op, read, x] }',
    'command reference',
    'api_key: { command:',
    'header values expand only',
  ],
  [
    '!op read op://Private/OpenAI/credential',
    '!',
    'api_key: { command:',
    'header values expand only',
  ],
  [
    '!security find-generic-password -w -s openai',
    '!',
    'api_key: { command:',
    'header values expand only',
  ],
  [
    'op://Private/OpenAI/credential',
    '1Password',
    'api_key: { command: [op, read, "op://..."] }',
    'header values expand only',
  ],
  [
    'Bearer op://vault/item/field',
    '1Password',
    'api_key: { command: [op, read',
    'header values expand only',
  ],
  [
    '$(cat ~/.openai-key)',
    'command substitution',
    'api_key: { command:',
    'header values expand only',
  ],
  ['<your key>', 'angle brackets', 'api_key: { env: NAME }', '${NAME}'],
  ['<API_KEY>', 'angle brackets', 'api_key: { env: NAME }', '${NAME}'],
  ['Bearer <token>', 'angle brackets', 'api_key: { env: NAME }', '${NAME}'],
  ['env:OPENAI_API_KEY', 'env: prefix', 'api_key: { env: OPENAI_API_KEY }', '${OPENAI_API_KEY}'],
  [
    'file:/run/secrets/openai',
    'file: prefix',
    'api_key: { file: PATH }',
    'header values expand only',
  ],
  ['exec:pass show openai', 'exec: prefix', 'api_key: { command:', 'header values expand only'],
  ['%OPENAI_API_KEY%', 'Windows', 'api_key: "${OPENAI_API_KEY}"', '${OPENAI_API_KEY}'],
  ['{{ OPENAI_API_KEY }}', 'template', 'api_key: "${OPENAI_API_KEY}"', '${OPENAI_API_KEY}'],
  ['{{OPENAI_API_KEY}}', 'template', 'api_key: "${OPENAI_API_KEY}"', '${OPENAI_API_KEY}'],
  ['{{ .Env.OPENAI_API_KEY }}', 'template', 'api_key: "${OPENAI_API_KEY}"', '${OPENAI_API_KEY}'],
  [
    '${{ secrets.OPENAI_API_KEY }}',
    'template',
    'api_key: "${OPENAI_API_KEY}"',
    '${OPENAI_API_KEY}',
  ],
  ['{{ api-key }}', 'template', 'api_key: "${NAME}"', '${NAME}'],
  ['your-api-key', 'example value', 'api_key: { env: NAME }', '${NAME}'],
  ['YOUR_API_KEY', 'example value', 'api_key: { env: NAME }', '${NAME}'],
  ['your_api_key_here', 'example value', 'api_key: { env: NAME }', '${NAME}'],
  ['sk-...', 'example value', 'api_key: { env: NAME }', '${NAME}'],
  ['sk-xxxxxxxxxxxxxxxx', 'example value', 'api_key: { env: NAME }', '${NAME}'],
  ['xxxxxxxx', 'example value', 'api_key: { env: NAME }', '${NAME}'],
  ['Bearer YOUR_API_KEY', 'example value', 'api_key: { env: NAME }', '${NAME}'],
];

const REAL_KEYS = [
  'sk-proj-abc123DEF456ghi789JKL012mno345PQR678stu901VWX234yz_AbCdEf-GhIjKlMn',
  'sk-ant-api03-AbCdEf0123456789-ghIJKL_mnopQRstuVWxyz0123456789AbCdEfGhIjKl-AbCdEfAA',
  'sk-ant-oat01-AbCdEf0123456789ghIJKLmnopQRstuVWxyz',
  'ghp_0123456789abcdefABCDEF0123456789abcd',
  'github_pat_11ABCDEFG0123456789_abcdefghijkl',
  'glpat-AbCdEf0123456789xyzW',
  'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  'AIzaSyD-0123456789abcdefGHIJKLmnopqrstu',
  'AKIAIOSFODNN7EXAMPLE',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  'Zx81Qm2$Lp0Rt7Kv9!Wn3{Yb6}Hc4Jd5Fg',
  'a1!b2@c3#d4$e5%f6^g7&h8*',
  'ab%CD%ef0123',
  '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
  '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ',
  '$Kx8!pQ#zz91',
  'dXNlcjpwYXNzd29yZA==',
  'abc-{def}-ghi',
  'key!with!bangs',
  'xxx123abc',
];

const REAL_HEADERS = [
  'Bearer sk-proj-abc123DEF456ghi789JKL012mno345PQR678stu901',
  'Basic dXNlcjpwYXNzd29yZA==',
  'application/json',
  '2023-06-01',
  'flynn/0.1 (+https://example.com/flynn)',
  '<https://api.example.com/page2>; rel="next"',
  'max-age=0, no-cache',
];

/** Flynn's own syntax: expanded by Flynn, so not a placeholder. */
const FLYNN_SYNTAX = [
  '${OPENAI_API_KEY}',
  'Bearer ${TOKEN}',
  '$${NOT_A_VARIABLE}',
  '$$HOME',
  'Bearer $$TOKEN',
  'price-$$5',
  '${A}${B}',
];

describe('findPlaceholder', () => {
  it.each(PLACEHOLDERS)('spots %j', (value, looksLike, forKey, forHeader) => {
    const asKey = findPlaceholder(value, 'api_key');
    expect(asKey?.looksLike).toContain(looksLike);
    expect(asKey?.instead).toContain(forKey);
    expect(findPlaceholder(value, 'auth_token')?.instead).toContain(
      forKey.replace('api_key', 'auth_token'),
    );
    const asHeader = findPlaceholder(value, 'header');
    expect(asHeader?.looksLike).toContain(looksLike);
    expect(asHeader?.instead).toContain(forHeader);
    expect(asHeader?.instead).not.toContain('api_key');
  });

  it.each(REAL_KEYS)('leaves the real key %j alone', (value) => {
    for (const field of FIELDS) expect(findPlaceholder(value, field)).toBeUndefined();
    expect(findPlaceholder(`Bearer ${value}`, 'header')).toBeUndefined();
  });

  it.each(REAL_HEADERS)('leaves the real header value %j alone', (value) => {
    expect(findPlaceholder(value, 'header')).toBeUndefined();
  });

  it.each(FLYNN_SYNTAX)("leaves Flynn's own %j alone", (value) => {
    for (const field of FIELDS) expect(findPlaceholder(value, field)).toBeUndefined();
  });

  it('names a variable only when it is plainly a name', () => {
    expect(findPlaceholder('{env:MY-KEY}', 'api_key')?.instead).toBe('api_key: { env: NAME }');
    expect(findPlaceholder(`$${'A'.repeat(65)}`, 'api_key')?.instead).toBe('api_key: "${NAME}"');
  });
});

describe('findPlaceholder never repeats the value', () => {
  const CANARY = 'CANARY-9f8e7d6c5b4a';
  const SECRET_NAME = 'Zx81Qm2Lp0Rt7Kv9Wn3Yb6Hc4Jd5Fg'; // a valid name, but secret-shaped
  const VALUES = [
    `!cat /x ${CANARY}`,
    `!${CANARY}`,
    `{file:/home/${CANARY}}`,
    `{env:${CANARY}}`,
    `{ shell: "cat ${CANARY}" }`,
    `op://vault/${CANARY}/credential`,
    `$(cat ${CANARY})`,
    `<${CANARY}>`,
    `{{ ${CANARY} }}`,
    `file:/${CANARY}`,
    `exec:${CANARY}`,
    `Bearer {env:${CANARY}}`,
    `$${SECRET_NAME}`,
    `{env:${SECRET_NAME}}`,
    `{{ ${SECRET_NAME} }}`,
    `%${SECRET_NAME}%`,
    `$sk_live_${SECRET_NAME}`,
  ];

  it.each(VALUES)('in %j', (value) => {
    for (const field of FIELDS) {
      const found = findPlaceholder(value, field);
      expect(found).toBeDefined();
      const text = JSON.stringify(found);
      for (const secret of [CANARY, SECRET_NAME, '9f8e7d6c5b4a']) {
        expect(text).not.toContain(secret);
      }
    }
  });
});
