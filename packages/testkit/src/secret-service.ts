// A real Secret Service for tests of the keyring backend: gnome-keyring-daemon, unlocked,
// on a private D-Bus session bus started with dbus-run-session.
//
// What it guarantees:
// - Hermetic: the bus is a fresh session bus of its own (never the developer's), and the
//   daemon's HOME, XDG_DATA_HOME (where keyrings are saved) and XDG_RUNTIME_DIR live in one
//   fresh mkdtemp directory, so no real keyring is read or written.
// - Unlocked: the `login` keyring is created (and unlocked) with a throw-away password on
//   stdin; `lock()` locks it through the Secret Service API, `unlock()` unlocks it again.
//   No prompt can be shown (there is no display), so a locked keyring makes every unlock
//   request fail at once, as on a headless machine.
// - `pause()` stops the daemon with SIGSTOP: the bus stays up and requests go unanswered,
//   which is how a hung keyring looks; `resume()` continues it.
// - Nothing survives `stop()`: the session ends (the bus goes, so does the daemon) and the
//   directory is removed. Nothing hangs: every helper command is killed after 30 s.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface SecretService {
  /** What a client needs to reach this Secret Service: spread it over a child's env. */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  /** The temp directory holding the daemon's home and keyrings. */
  dir: string;
  /** Locks the `login` collection (as a screen lock does). */
  lock(): Promise<void>;
  /** Unlocks it again. */
  unlock(): Promise<void>;
  /** SIGSTOP the daemon: requests go unanswered until `resume()`. */
  pause(): void;
  resume(): void;
  /**
   * From now on an unlock prompt never comes: the prompter the daemon starts (by D-Bus
   * activation) never answers, as on a headless machine whose prompt went to a screen nobody
   * watches. `failPrompts()` goes back to the default: the prompter fails at once.
   */
  hangPrompts(): void;
  failPrompts(): void;
  /** `secret-tool search --all service <service>` on this bus: its output (stdout + stderr). */
  search(service: string): Promise<string>;
  /** The secret `secret-tool lookup` finds for these attributes, or '' when none. */
  lookup(attributes: Record<string, string>): Promise<string>;
  /** Ends the session and removes `dir`. Safe to call twice. */
  stop(): Promise<void>;
}

const COMMAND_TIMEOUT_MS = 30_000;
const PASSWORD = 'flynn-test-keyring';
const COMMANDS = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool'];

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** True when dbus-run-session, gnome-keyring-daemon and secret-tool are all installed. */
export function secretServiceAvailable(): boolean {
  return process.platform === 'linux' && COMMANDS.every(onPath);
}

function run(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env, timeout: COMMAND_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
    // A helper that exits before reading its input (seen under load) must not fail the run
    // with an unhandled EPIPE: its exit code and output already say what happened.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input ?? '');
  });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + COMMAND_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Secret Service test kit: timed out waiting for ${what}`);
}

/**
 * Starts a session bus (dbus-run-session) with gnome-keyring-daemon's secrets component on
 * it, its `login` keyring created and unlocked. Throws when a component is missing (CI
 * installs them: .ci/run).
 */
export async function startSecretService(): Promise<SecretService> {
  if (!secretServiceAvailable()) {
    throw new Error(
      `Secret Service test kit: needs ${COMMANDS.join(', ')} (Debian: dbus, gnome-keyring, libsecret-tools)`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'flynn-keyring-'));
  const runtime = join(dir, 'run');
  await mkdir(runtime, { mode: 0o700 });
  const addressFile = join(dir, 'bus-address');
  const pidFile = join(dir, 'daemon-pid');
  // The prompter gnome-keyring asks for an unlock: a service of ours, found before the real
  // one (XDG_DATA_DIRS), that fails at once, or with the hang flag never answers.
  const services = join(dir, 'share', 'dbus-1', 'services');
  await mkdir(services, { recursive: true });
  const hangFlag = join(dir, 'hang-prompts');
  const prompter = join(dir, 'prompter.sh');
  await writeFile(
    prompter,
    `#!/bin/sh\nif [ -e '${hangFlag}' ]; then exec sleep 600; fi\nexit 1\n`,
    { mode: 0o755 },
  );
  await writeFile(
    join(services, 'org.gnome.keyring.SystemPrompter.service'),
    `[D-BUS Service]\nName=org.gnome.keyring.SystemPrompter\nExec=${prompter}\n`,
  );
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_DIRS: `${join(dir, 'share')}:/usr/local/share:/usr/share`,
    XDG_RUNTIME_DIR: runtime,
    LANG: 'C.UTF-8',
  };
  // Inside the session: record the bus, start the daemon unlocked (password on stdin), then
  // wait on stdin so that closing it (stop) ends the session.
  const script = [
    'printf %s "$DBUS_SESSION_BUS_ADDRESS" > "$1"',
    `printf %s '${PASSWORD}' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &`,
    'echo $! > "$2"',
    'cat >/dev/null',
  ].join('\n');
  const session: ChildProcess = spawn(
    'dbus-run-session',
    ['--', 'sh', '-c', script, 'sh', addressFile, pidFile],
    { env: base, stdio: ['pipe', 'ignore', 'ignore'] },
  );
  const ended = new Promise<void>((resolve) => session.once('exit', () => resolve()));
  let address = '';
  let pid = 0;
  await waitFor('the session bus', () => {
    try {
      address = readFileSync(addressFile, 'utf8');
      pid = Number(readFileSync(pidFile, 'utf8').trim());
      return address !== '' && pid > 0;
    } catch {
      return false;
    }
  });
  const env = { ...base, DBUS_SESSION_BUS_ADDRESS: address };
  const dbus = (args: string[]) => run('dbus-send', ['--session', '--print-reply', ...args], env);
  await waitFor('gnome-keyring-daemon on the bus', async () => {
    const { output } = await dbus([
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      'string:org.freedesktop.secrets',
    ]);
    return /boolean true/.test(output);
  });
  // A throw-away item, stored and cleared.
  const storeWarmup = () =>
    run('secret-tool', ['store', '--label=flynn-testkit', 'testkit', 'warmup'], env, 'x');
  const clearWarmup = () => run('secret-tool', ['clear', 'testkit', 'warmup'], env);
  // Both are refused while the keyring is locked or its daemon is being replaced.
  const writable = async () => (await storeWarmup()).code === 0 && (await clearWarmup()).code === 0;
  // The login keyring is created on first use; one store creates it (and leaves no item).
  const created = await storeWarmup();
  if (created.code !== 0) {
    throw new Error(
      `Secret Service test kit: could not create the login keyring: ${created.output}`,
    );
  }
  await clearWarmup();
  const collection = '/org/freedesktop/secrets/collection/login';
  let stopped = false;
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    dir,
    async lock() {
      const { code, output } = await dbus([
        '--dest=org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        `array:objpath:${collection}`,
      ]);
      if (code !== 0) throw new Error(`Secret Service test kit: lock failed: ${output}`);
    },
    async unlock() {
      // gnome-keyring's own unlock, with the password on stdin (no prompt).
      const { code, output } = await run(
        'gnome-keyring-daemon',
        ['--unlock', '--replace', '--components=secrets', '--daemonize'],
        env,
        PASSWORD,
      );
      if (code !== 0) throw new Error(`Secret Service test kit: unlock failed: ${output}`);
      // The replacement takes the bus name over on its own time: return once a write goes
      // through (a locked or absent daemon refuses it), so the next test finds it working.
      await waitFor('the unlocked keyring to accept a write', writable);
    },
    pause: () => signalDaemons(env, 'SIGSTOP', pid),
    resume: () => signalDaemons(env, 'SIGCONT', pid),
    hangPrompts: () => writeFileSync(hangFlag, ''),
    failPrompts() {
      rmSync(hangFlag, { force: true });
      // A prompter already hanging answers nothing either way: end it, and one that has seen
      // the flag but not yet become `sleep` (a slow start under load).
      for (const command of ['sleep', 'prompter.sh']) {
        for (const target of sessionProcesses(runtime, command)) killQuietly(target, 'SIGKILL');
      }
    },
    search: async (service) =>
      (await run('secret-tool', ['search', '--all', 'service', service], env)).output,
    lookup: async (attributes) =>
      (await run('secret-tool', ['lookup', ...Object.entries(attributes).flat()], env)).output,
    async stop() {
      if (stopped) return;
      stopped = true;
      signalDaemons(env, 'SIGCONT', pid);
      session.stdin?.end();
      const timer = setTimeout(() => session.kill('SIGKILL'), 5_000);
      await ended;
      clearTimeout(timer);
      signalDaemons(env, 'SIGTERM', pid);
      for (const target of sessionProcesses(runtime)) killQuietly(target, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Signals every gnome-keyring-daemon of this kit: the first one, and one `unlock()` put in its
 * place (`--replace`), found in /proc by the runtime dir in its environment.
 */
function signalDaemons(env: NodeJS.ProcessEnv, signal: NodeJS.Signals, first: number): void {
  for (const target of new Set([first, ...daemonsOf(String(env.XDG_RUNTIME_DIR))])) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

function daemonsOf(runtime: string): number[] {
  return sessionProcesses(runtime, 'gnome-keyring');
}

/** Processes started in this kit's session (their env holds its runtime dir), but this one. */
function sessionProcesses(runtime: string, command?: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (command && !readFileSync(`/proc/${name}/comm`, 'utf8').startsWith(command)) continue;
      const environ = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
      if (environ.includes(`XDG_RUNTIME_DIR=${runtime}`)) found.push(Number(name));
    } catch {
      // exited while looking, or not ours to read
    }
  }
  return found;
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
