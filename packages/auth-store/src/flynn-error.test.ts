import { describe, expect, it } from 'vitest';
import { AuthStoreError } from './auth-store-error.js';
import { isFlynnError } from './flynn-error.js';

describe('isFlynnError', () => {
  const storeError = new AuthStoreError('AUTH_STORE_IO', {
    path: '/p',
    problem: 'x.',
    remedy: 'y.',
  });

  it('matches by code', () => {
    expect(isFlynnError(storeError, 'AUTH_STORE_IO')).toBe(true);
    expect(isFlynnError(storeError, 'AUTH_STORE_CORRUPT')).toBe(false);
  });

  it('matches errors from another copy of the package (same code, no shared class)', () => {
    const copy = Object.assign(new Error('from another copy'), { code: 'CREDENTIAL_MISSING' });
    expect(copy instanceof AuthStoreError).toBe(false);
    expect(isFlynnError(copy, 'CREDENTIAL_MISSING')).toBe(true);
    expect(isFlynnError(copy)).toBe(true);
    const branded = Object.assign(new Error('x'), {
      code: 'SOMETHING',
      [Symbol.for('flynn.error')]: true,
    });
    expect(isFlynnError(branded)).toBe(true);
  });

  it('rejects Node errors and non-errors when no code is given', () => {
    expect(isFlynnError(storeError)).toBe(true);
    expect(isFlynnError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isFlynnError(Object.assign(new Error('x'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(
      false,
    );
    for (const value of [undefined, null, 'AUTH_STORE_IO', 42, {}])
      expect(isFlynnError(value)).toBe(false);
  });
});
