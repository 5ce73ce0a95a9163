// Runs a built Node bin (e.g. apps/cli/dist/flynn.cjs) as a user would: its own process,
// exactly the env given, stdin a pipe (closed at once unless there is input), and every
// byte of stdout and stderr collected.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** How a run ended, and what it printed. */
export interface BinRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunBinOptions {
  /** Exactly the environment of the process (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. Without it stdin is closed at once (not a TTY). */
  input?: string;
  /** Leave stdin open (after `input`, if any) for the test to write to `child.stdin` later. */
  openStdin?: boolean;
  cwd?: string;
  /** SIGKILL after this long (default 15 s), so a hung bin cannot hang the test run. */
  timeoutMs?: number;
}

/** A running bin: its output so far, a way to wait for some, and how it ended. */
export interface BinProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Resolves once stdout matches (a string it contains, a pattern, or a predicate on all of
   * stdout so far); rejects if the process ends first.
   */
  waitForStdout(match: string | RegExp | ((stdout: string) => boolean)): Promise<void>;
  /** Resolves when the process has exited and its output streams are closed. */
  readonly done: Promise<BinRun>;
}

/** Starts `node <bin> ...args`; see {@link runBin} for the plain run-to-completion form. */
export function startBin(bin: string, args: readonly string[], options: RunBinOptions): BinProcess {
  const child = spawn(process.execPath, [bin, ...args], {
    env: options.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let ended = false;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    notify();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  const done = new Promise<BinRun>((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      ended = true;
      notify();
      resolve({ code, signal, stdout, stderr });
    });
  });
  done.catch(() => {});
  child.stdin.on('error', () => {}); // a bin that exits without reading its input
  if (options.openStdin) {
    if (options.input) child.stdin.write(options.input);
  } else child.stdin.end(options.input ?? '');
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitForStdout(match) {
      const matches = () =>
        typeof match === 'string'
          ? stdout.includes(match)
          : match instanceof RegExp
            ? match.test(stdout)
            : match(stdout);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (matches()) {
            listeners.delete(check);
            resolve();
          } else if (ended) {
            listeners.delete(check);
            reject(
              new Error(
                `the process ended before its stdout matched ${String(match)}.\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
              ),
            );
          }
        };
        listeners.add(check);
        check();
      });
    },
    done,
  };
}

/** Runs `node <bin> ...args` to the end and collects its exit and output. */
export function runBin(
  bin: string,
  args: readonly string[],
  options: RunBinOptions,
): Promise<BinRun> {
  return startBin(bin, args, options).done;
}
