/**
 * Runs command references (`{ command: [...] }`, `{ shell: "..." }`) and remembers their
 * values for the life of a process. Guarantees:
 * - a program's stdout is the secret: it is never put in an error, a log or a message; a
 *   failure names the program and its exit status only. Its stderr is added only with
 *   `FLYNN_DEBUG=1`, sanitized, and with anything the command printed on stdout redacted;
 * - no shell unless the reference asks for one (`shell`), and every run is bounded by its
 *   `timeout_s`: the process group is killed, so a pipeline cannot outlive it;
 * - one run per distinct reference at a time: parallel callers (doctor's tiers) share it;
 *   the value is kept until `ttl_s` has passed (or for good without one) or it is forgotten
 *   after the provider rejected it (`forget`);
 * - `node:child_process` is loaded on the first run only.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Remedy, redactSecrets, sanitizeText } from '@flynn/core';
import type { Env } from './config-paths.js';
import {
  DEFAULT_COMMAND_TIMEOUT_S,
  referenceProgram,
  type SecretReference,
} from './secret-reference.js';

/** A reference that runs a program. */
export type CommandReference = Extract<SecretReference, { command: string[] } | { shell: string }>;

/** Why a run gave no value, in words that never hold its output. */
export class SecretCommandFailure extends Error {
  constructor(
    readonly problem: string,
    readonly remedy: Remedy,
  ) {
    super(problem);
    this.name = 'SecretCommandFailure';
  }
}

export interface SecretResolverOptions {
  /** The environment commands run with (and where `FLYNN_DEBUG` is read). Default `process.env`. */
  env?: Env;
  /** The clock, for `ttl_s`. Default `Date.now`. */
  now?: () => number;
}

/** Runs command references and caches their values (see the module header). */
export interface SecretResolver {
  /**
   * The trimmed one-line stdout of `reference` run in `cwd`, from the cache when it is fresh.
   * `signal` stops the run (its process group is killed) when the caller gives up (Ctrl-C).
   * @throws SecretCommandFailure (not found, non-zero exit, timeout, empty or several lines,
   *   cancelled)
   */
  run(reference: CommandReference, cwd: string, signal?: AbortSignal): Promise<string>;
  /** Drops the cached value, so the next `run` runs the command again. */
  forget(reference: CommandReference, cwd: string): void;
  /** How many times a command was started (for tests and `doctor`'s figures). */
  readonly runs: number;
}

const MAX_OUTPUT = 64 * 1024;

interface Cached {
  value: Promise<string>;
  /** When the value arrived (undefined while the command runs). */
  at?: number;
}

/** What identifies a run: the program and its arguments (or the shell line) and where. */
function keyOf(reference: CommandReference, cwd: string): string {
  return JSON.stringify(
    'command' in reference ? [cwd, 'command', reference.command] : [cwd, 'shell', reference.shell],
  );
}

/** A resolver with its own cache; share one per process (or per doctor run). */
export function createSecretResolver(options: SecretResolverOptions = {}): SecretResolver {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const cache = new Map<string, Cached>();
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    run(reference, cwd, signal) {
      const key = keyOf(reference, cwd);
      const cached = cache.get(key);
      const ttl = reference.ttl_s;
      const fresh =
        cached && (cached.at === undefined || ttl === undefined || now() - cached.at < ttl * 1000);
      if (cached && fresh) return cached.value;
      runs++;
      const value = runCommand(reference, cwd, env, signal);
      const entry: Cached = { value };
      cache.set(key, entry);
      value.then(
        () => {
          entry.at = now();
        },
        // A failure is not remembered: the next use runs the command again.
        () => {
          if (cache.get(key) === entry) cache.delete(key);
        },
      );
      return value;
    },
    forget(reference, cwd) {
      cache.delete(keyOf(reference, cwd));
    },
  };
}

/** Runs once, with no stdin, and collects at most {@link MAX_OUTPUT} bytes of each stream. */
async function runCommand(
  reference: CommandReference,
  cwd: string,
  env: Env,
  signal?: AbortSignal,
): Promise<string> {
  const { spawn } = await import('node:child_process');
  const program = referenceProgram(reference);
  const timeoutS = reference.timeout_s ?? DEFAULT_COMMAND_TIMEOUT_S;
  const [file, args] =
    'command' in reference
      ? [reference.command[0] ?? '', reference.command.slice(1)]
      : ['/bin/sh', ['-c', reference.shell]];
  const debug = env.FLYNN_DEBUG === '1';

  return new Promise<string>((resolveRun, rejectRun) => {
    let settled = false;
    const resolve = (value: string) => {
      if (!settled) resolveRun(value);
      settled = true;
    };
    const reject = (error: Error) => {
      if (!settled) rejectRun(error);
      settled = true;
    };
    if (signal?.aborted) {
      reject(new SecretCommandFailure(`${program} was not run (cancelled)`, []));
      return;
    }
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        cwd,
        env: env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a timeout kills a pipeline and its children too.
        detached: true,
        windowsHide: true,
      });
    } catch (error) {
      reject(spawnFailure(error, program, cwd));
      return;
    }
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let ended: 'timeout' | 'too-much' | 'cancelled' | undefined;
    const kill = (why: typeof ended) => {
      ended ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    // A stopped run settles at once: something that left the group (setsid) may keep the
    // pipes open, and `close` would wait for it.
    const stop = (why: 'timeout' | 'cancelled') => {
      kill(why);
      finish(null, 'SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout'), timeoutS * 1000);
    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    let grace: NodeJS.Timeout | undefined;
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) kill('too-much');
      else stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.reduce((total, part) => total + part.length, 0) < MAX_OUTPUT) stderr.push(chunk);
    });
    child.on('error', (error) => {
      kill(undefined);
      cleanup();
      reject(spawnFailure(error, program, cwd));
    });
    // The program has exited; a background process it left may hold the pipes open, so the
    // output is taken a moment later even if they never close.
    child.on('exit', (code, exitSignal) => {
      grace = setTimeout(() => finish(code, exitSignal), 200);
    });
    child.on('close', (code, exitSignal) => finish(code, exitSignal));
    function cleanup() {
      clearTimeout(timer);
      clearTimeout(grace);
      signal?.removeEventListener('abort', onAbort);
    }
    function finish(code: number | null, exitSignal: NodeJS.Signals | null) {
      if (settled) return;
      cleanup();
      child.stdout?.destroy();
      child.stderr?.destroy();
      const out = Buffer.concat(stdout).toString('utf8').trim();
      const detail = () => (debug ? debugStderr(Buffer.concat(stderr).toString('utf8'), out) : '');
      if (ended === 'cancelled') {
        reject(new SecretCommandFailure(`${program} was stopped (cancelled)`, []));
      } else if (ended === 'timeout') {
        reject(
          new SecretCommandFailure(
            `${program} did not finish within ${timeoutS} s (stopped)${detail()}`,
            [
              {
                kind: 'advice',
                text: `Check that ${program} does not wait for input (a prompt, a locked vault), or raise timeout_s`,
              },
            ],
          ),
        );
      } else if (ended === 'too-much') {
        reject(
          new SecretCommandFailure(`${program} printed more than 64 KB; a secret is one line`, [
            { kind: 'advice', text: `Make the command print only the secret` },
          ]),
        );
      } else if (code !== 0) {
        const status =
          code === null
            ? `was killed by ${exitSignal ?? 'a signal'}`
            : `exited with status ${code}`;
        reject(
          new SecretCommandFailure(`${program} ${status}${detail()}`, [
            {
              kind: 'advice',
              text: `Run the command yourself to see why${debug ? '' : ' (FLYNN_DEBUG=1 shows its stderr, redacted)'}`,
            },
          ]),
        );
      } else if (out === '') {
        reject(
          new SecretCommandFailure(`${program} printed nothing`, [
            { kind: 'advice', text: 'Check that the entry exists and holds the secret' },
          ]),
        );
      } else if (/[\r\n]/.test(out)) {
        const lines = out.split(/\r?\n|\r/).length;
        reject(
          new SecretCommandFailure(
            `${program} printed ${lines} lines; the secret must be one line`,
            [
              {
                kind: 'advice',
                text: 'Print only the secret, e.g. with shell: "... | head -n 1" or the tool\'s own field option',
              },
            ],
          ),
        );
      } else resolve(out);
    }
  });
}

function spawnFailure(error: unknown, program: string, cwd: string): SecretCommandFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' && !existsSync(cwd)) {
    return new SecretCommandFailure(
      "the config file's directory (its working directory) is gone",
      [],
    );
  }
  if (code === 'ENOENT') {
    return new SecretCommandFailure(`program not found: ${program}`, [
      {
        kind: 'advice',
        text: `Install ${program} or give its full path as the first item of command`,
      },
    ]);
  }
  if (code === 'EACCES') {
    return new SecretCommandFailure(`${program} cannot be run (permission denied)`, [
      { kind: 'advice', text: `Make ${program} executable (chmod +x) or fix the path` },
    ]);
  }
  return new SecretCommandFailure(
    `${program} could not be started (${typeof code === 'string' ? code : 'error'})`,
    [],
  );
}

/** `; stderr: ...`: the first lines, one line each, with stdout's text redacted. */
function debugStderr(stderr: string, stdout: string): string {
  const text = redactSecrets(stderr, [stdout, ...stdout.split(/\s+/)]);
  const lines = text
    .split(/\r?\n/)
    .map((line) => sanitizeText(line, { singleLine: true }).trim())
    .filter(Boolean)
    .slice(0, 5);
  return lines.length > 0 ? `; stderr: ${lines.join(' | ').slice(0, 500)}` : '';
}
