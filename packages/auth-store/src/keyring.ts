/**
 * The OS credential store through `@napi-rs/keyring` (Secret Service on Linux, Keychain on
 * macOS, Credential Manager on Windows). Guarantees:
 * - the native module never loads in Flynn's own process: each batch of calls runs in a
 *   short-lived child (see CHILD_SCRIPT for why), started only when the store's secrets live
 *   in the keyring, so a store kept in `auth.json` never pays for it;
 * - on Linux the entry is pinned to the Secret Service: the library would otherwise fall back
 *   to the kernel keyring, which forgets everything at reboot;
 * - every call is bounded (`FLYNN_KEYRING_TIMEOUT_MS`, default 10 s; a probe 1.5 s): a locked
 *   keyring whose unlock prompt never comes, or a D-Bus peer that never answers, ends with an
 *   `AUTH_STORE_KEYRING` error naming the file fallback, never a hang;
 * - errors say what failed in Flynn's words; the library's own text is sanitized and kept to
 *   one short line (it never holds a secret: values are not part of any message).
 * Entries live under the service name `flynn`; the account is `<store key>@<scope>`, the
 * scope being a hash of the store's directory, so two Flynn config directories never share one.
 */
import type * as ChildProcesses from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { sanitizeText } from '@flynn/core';
import { AuthStoreError } from './auth-store-error.js';
import type { Env } from './types.js';

/** The keyring service every Flynn entry is stored under. */
export const KEYRING_SERVICE = 'flynn';

/** Default bound on one keyring call, and on the probe `auto` makes. */
export const KEYRING_TIMEOUT_MS = 10_000;
export const KEYRING_PROBE_TIMEOUT_MS = 1_500;

const MODULE = '@napi-rs/keyring';

/**
 * The child that talks to the keyring: it loads the native module, runs a batch of calls
 * read as JSON from stdin with the module's synchronous API, and prints the results as JSON.
 * Why a child: the module's calls block in native code (opening a Secret Service session
 * blocks the JS thread; an unlock prompt blocks its worker thread), where no timer, abort
 * signal or even `process.exit` can end them; a child can always be killed.
 * Values cross only the pipes, never the command line.
 */
const CHILD_SCRIPT = `
const k = require(process.env.FLYNN_KEYRING_MODULE);
const request = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const options = { linux: { store: 'secret-service' } };
const entry = (account) => new k.Entry(request.service, account, options);
const results = [];
for (const op of request.ops) {
  // The Flynn process that asked holds the store lock for this batch; once it is gone (its
  // lock may already be someone else's), nothing more is written.
  if (process.ppid !== request.parent) { results.push({ error: 'the Flynn process that asked is gone' }); break; }
  try {
    if (op.op === 'get') results.push({ value: entry(op.account).getPassword() });
    else if (op.op === 'set') { entry(op.account).setPassword(op.value); results.push({}); }
    else if (op.op === 'delete') results.push({ value: entry(op.account).deletePassword() });
    else if (op.op === 'list') results.push({ value: k.findCredentials(request.service).map((c) => c.account) });
    else throw new Error('unknown keyring operation');
  } catch (error) {
    results.push({ error: String((error && error.message) || error) });
    break;
  }
}
process.stdout.write(JSON.stringify(results));
`;

type Op =
  | { op: 'get'; account: string }
  | { op: 'set'; account: string; value: string }
  | { op: 'delete'; account: string }
  | { op: 'list' };
type OpResult = { value?: unknown; error?: string };

let modulePath: string | undefined;

/** How this module loads others: from this file (ESM), or the CommonJS bundle's own `require`. */
function load(): NodeJS.Require {
  return import.meta.url ? createRequire(import.meta.url) : require;
}

let childProcesses: typeof ChildProcesses | undefined;

/** `node:child_process`, loaded on the first keyring call: it pulls in net, dgram and streams. */
function children(): typeof ChildProcesses {
  childProcesses ??= load()('node:child_process') as typeof ChildProcesses;
  return childProcesses;
}

/** Where the native module is (resolved, not loaded). A bundle's own `require` finds it beside the bundle. */
function nativeModulePath(path: string): string {
  if (modulePath) return modulePath;
  try {
    // ESM (this package's dist, the TUI's bundle): resolve from this file. The CLI's CommonJS
    // bundle has no import.meta.url, and its own `require` resolves beside the bundle.
    modulePath = load().resolve(MODULE);
    return modulePath;
  } catch (error) {
    throw keyringError(path, 'cannot be used: the @napi-rs/keyring module is not installed', error);
  }
}

/** The child's env: this process's (the bus address, HOME), without the CA bundle it never needs. */
function childEnv(path: string): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, NODE_OPTIONS: _options, ...env } = process.env;
  return { ...env, FLYNN_KEYRING_MODULE: nativeModulePath(path) };
}

function requestText(ops: Op[]): string {
  return JSON.stringify({ service: KEYRING_SERVICE, parent: process.pid, ops });
}

/** Turns the child's output into results, or the error that explains it. */
function parseResults(
  path: string,
  ops: Op[],
  stdout: string,
  stderr: string,
  status: { code: number | null; signal: NodeJS.Signals | null; timedOut: boolean },
  timeoutMs: number,
): OpResult[] {
  const what = describeOps(ops);
  if (status.timedOut) {
    throw keyringError(
      path,
      `did not answer within ${formatSeconds(timeoutMs)} while ${what} (it may be waiting for an unlock prompt nobody can see)`,
    );
  }
  let results: OpResult[] | undefined;
  try {
    results = JSON.parse(stdout) as OpResult[];
  } catch {
    results = undefined;
  }
  if (!Array.isArray(results)) {
    const detail = sanitizeText(stderr.trim().split('\n').at(-1) ?? '').slice(0, 160);
    throw keyringError(
      path,
      `could not be reached: its helper process ended (${status.signal ?? `exit ${status.code}`})${detail ? `: ${detail}` : ''}`,
    );
  }
  const failed = results.findIndex((result) => result.error !== undefined);
  if (failed !== -1) {
    const op = ops[failed];
    throw keyringError(
      path,
      `${describeKeyringFailure(results[failed]?.error)} while ${op ? describeOps([op]) : what}`,
    );
  }
  return results;
}

function describeOps(ops: Op[]): string {
  const [first] = ops;
  if (!first) return 'doing nothing';
  const verb = { get: 'reading', set: 'writing', delete: 'removing', list: 'listing' }[first.op];
  if (first.op === 'list') return `listing the ${KEYRING_SERVICE} entries`;
  const accounts = ops.flatMap((op) => ('account' in op ? [op.account] : []));
  return `${verb} ${accounts.map(keyringLocation).join(', ')}`;
}

/** Runs `ops` in one child, killed after `timeoutMs`. */
function runOps(path: string, ops: Op[], timeoutMs: number): Promise<OpResult[]> {
  if (ops.length === 0) return Promise.resolve([]);
  return new Promise((resolvePromise, reject) => {
    const child = children().spawn(process.execPath, ['-e', CHILD_SCRIPT], {
      env: childEnv(path),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(keyringError(path, 'could not be reached: its helper process did not start', error));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      try {
        resolvePromise(
          parseResults(path, ops, stdout, stderr, { code, signal, timedOut }, timeoutMs),
        );
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.on('error', () => {}); // a child that died early: reported by 'close'
    child.stdin.end(requestText(ops));
  });
}

/** Synchronous `runOps` (spawnSync, killed after `timeoutMs`). */
function runOpsSync(path: string, ops: Op[], timeoutMs: number): OpResult[] {
  if (ops.length === 0) return [];
  const result = children().spawnSync(process.execPath, ['-e', CHILD_SCRIPT], {
    env: childEnv(path),
    input: requestText(ops),
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    windowsHide: true,
  });
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (result.error && !timedOut) {
    throw keyringError(
      path,
      'could not be reached: its helper process did not start',
      result.error,
    );
  }
  return parseResults(
    path,
    ops,
    result.stdout ?? '',
    result.stderr ?? '',
    { code: result.status, signal: result.signal, timedOut },
    timeoutMs,
  );
}

/** What the OS calls its keyring, for messages. */
export function keyringName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service';
}

/**
 * The scope of a store: a short hash of its directory (resolved), so that two config
 * directories (a test's, a second profile's) never read or write each other's entries.
 */
export function keyringScope(storePath: string): string {
  // node:crypto loads on first use only: importing it loads the streams, which read-only
  // commands on the file backend (offline doctor) never need.
  const { createHash } = load()('node:crypto') as typeof import('node:crypto');
  return createHash('sha256')
    .update(resolve(dirname(storePath)))
    .digest('hex')
    .slice(0, 12);
}

/** The account of store key `key` (`openai`, `local_providers`) for the store at `storePath`. */
export function keyringAccount(key: string, storePath: string): string {
  return `${key}@${keyringScope(storePath)}`;
}

/** How a keyring entry is shown: `keyring:flynn/openai@3f2a9c1b0d4e`. */
export function keyringLocation(account: string): string {
  return `keyring:${KEYRING_SERVICE}/${account}`;
}

/** Why the keyring cannot be reached without asking it, or `undefined` when it may be asked. */
export function keyringUnreachable(env: Env, platform: NodeJS.Platform = process.platform) {
  if (platform === 'darwin' || platform === 'win32') return undefined;
  const bus = env.DBUS_SESSION_BUS_ADDRESS;
  return bus === undefined || bus.trim() === '' ? 'DBUS_SESSION_BUS_ADDRESS unset' : undefined;
}

function timeoutFrom(env: Env): number {
  const raw = env.FLYNN_KEYRING_TIMEOUT_MS;
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.min(value, 600_000) : KEYRING_TIMEOUT_MS;
}

/** The library's message, cut to one safe line. */
function nativeDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return sanitizeText(message.split('\n')[0] ?? '').slice(0, 160);
}

/** What went wrong, in Flynn's words, from the library's error. */
export function describeKeyringFailure(error: unknown): string {
  const detail = nativeDetail(error);
  if (/prompt was dismissed|is locked|locked collection/i.test(detail)) {
    return `is locked and could not be unlocked here (${detail}); an unlock prompt cannot be answered in this session`;
  }
  if (/did not receive a reply|timed? ?out/i.test(detail)) {
    return `did not answer (${detail})`;
  }
  if (
    /failed to connect|autolaunch|no such file|connection refused|DBUS_SESSION_BUS_ADDRESS/i.test(
      detail,
    )
  ) {
    return `is not running on this session bus (${detail})`;
  }
  if (/no result found/i.test(detail)) {
    return `has no default collection to store into (${detail})`;
  }
  return `refused the request (${detail})`;
}

/** The error for a keyring that failed; `why` completes "The keyring (Secret Service) …". */
export function keyringError(path: string, why: string, cause?: unknown): AuthStoreError {
  return new AuthStoreError('AUTH_STORE_KEYRING', {
    path,
    problem: `The keyring (${keyringName()}) ${why}.`,
    remedy:
      'Unlock or start the keyring and try again; or keep credentials in auth.json instead: set FLYNN_CREDENTIAL_STORE=file (credentials already in the keyring stay there until `flynn store migrate --to file`)',
    cause,
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The keyring as the store uses it: entries of service `flynn`, each batch one bounded child. */
export interface Keyring {
  /** The values of `accounts` (`null` where there is none), in order. */
  get(accounts: string[]): Promise<Array<string | null>>;
  /** Synchronous `get`, for `readAuthStoreSync` (bounded the same way). */
  getSync(accounts: string[]): Array<string | null>;
  /** Writes each value; with `verify`, reads each back and fails unless it is the same. */
  set(entries: Array<{ account: string; value: string }>, verify?: boolean): Promise<void>;
  /** Removes each entry; true where there was one. */
  delete(accounts: string[]): Promise<boolean[]>;
  /** Every account under the service (values are never brought back). */
  accounts(): Promise<string[]>;
}

const asValues = (results: OpResult[]) =>
  results.map((result) => (typeof result.value === 'string' ? result.value : null));

/** The keyring for the store at `path` (used in messages), with `env`'s timeout. */
export function openKeyring(path: string, env: Env): Keyring {
  const timeoutMs = timeoutFrom(env);
  return {
    get: async (accounts) =>
      asValues(
        await runOps(
          path,
          accounts.map((account) => ({ op: 'get', account })),
          timeoutMs,
        ),
      ),
    getSync: (accounts) =>
      asValues(
        runOpsSync(
          path,
          accounts.map((account) => ({ op: 'get', account })),
          timeoutMs,
        ),
      ),
    async set(entries, verify = false) {
      const ops: Op[] = entries.map(({ account, value }) => ({ op: 'set', account, value }));
      if (verify) ops.push(...entries.map(({ account }) => ({ op: 'get' as const, account })));
      const results = await runOps(path, ops, timeoutMs);
      if (!verify) return;
      for (const [index, { account, value }] of entries.entries()) {
        if (results[entries.length + index]?.value !== value) {
          throw keyringError(
            path,
            `gave back something other than what was written to ${keyringLocation(account)}`,
          );
        }
      }
    },
    delete: async (accounts) =>
      (
        await runOps(
          path,
          accounts.map((account) => ({ op: 'delete', account })),
          timeoutMs,
        )
      ).map((result) => result.value === true),
    accounts: async () => {
      const [result] = await runOps(path, [{ op: 'list' }], timeoutMs);
      return Array.isArray(result?.value) ? result.value.filter((a) => typeof a === 'string') : [];
    },
  };
}

/**
 * Whether the keyring answers, asked within {@link KEYRING_PROBE_TIMEOUT_MS}: `undefined`
 * when it does, else why not (`DBUS_SESSION_BUS_ADDRESS unset`, `did not answer within 1.5 s`).
 * With `write`, the probe stores and removes a throw-away entry, which also finds a locked
 * keyring (reading a missing entry does not); without, it only looks one up.
 */
export async function probeKeyring(
  path: string,
  env: Env,
  options: { write?: boolean } = {},
): Promise<string | undefined> {
  const unreachable = keyringUnreachable(env);
  if (unreachable) return unreachable;
  const timeoutMs = Math.min(timeoutFrom(env), KEYRING_PROBE_TIMEOUT_MS);
  const account = `probe@${keyringScope(path)}`;
  const ops: Op[] = options.write
    ? [
        { op: 'set', account, value: 'probe' },
        { op: 'delete', account },
      ]
    : [{ op: 'get', account }];
  try {
    await runOps(path, ops, timeoutMs);
    return undefined;
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return problem
      .replace(/^The keyring \([^)]*\) /, '')
      .replace(/ while .*$/, '')
      .replace(/\.$/, '');
  }
}
