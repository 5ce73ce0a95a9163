import { describe, expect, it } from 'vitest';
import { ModelError } from '../model-error.js';
import { networkError } from './oauth-http.js';

describe('networkError', () => {
  it('passes a ModelError through, also one from another copy of the package', () => {
    const own = new ModelError('OAUTH_REFRESH_FAILED', 'refresh failed');
    expect(networkError(own, 'https://auth.example', undefined, 'OAUTH_ABORTED')).toBe(own);

    // A duplicate copy's ModelError: same shape and code, a different class.
    const foreign = Object.assign(new Error('refresh failed'), {
      name: 'ModelError',
      code: 'OAUTH_REFRESH_FAILED',
      [Symbol.for('flynn.error')]: true,
    });
    expect(foreign instanceof ModelError).toBe(false);
    expect(networkError(foreign, 'https://auth.example', undefined, 'OAUTH_ABORTED')).toBe(foreign);
  });

  it('wraps anything else as MODEL_NETWORK naming the host', () => {
    const error = networkError(
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      'https://auth.example/oauth/token',
      undefined,
      'OAUTH_ABORTED',
    );
    expect(error).toMatchObject({ code: 'MODEL_NETWORK' });
    expect(error.message).toBe('Could not reach auth.example (ECONNREFUSED).');
  });
});
