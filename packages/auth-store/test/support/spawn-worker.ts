import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { inject } from 'vitest';

/**
 * A running store worker (test/fixtures/store-worker.mjs, run from the private copy made by
 * test/ensure-dist.ts) and what it has printed.
 */
export interface Worker {
  child: ChildProcess;
  lines: string[];
  /** When each of `lines` arrived (`performance.now()` in this process), index for index. */
  times: number[];
  /** Resolves with the first printed line matching `pattern` (rejects if the worker exits first). */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves when the process has exited (and been reaped). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts the worker with `args` and a scrubbed `env`. */
export function spawnWorker(args: string[], env: NodeJS.ProcessEnv): Worker {
  // Workers make no TLS connections; loading an extra CA bundle would add ~40 ms to each of
  // the hundreds of spawns in the crash test.
  const { NODE_EXTRA_CA_CERTS: _unused, ...childEnv } = env;
  const child = spawn(process.execPath, [inject('storeWorker'), ...args], {
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const times: number[] = [];
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    times.push(performance.now());
    for (const waiter of waiters.filter((candidate) => candidate.pattern.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    times,
    exited,
    stderr: () => stderr,
    waitFor(pattern) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`worker exited (${code ?? signal}) before ${pattern}: ${stderr}`)),
        );
      });
    },
  };
}
