import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built binary; turbo builds it before tests run. */
export const FLYNN_BIN = fileURLToPath(new URL('../dist/flynn.cjs', import.meta.url));

export interface FlynnRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunFlynnOptions {
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. Without it stdin is closed at once (not a TTY). */
  input?: string;
  cwd?: string;
  timeoutMs?: number;
}

/** Spawns `node dist/flynn.cjs ...args` with exactly the given env and collects its output. */
export function runFlynn(args: string[], options: RunFlynnOptions): Promise<FlynnRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FLYNN_BIN, ...args], {
      env: options.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
