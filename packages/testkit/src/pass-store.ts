// A real `pass` password store for tests of secret references such as
// `{ command: [pass, show, flynn/openai] }`, with a throw-away GnuPG home and key.
//
// What it guarantees:
// - Hermetic: the key, the keyring, the store and the HOME the tools see all live in one
//   fresh mkdtemp directory under os.tmpdir(). Every gpg, pass and gpgconf it runs gets an
//   explicit minimal env (PATH, HOME inside that directory, GNUPGHOME, PASSWORD_STORE_DIR),
//   so the developer's real home, keyring, agent and PASSWORD_STORE_* settings are never read
//   or written.
// - No prompt: the key has no passphrase, so gpg-agent (which gpg autostarts) decrypts without
//   a pinentry; `pass show` with `env` works with stdin closed and no terminal.
// - Nothing survives cleanup(): it stops the agent of that GNUPGHOME (gpgconf --kill all, then
//   waits until the agent process is gone) and removes the directory.
// - Nothing hangs: every child process is killed after 30 s.
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PassStoreOptions {
  /** Entries to insert, name (e.g. `flynn/openai`) to value. */
  entries?: Record<string, string>;
}

export interface PassStore {
  /**
   * What `pass` needs to read this store: `GNUPGHOME` and `PASSWORD_STORE_DIR`. Spread it
   * over a child's env (it holds no PATH and no HOME, so a test's own HOME stays).
   */
  env: Record<string, string>;
  /** The one temp directory holding everything (GnuPG home, store, HOME of the tools). */
  dir: string;
  /** Stores `value` under `name` so that `pass show name` prints `value` and a newline. */
  insert(name: string, value: string): Promise<void>;
  /** Stops the GnuPG daemons of this home and removes `dir`. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** Kills any child still running after this long. */
const CHILD_TIMEOUT_MS = 30_000;
/** Unix socket paths are limited to 104 (macOS) or 108 (Linux) bytes; stay below both. */
const MAX_SOCKET_PATH = 100;
const KEY_UID = 'Flynn Test <test@flynn.invalid>';
/** No passphrase, and no pinentry asked for one. */
const NO_PASSPHRASE = ['--batch', '--pinentry-mode', 'loopback', '--passphrase', ''];

function onPath(command: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Whether `pass` and GnuPG (`gpg`, and `gpgconf` for cleanup) are on PATH. */
export function passAvailable(): boolean {
  return ['pass', 'gpg', 'gpgconf'].every(onPath);
}

/** Runs `command` with exactly `env`, `input` on stdin; rejects on a non-zero exit or timeout. */
function run(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  input = '',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const describe = () => `${command} ${args.join(' ')}`;
    // A hard timer rather than spawn's `timeout`: it also gives up on a grandchild holding
    // the pipes open, where waiting for 'close' would hang.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      reject(new Error(`${describe()} timed out after ${CHILD_TIMEOUT_MS} ms\n${stderr}`));
    }, CHILD_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${describe()} failed (${code ?? signal})\n${stderr}`));
    });
    child.stdin.on('error', () => {}); // a child that exits without reading its input
    child.stdin.end(input);
  });
}

/** The agent's pid, or undefined when none runs for this home (gpg-connect-agent exits 0 then too). */
export async function gpgAgentPid(env: Record<string, string>): Promise<number | undefined> {
  const output = await run('gpg-connect-agent', ['--no-autostart', 'GETINFO pid', '/bye'], env);
  const pid = /^D (\d+)$/m.exec(output)?.[1];
  return pid === undefined ? undefined : Number(pid);
}

/** Whether `pid` is a live process (a zombie waiting for its reaper counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs (macOS): kill(0) is all there is
  }
}

/**
 * Creates a password store with a fresh ed25519/cv25519 key without passphrase, `pass init`ed
 * for that key, holding `options.entries`. Call `cleanup()` when done (e.g. in `afterAll`).
 */
export async function createPassStore(options: PassStoreOptions = {}): Promise<PassStore> {
  // Short names: gpg-agent puts its sockets in GNUPGHOME when there is no /run/user/<uid>.
  const dir = await mkdtemp(join(tmpdir(), 'flynn-pass-'));
  const gnupgHome = join(dir, 'gnupg');
  const storeDir = join(dir, 'store');
  const home = join(dir, 'home');
  const env = { GNUPGHOME: gnupgHome, PASSWORD_STORE_DIR: storeDir };
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    ...env,
  };

  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      try {
        const pid = await gpgAgentPid(childEnv).catch(() => undefined);
        await run('gpgconf', ['--kill', 'all'], childEnv).catch(() => {});
        // gpgconf returns once the agent was told to stop; wait for it to be gone.
        const deadline = Date.now() + 5_000;
        while (pid !== undefined && processAlive(pid) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })();
    return cleaning;
  };

  try {
    const longest = join(gnupgHome, 'S.gpg-agent.browser');
    if (Buffer.byteLength(longest) > MAX_SOCKET_PATH) {
      throw new Error(
        `createPassStore: ${longest} is too long for a gpg-agent socket; set TMPDIR to a shorter directory`,
      );
    }
    await mkdir(gnupgHome, { mode: 0o700 });
    await chmod(gnupgHome, 0o700); // whatever the umask; gpg warns about anything looser
    await mkdir(home, { mode: 0o700 });

    // A certify-only ed25519 primary key plus a cv25519 encryption subkey: explicit
    // algorithms (not `default`, which is RSA on GnuPG 2.2) so generation takes milliseconds.
    await run(
      'gpg',
      [...NO_PASSPHRASE, '--quick-gen-key', KEY_UID, 'ed25519', 'cert', 'never'],
      childEnv,
    );
    const colons = await run('gpg', ['--batch', '--list-keys', '--with-colons', KEY_UID], childEnv);
    const fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]{40,64}):/m.exec(colons)?.[1];
    if (!fingerprint) throw new Error(`createPassStore: no fingerprint in gpg's output\n${colons}`);
    await run(
      'gpg',
      [...NO_PASSPHRASE, '--quick-add-key', fingerprint, 'cv25519', 'encr', 'never'],
      childEnv,
    );
    await run('pass', ['init', fingerprint], childEnv);

    // `pass insert --multiline` stores stdin byte for byte; the newline makes `pass show`
    // print the value as a line, as a store filled by hand does.
    const insert = async (name: string, value: string) => {
      await run('pass', ['insert', '--multiline', '--force', '--', name], childEnv, `${value}\n`);
    };
    for (const [name, value] of Object.entries(options.entries ?? {})) await insert(name, value);
    return { env, dir, insert, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
