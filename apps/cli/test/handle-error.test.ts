import { PassThrough } from 'node:stream';
import { AuthModeUnsupportedError, AuthStoreError } from '@flynn/auth-store';
import { FLYNN_ERROR_CODES, FlynnError } from '@flynn/core';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODE_OF } from '../src/exit-codes.js';
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
  it('reports Flynn errors with their remedy rendered for the CLI, exit 1', async () => {
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
      new FlynnError('CREDENTIAL_MISSING', 'No Gemini API key.', {
        remedy: [
          { kind: 'login', provider: 'gemini', credential: 'api_key' },
          { kind: 'env', vars: ['GEMINI_API_KEY'] },
        ],
      }),
    ];
    const expected = [
      /^error: Tier "fast" uses provider zai, which does not support auth_mode oauth\.\nhint: Set auth_mode to api_key or auto \(models\.fast\.auth_mode\)\.\n$/,
      /^error: Refusing to store an empty value\.\nhint: Pass a non-empty value\.\n$/,
      /^error: No Gemini API key\.\nhint: Run `flynn login gemini` or set GEMINI_API_KEY\.\n$/,
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

  it('maps every error code to an exit code, usage to 2', async () => {
    expect(Object.keys(EXIT_CODE_OF).sort()).toEqual([...FLYNN_ERROR_CODES].sort());
    const { io } = fakeIO();
    expect(await handleError(new FlynnError('USAGE', 'bad flag'), io, '1.2.3')).toBe(EXIT.usage);
  });

  it('reports an unknown or unbranded error as an internal error with the version, exit 70', async () => {
    for (const bug of [
      Object.assign(new Error('x is undefined'), { code: 'ERR_SOMETHING' }),
      Object.assign(new Error('x is undefined'), { code: 'CREDENTIAL_MISSING' }),
    ]) {
      const { io, out } = fakeIO();
      expect(await handleError(bug, io, '1.2.3')).toBe(EXIT.internal);
      const { stderr } = await out();
      expect(stderr).toContain('internal error: flynn 1.2.3 hit an unexpected problem.');
      expect(stderr).not.toContain('x is undefined');
    }
  });
});
