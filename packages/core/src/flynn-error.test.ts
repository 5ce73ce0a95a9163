import { describe, expect, it } from 'vitest';
import { FLYNN_ERROR_CODES, FlynnError, isFlynnError } from './flynn-error.js';

describe('FlynnError', () => {
  const error = new FlynnError('AUTH_STORE_IO', 'x.', {
    remedy: [{ kind: 'advice', text: 'y' }],
  });

  it('carries a code, a structured remedy and a cause', () => {
    const cause = new Error('inner');
    const withCause = new FlynnError('MODEL_NETWORK', 'down', { cause });
    expect(withCause.cause).toBe(cause);
    expect(withCause.remedy).toEqual([]);
    expect(error.remedy).toEqual([{ kind: 'advice', text: 'y' }]);
    expect(Object.keys(error)).not.toContain(String(Symbol.for('flynn.error')));
  });

  it('matches by code', () => {
    expect(isFlynnError(error, 'AUTH_STORE_IO')).toBe(true);
    expect(isFlynnError(error, 'AUTH_STORE_CORRUPT')).toBe(false);
    expect(FlynnError.isInstance(error)).toBe(true);
  });

  it('recognises an error of another copy of a package by the registered brand', () => {
    class CopyError extends Error {
      readonly code = 'CREDENTIAL_MISSING';
      get [Symbol.for('flynn.error')]() {
        return true;
      }
    }
    const copy = new CopyError('from another copy');
    expect(copy instanceof FlynnError).toBe(false);
    expect(isFlynnError(copy, 'CREDENTIAL_MISSING')).toBe(true);
    expect(isFlynnError(copy)).toBe(true);
  });

  it('rejects unbranded errors, unknown codes and non-errors', () => {
    expect(isFlynnError(Object.assign(new Error('x'), { code: 'CREDENTIAL_MISSING' }))).toBe(false);
    const unknown = Object.assign(new Error('x'), {
      code: 'SOMETHING',
      [Symbol.for('flynn.error')]: true,
    });
    expect(isFlynnError(unknown)).toBe(false);
    expect(isFlynnError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    for (const value of [undefined, null, 'AUTH_STORE_IO', 42, {}])
      expect(isFlynnError(value)).toBe(false);
  });

  it('has each code once', () => {
    expect(new Set(FLYNN_ERROR_CODES).size).toBe(FLYNN_ERROR_CODES.length);
  });
});
