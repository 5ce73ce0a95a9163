import { PassThrough } from 'node:stream';
import { AuthModeUnsupportedError, AuthStoreError } from '@flynn/auth-store';
import { describe, expect, it } from 'vitest';
import { handleError } from '../src/handle-error.js';
import type { CommandIO } from '../src/io.js';

function fakeIO(env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (text: string) => void) =>
    new PassThrough().on('data', (chunk: Buffer) => write(chunk.toString('utf8')));
  const io: CommandIO = {
    stdout: sink((text) => {
      stdout += text;
    }),
    stderr: sink((text) => {
      stderr += text;
    }),
    stdin: new PassThrough(),
    env,
    color: false,
  };
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  const out = async () => {
    await flush();
    return { stdout, stderr };
  };
  return { io, out };
}

describe('handleError', () => {
  it('reports every error code auth-store recognises as a normal error with its remedy, exit 1', async () => {
    const errors = [
      new AuthModeUnsupportedError({
        tier: 'fast',
        provider: 'zai',
        mode: 'oauth',
        modeOrigin: 'auth_mode',
        configPath: 'models.fast',
      }),
      new AuthStoreError('AUTH_STORE_INVALID_INPUT', {
        path: '/home/u/.config/flynn/auth.json',
        problem: 'Refusing to store an empty value.',
        remedy: 'Pass a non-empty value.',
      }),
      // Any Flynn code, branded or not, e.g. one added to a library later.
      Object.assign(new Error('The doctor could not run.'), {
        code: 'DOCTOR_SOMETHING_NEW',
        remedy: { commands: ['flynn doctor'], envVars: [] },
      }),
    ];
    const expected = [
      /^error: Tier "fast" uses provider zai, which does not support auth_mode oauth\. Set models\.fast\.auth_mode to api_key or auto\.\n$/,
      /^error: Refusing to store an empty value\. Pass a non-empty value\.\n$/,
      /^error: The doctor could not run\.\nhint: run `flynn doctor`\n$/,
    ];
    for (const [index, error] of errors.entries()) {
      const { io, out } = fakeIO();
      expect(await handleError(error, io, '1.2.3')).toBe(1);
      const { stdout, stderr } = await out();
      expect(stdout).toBe('');
      expect(stderr).toMatch(expected[index] as RegExp);
      expect(stderr).not.toContain('internal error');
    }
  });

  it('still reports an unknown error as an internal error with the version', async () => {
    const { io, out } = fakeIO();
    const bug = Object.assign(new Error('x is undefined'), { code: 'ERR_SOMETHING' });
    expect(await handleError(bug, io, '1.2.3')).toBe(1);
    const { stderr } = await out();
    expect(stderr).toContain('internal error: flynn 1.2.3 hit an unexpected problem.');
    expect(stderr).not.toContain('x is undefined');
  });
});
