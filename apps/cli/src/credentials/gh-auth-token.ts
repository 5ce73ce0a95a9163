// Borrowing the token the GitHub CLI already holds: `gh auth token` prints it on
// stdout. Guarantees: the output is captured, never passed through; an error quotes
// only the first line of gh's stderr, which describes the failure, not a token.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CredentialInputError } from './credential-errors.js';

const GH_TIMEOUT_MS = 15_000;

/** The path of `gh` on `env.PATH`, or `undefined` when it is not installed. */
export function findGh(env: NodeJS.ProcessEnv): string | undefined {
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

/**
 * Runs `gh auth token` and resolves to what it printed (untrimmed; the caller checks it).
 * @throws CredentialInputError `INPUT_UNAVAILABLE` when gh is missing, fails or times out.
 */
export function ghAuthToken(env: NodeJS.ProcessEnv): Promise<string> {
  const gh = findGh(env);
  if (!gh) {
    return Promise.reject(
      new CredentialInputError(
        'INPUT_UNAVAILABLE',
        'The GitHub CLI (gh) is not on PATH.',
        'Install gh and run `gh auth login`, or paste a token with `flynn github-login`.',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(gh, ['auth', 'token'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), GH_TIMEOUT_MS);
    const fail = (why: string) =>
      reject(
        new CredentialInputError(
          'INPUT_UNAVAILABLE',
          `\`gh auth token\` did not give a token (${why}).`,
          'Run `gh auth login` first, or paste a token with `flynn github-login`.',
        ),
      );
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(error.code ?? 'cannot run gh');
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && stdout.trim() !== '') return resolve(stdout);
      const said = stderr.trim().split('\n')[0]?.slice(0, 200);
      fail(signal ? `killed by ${signal}` : `exit ${code}${said ? `: ${said}` : ''}`);
    });
  });
}
