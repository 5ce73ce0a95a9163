// Borrowing the token the GitHub CLI already holds: `gh auth token` prints it on
// stdout. Guarantees: the output is captured, never passed through; an error quotes
// only the first line of gh's stderr, which describes the failure, not a token.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Env } from './types.js';

const GH_TIMEOUT_MS = 15_000;

/** The path of `gh` on `env.PATH`, or `undefined` when it is not installed. */
export function findGh(env: Env): string | undefined {
  const names = process.platform === 'win32' ? ['gh.exe', 'gh.cmd'] : ['gh'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** What `gh auth token` gave: the token (untrimmed; the caller checks it), or why not. */
export type GhAuthTokenResult =
  | { ok: true; token: string }
  | { ok: false; reason: 'not_installed' | 'failed'; detail: string };

/**
 * Runs `gh auth token` (the GitHub CLI's stored token) with a time limit. Never rejects:
 * a missing `gh`, a failure or a timeout is a result with the reason, and `detail` quotes
 * at most the first line of gh's stderr (which describes the failure, never a token).
 */
export async function ghAuthToken(env: Env): Promise<GhAuthTokenResult> {
  const gh = findGh(env);
  if (!gh) return { ok: false, reason: 'not_installed', detail: 'gh is not on PATH' };
  // Loaded here, not at import: node:child_process pulls in `net` and the stream modules,
  // which commands that never run gh (offline doctor) should not pay for.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = spawn(gh, ['auth', 'token'], {
      env: { ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), GH_TIMEOUT_MS);
    const fail = (detail: string) => resolve({ ok: false, reason: 'failed', detail });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(error.code ?? 'cannot run gh');
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && stdout.trim() !== '') return resolve({ ok: true, token: stdout });
      const said = stderr.trim().split('\n')[0]?.slice(0, 200);
      fail(signal ? `killed by ${signal}` : `exit ${code}${said ? `: ${said}` : ''}`);
    });
  });
}
