// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} in plain strings is the syntax under test
// Secret references end to end inside @flynn/config: the shapes the schema accepts, `${NAME}`,
// and materializing each kind for real (files on disk, programs run through the resolver),
// including every way a command can fail. No value or command output may reach a message.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSecretResolver,
  describeSecretReference,
  expandVariables,
  listTiers,
  materializeTierSecrets,
  materializeTierSecretsSync,
  parseConfig,
  type TierSecrets,
} from './index.js';

const CANARY = 'sk-proj-CANARY-7f3e9a1b2c4d5e6f';

let dir: string;
let configFile: string;
const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flynn-refs-'));
  configFile = join(dir, 'config.yaml');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tierWith(field: string, extra = '') {
  const text = `models:\n  fast:\n    provider: openai\n    model: m\n    api_key: ${field}\n${extra}`;
  const parsed = parseConfig(text, configFile);
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('; '));
  Object.defineProperty(parsed.config, Symbol.for('flynn.config.file'), { value: configFile });
  const [tier] = listTiers(parsed.config);
  if (!tier) throw new Error('no tier');
  return { tier, config: parsed.config };
}

async function materialize(
  field: string,
  extra = '',
  options: { env?: Record<string, string> } = {},
) {
  const { tier, config } = tierWith(field, extra);
  const resolver = createSecretResolver({ env: options.env ?? env() });
  return materializeTierSecrets(tier, config, {
    env: options.env ?? env(),
    resolver,
    configFile,
  });
}

function errorText(secrets: TierSecrets): string {
  const error = secrets.errors.api_key;
  return error ? `${error.message} ${JSON.stringify(error.remedy)}` : '';
}

describe('schema', () => {
  it.each([
    ['{ env: LMSTUDIO_KEY }'],
    ['{ file: ~/.keys/openai }'],
    ['{ command: [pass, show, flynn/openai], timeout_s: 5, ttl_s: 300 }'],
    ['{ shell: "pass show x | head -n 1" }'],
    ['"${OPENAI_KEY}"'],
  ])('accepts %s', (value) => {
    expect(() => tierWith(value)).not.toThrow();
  });

  it.each([
    ['{ command: [] }', /command must be a list/],
    ['{ command: "pass show x" }', /command must be a list.*use shell/],
    ['{ env: "1BAD" }', /env must be a variable name/],
    ['{ env: X, ttl_s: 3 }', /unknown key in the env reference: ttl_s/],
    ['{ env: X, file: y }', /only one of env, file/],
    ['{ command: [x], timeout_s: -1 }', /timeout_s must be a positive number/],
    ['{ command: [x], timeout_s: 100000 }', /at most 600/],
    ['{}', /exactly one of env, file, command or shell/],
    ['[a, b]', /expected a string or a reference/],
  ])('refuses %s with a message that says why', (value, message) => {
    const parsed = parseConfig(
      `models:\n  fast:\n    provider: openai\n    model: m\n    api_key: ${value}\n`,
      'c.yaml',
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues[0]?.path).toBe('models.fast.api_key');
      expect(parsed.issues[0]?.message).toMatch(message);
    }
  });
});

describe('${NAME}', () => {
  it('expands variables, keeps $$ as $ and names unset ones', () => {
    expect(expandVariables('Bearer ${TOKEN}', { TOKEN: 'abc' })).toEqual({
      ok: true,
      value: 'Bearer abc',
      variables: ['TOKEN'],
    });
    expect(expandVariables('a$$b$c${X}', { X: '' })).toEqual({
      ok: true,
      value: 'a$b$c',
      variables: ['X'],
    });
    expect(expandVariables('${A}-${B}-${A}', { B: 'b' })).toEqual({ ok: false, missing: ['A'] });
  });

  it('in a header: expanded from the env; unset is the tier problem, naming the variable', async () => {
    const headers =
      '    headers:\n      Authorization: "Bearer ${GATEWAY_TOKEN}"\n      X-Price: "$$5"\n';
    const set = await materialize('"k-123456789"', headers, {
      env: { ...env(), GATEWAY_TOKEN: CANARY },
    });
    expect(set.headers).toEqual({ Authorization: `Bearer ${CANARY}`, 'X-Price': '$5' });
    const unset = await materialize('"k-123456789"', headers);
    expect(unset.headerErrors).toHaveLength(1);
    expect(unset.headerErrors[0]?.message).toBe(
      'models.fast.headers.Authorization (${GATEWAY_TOKEN}): variable is not set: GATEWAY_TOKEN',
    );
  });

  it('in api_key: the origin names the variable, never the value', async () => {
    const secrets = await materialize('"${MY_KEY}"', '', { env: { ...env(), MY_KEY: CANARY } });
    expect(secrets.config.api_key).toBe(CANARY);
    expect(secrets.origins.api_key).toBe('${MY_KEY}');
    const unset = await materialize('"${MY_KEY}"');
    expect(errorText(unset)).toMatch(/variable is not set: MY_KEY/);
  });
});

describe('env and file references', () => {
  it('env: the variable, absent when unset or blank', async () => {
    expect(
      (await materialize('{ env: LMSTUDIO_KEY }', '', { env: { LMSTUDIO_KEY: CANARY } })).config
        .api_key,
    ).toBe(CANARY);
    const blank = await materialize('{ env: LMSTUDIO_KEY }', '', { env: { LMSTUDIO_KEY: '  ' } });
    expect(blank.config.api_key).toBeUndefined();
    expect(blank.errors.api_key).toBeUndefined();
    expect(blank.origins.api_key).toBe('env: LMSTUDIO_KEY');
  });

  it('file: trimmed content, relative to the config file, ~ from HOME, mode recorded', async () => {
    writeFileSync(join(dir, 'key.txt'), `\n  ${CANARY}  \n`, { mode: 0o600 });
    const relative = await materialize('{ file: key.txt }');
    expect(relative.config.api_key).toBe(CANARY);
    expect(relative.files).toEqual([
      { path: 'models.fast.api_key', file: join(dir, 'key.txt'), mode: 0o600 },
    ]);
    chmodSync(join(dir, 'key.txt'), 0o644);
    const home = await materialize('{ file: ~/key.txt }');
    expect(home.config.api_key).toBe(CANARY);
    expect(home.files[0]?.mode).toBe(0o644);
  });

  it('file: ~ with HOME empty is the OS home, the same rule as the config directory', async () => {
    // os.homedir() reads this process's HOME: the test setup's temp home, never the real one.
    const osHome = process.env.HOME as string;
    const file = join(osHome, `flynn-refs-${process.pid}.txt`);
    writeFileSync(file, CANARY, { mode: 0o600 });
    try {
      const secrets = await materialize(`{ file: ~/flynn-refs-${process.pid}.txt }`, '', {
        env: { ...env(), HOME: ' ' },
      });
      expect(secrets.files).toEqual([{ path: 'models.fast.api_key', file, mode: 0o600 }]);
      expect(secrets.config.api_key).toBe(CANARY);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('file: missing or empty is the tier problem with the fix', async () => {
    expect(errorText(await materialize('{ file: nope.txt }'))).toMatch(
      /^models\.fast\.api_key \(file: nope\.txt\): the file does not exist .*Create the file or fix the path/,
    );
    writeFileSync(join(dir, 'empty'), '\n');
    expect(errorText(await materialize('{ file: empty }'))).toMatch(/the file is empty/);
  });
});

describe('command references', () => {
  it('command: stdout trimmed, run without a shell in the config directory', async () => {
    writeFileSync(join(dir, 'print-key.sh'), `printf '  %s\\n' "${CANARY}"\n`);
    const secrets = await materialize('{ command: [sh, print-key.sh] }');
    expect(secrets.config.api_key).toBe(CANARY);
    expect(secrets.origins.api_key).toBe('command: sh');
    expect(secrets.commands.api_key).toEqual({ command: ['sh', 'print-key.sh'] });
    // No shell: the pipe is an argument, not a pipeline.
    const literal = await materialize('{ command: [echo, "a|b"] }');
    expect(literal.config.api_key).toBe('a|b');
  });

  it('shell: runs through /bin/sh -c', async () => {
    const secrets = await materialize(`{ shell: "printf 'x\\\\n${CANARY}\\\\n' | tail -n 1" }`);
    expect(secrets.config.api_key).toBe(CANARY);
    expect(secrets.origins.api_key).toBe('shell: printf');
  });

  it.each([
    ['non-zero exit', `{ command: [sh, -c, "echo ${CANARY}; exit 3"] }`, /sh exited with status 3/],
    ['empty output', '{ command: ["true"] }', /true printed nothing/],
    [
      'two lines',
      `{ command: [sh, -c, "echo ${CANARY}; echo second"] }`,
      /sh printed 2 lines; the secret must be one line/,
    ],
    [
      'a program not found',
      '{ command: [flynn-no-such-program, x] }',
      /program not found: flynn-no-such-program.*Install flynn-no-such-program/,
    ],
    [
      'a timeout',
      `{ command: [sh, -c, "echo ${CANARY}; sleep 30"], timeout_s: 0.3 }`,
      /sh did not finish within 0\.3 s/,
    ],
  ])('%s: an error naming the program, never its output', async (_name, field, message) => {
    const started = Date.now();
    const secrets = await materialize(field);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(secrets.config.api_key).toBeUndefined();
    const text = errorText(secrets);
    expect(text).toMatch(message);
    expect(text).not.toContain('CANARY');
    expect(text).not.toContain('second');
  });

  it('a timeout kills the whole pipeline', async () => {
    const marker = join(dir, 'survivor');
    const secrets = await materialize(
      `{ shell: "sleep 1 && touch ${marker} | cat", timeout_s: 0.2 }`,
    );
    expect(errorText(secrets)).toMatch(/did not finish within 0\.2 s/);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(() => readFileSync(marker)).toThrow();
  });

  it('stderr only with FLYNN_DEBUG=1, with what it printed on stdout redacted', async () => {
    const field = `{ command: [sh, -c, "echo ${CANARY}; echo 'vault says: sealed for ${CANARY}' >&2; exit 1"] }`;
    const quiet = errorText(await materialize(field));
    expect(quiet).not.toContain('vault says');
    expect(quiet).toMatch(/FLYNN_DEBUG=1 shows its stderr/);
    const loud = errorText(await materialize(field, '', { env: { ...env(), FLYNN_DEBUG: '1' } }));
    expect(loud).toMatch(/stderr: vault says: sealed for (?!sk-proj-CANARY)/);
    expect(loud).not.toContain('CANARY');
  });

  it('the sync form never runs a command', () => {
    const marker = join(dir, 'ran');
    const { tier, config } = tierWith(`{ command: [touch, ${marker}] }`);
    const secrets = materializeTierSecretsSync(tier, config, { env: env(), configFile });
    expect(secrets.errors.api_key?.message).toMatch(/run only by async callers/);
    expect(() => readFileSync(marker)).toThrow();
  });
});

describe('the resolver', () => {
  const counter = () => {
    const script = join(dir, 'next.sh');
    writeFileSync(
      script,
      `n=$(cat ${dir}/count 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${dir}/count; echo key-$n-abcdef\n`,
    );
    return { command: ['sh', script] };
  };

  it('one run for parallel callers of the same reference; a failure is not remembered', async () => {
    const resolver = createSecretResolver({ env: env() });
    const reference = counter();
    const values = await Promise.all([1, 2, 3].map(() => resolver.run(reference, dir)));
    expect(values).toEqual(['key-1-abcdef', 'key-1-abcdef', 'key-1-abcdef']);
    expect(resolver.runs).toBe(1);
    const failing = { command: ['false'] };
    await expect(resolver.run(failing, dir)).rejects.toThrow(/false exited with status 1/);
    await expect(resolver.run(failing, dir)).rejects.toThrow();
    expect(resolver.runs).toBe(3);
  });

  it('ttl_s: the value is kept until it is that old, then the command runs again', async () => {
    let now = 1_000_000;
    const resolver = createSecretResolver({ env: env(), now: () => now });
    const reference = { ...counter(), ttl_s: 60 };
    expect(await resolver.run(reference, dir)).toBe('key-1-abcdef');
    now += 59_000;
    expect(await resolver.run(reference, dir)).toBe('key-1-abcdef');
    now += 2_000;
    expect(await resolver.run(reference, dir)).toBe('key-2-abcdef');
    resolver.forget(reference, dir);
    expect(await resolver.run(reference, dir)).toBe('key-3-abcdef');
  });
});

describe('placeholder warnings (config validate and doctor)', () => {
  it.each([
    ['"$OPENAI_API_KEY"', /shell variable.*write api_key: "\$\{OPENAI_API_KEY\}"/],
    ['"{env:OPENAI_API_KEY}"', /opencode.*api_key: \{ env: OPENAI_API_KEY \}/],
    ['"!pass show openai"', /command to run.*\{ command: \[program/],
    ['"op://Private/OpenAI/credential"', /1Password.*\[op, read/],
    ['"<your key>"', /angle brackets/],
    ['"env:OPENAI_API_KEY"', /env: prefix/],
  ])('%s is warned about, naming Flynn syntax', (value, message) => {
    const parsed = parseConfig(
      `models:\n  fast:\n    provider: openai\n    model: m\n    api_key: ${value}\n`,
      'c.yaml',
    );
    expect(parsed.ok).toBe(true);
    const warning = parsed.warnings.find((entry) => entry.path === 'models.fast.api_key');
    expect(warning?.message).toMatch(message);
    expect(warning?.message).toMatch(/would be sent as the credential itself/);
  });

  it('a header placeholder, and none for Flynn syntax or a real key', () => {
    const parsed = parseConfig(
      `models:\n  fast:\n    provider: openai\n    model: m\n    api_key: "\${KEY}"\n    headers: { Authorization: "Bearer $TOKEN", X-Ok: "Bearer \${T}" }\n  default: { provider: openai, model: m, api_key: sk-proj-abcdefghijklmnop1234 }\n`,
      'c.yaml',
    );
    expect(parsed.ok && parsed.warnings.map((warning) => warning.path)).toEqual([
      'models.fast.headers.Authorization',
    ]);
  });
});

describe('what the review found', () => {
  it('a background process holding stdout (setsid) does not hold up the value or the timeout', async () => {
    let started = Date.now();
    const kept = await materialize(`{ shell: "setsid sleep 6 & echo ${CANARY}", timeout_s: 5 }`);
    expect(kept.config.api_key).toBe(CANARY);
    expect(Date.now() - started).toBeLessThan(2000);
    started = Date.now();
    const stuck = await materialize('{ shell: "setsid sleep 6 & sleep 6", timeout_s: 0.3 }');
    expect(errorText(stuck)).toMatch(/did not finish within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a shell line never shows a leading assignment (it may be a token)', () => {
    expect(describeSecretReference({ shell: `OP_SESSION_x=${CANARY} op read op://a/b/c` })).toBe(
      'shell: op',
    );
    expect(describeSecretReference({ shell: `A=${CANARY}` })).toBe('shell: the command');
    expect(describeSecretReference({ command: [`X=${CANARY}`] })).toBe('command: the command');
  });

  it('a fifo is refused at once, never opened', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const started = Date.now();
    expect(errorText(await materialize('{ file: pipe }'))).toMatch(/is not a regular file/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('an expanded header with a line break is the tier problem, never the value', async () => {
    const secrets = await materialize('"k-123456789"', '    headers: { X-Token: "${TOKEN}" }\n', {
      env: { ...env(), TOKEN: `${CANARY}\nX-Injected: 1` },
    });
    expect(secrets.headers).toEqual({});
    expect(secrets.headerErrors[0]?.message).toMatch(/X-Token .*holds a line break/);
    expect(secrets.headerErrors[0]?.message).not.toContain('CANARY');
  });

  it('an aborted run is stopped at once; ttl_s and timeout_s do not split the cache', async () => {
    const resolver = createSecretResolver({ env: env() });
    const controller = new AbortController();
    const started = Date.now();
    const run = resolver.run({ command: ['sleep', '5'] }, dir, controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(run).rejects.toThrow(/cancelled/);
    expect(Date.now() - started).toBeLessThan(1500);
    const print = { command: ['echo', 'k-1234567'] };
    await resolver.run(print, dir);
    await resolver.run({ ...print, ttl_s: 30, timeout_s: 3 }, dir);
    expect(resolver.runs).toBe(2);
  });
});
