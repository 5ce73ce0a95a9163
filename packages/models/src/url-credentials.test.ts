// A base URL with `user:password@` makes undici refuse the request with a message that
// quotes the URL in full. Config rejects such URLs; this is the second line of defence:
// no error built from provider or network text carries user info.
import { inspect } from 'node:util';
import {
  type LoopbackServer,
  startAnthropicServer,
  startOpenAIApiServer,
  startOpenAIAuthServer,
} from '@flynn/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { collectEvents, rejectionOf } from '../test/collect-events.js';
import { createAnthropicClient } from './create-anthropic-client.js';
import { createOpenAIClient } from './create-openai-client.js';
import type { ModelError } from './model-error.js';
import { loginWithDeviceCode } from './openai-oauth/login-with-device-code.js';
import { networkError } from './openai-oauth/oauth-http.js';
import { withoutURLCredentials } from './provider-info.js';
import { toModelError } from './to-model-error.js';

const PASSWORD = 'HUNTER2hunter2';
const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

/** Everything a caller could print of an error. */
function printable(error: ModelError): string {
  return `${error.message} ${JSON.stringify(error.remedy ?? '')} ${JSON.stringify(error)} ${inspect(error, { depth: 8 })}`;
}

function withUserinfo(url: string): string {
  return url.replace('://', `://user:${PASSWORD}@`);
}

describe('a URL with user info never reaches an error', () => {
  it('openai SDK path: stream and probe', async () => {
    const server = await startOpenAIApiServer({});
    servers.push(server);
    const client = createOpenAIClient({
      model: 'm',
      apiKey: 'sk-proj-key-for-url-test-0001',
      baseURL: withUserinfo(server.baseURL),
      maxRetries: 0,
    });
    for (const attempt of [() => collectEvents(client.stream(ask)), () => client.probe()]) {
      const error = (await rejectionOf(attempt())) as ModelError;
      expect(error.code).toBe('MODEL_NETWORK');
      expect(printable(error)).not.toContain(PASSWORD);
      expect(error.message).toContain(server.baseURL.replace(/\/$/, ''));
    }
    expect(server.requests).toHaveLength(0);
  });

  it('anthropic SDK path: stream and probe', async () => {
    const server = await startAnthropicServer({});
    servers.push(server);
    const client = createAnthropicClient({
      model: 'm',
      apiKey: 'sk-ant-api03-key-for-url-test-0001',
      baseURL: withUserinfo(server.baseURL),
      maxRetries: 0,
    });
    for (const attempt of [() => collectEvents(client.stream(ask)), () => client.probe()]) {
      const error = (await rejectionOf(attempt())) as ModelError;
      expect(error.code).toBe('MODEL_NETWORK');
      expect(printable(error)).not.toContain(PASSWORD);
    }
  });

  it('OAuth path: the device login against an issuer with user info', async () => {
    const auth = await startOpenAIAuthServer();
    servers.push(auth);
    const error = (await rejectionOf(
      loginWithDeviceCode({
        settings: {
          issuer: withUserinfo(auth.issuer),
          clientId: 'app_test',
          backendUrl: 'http://127.0.0.1:9',
        },
        storePath: '/nonexistent/auth.json',
        env: {},
        onCode: () => {},
      }),
    )) as ModelError;
    expect(error.code).toBe('MODEL_NETWORK');
    expect(printable(error)).not.toContain(PASSWORD);
  });

  it('toModelError rewrites URLs in a provider message and in a root cause', () => {
    const context = {
      provider: 'openai' as const,
      tier: 'fast',
      baseURL: `http://user:${PASSWORD}@127.0.0.1:18001/v1`,
      secrets: [],
    };
    const status = toModelError(
      Object.assign(new Error('x'), {
        status: 400,
        error: { error: { message: `bad url http://u:${PASSWORD}@h.example/v1?key=q1` } },
      }),
      context,
    ) as ModelError;
    expect(status.message).toBe(
      'OpenAI answered HTTP 400 (tier "fast"): bad url http://h.example/v1',
    );

    class APIConnectionError extends Error {}
    const cause = new TypeError(
      `Request cannot be constructed from a URL that includes credentials: http://user:${PASSWORD}@127.0.0.1:18001/v1/chat/completions`,
    );
    const network = toModelError(
      new APIConnectionError('Connection error.', { cause }),
      context,
    ) as ModelError;
    expect(network.code).toBe('MODEL_NETWORK');
    expect(network.message).toBe(
      'Cannot reach OpenAI at http://127.0.0.1:18001/v1 (tier "fast"): Request cannot be constructed from a URL that includes credentials: http://127.0.0.1:18001/v1/chat/completions.',
    );
    expect(printable(network)).not.toContain(PASSWORD);
  });

  it('networkError keeps out a cause that quotes a URL with user info', () => {
    const url = `https://user:${PASSWORD}@auth.example/oauth/token`;
    const error = networkError(
      new TypeError(`Request cannot be constructed from a URL that includes credentials: ${url}`),
      url,
      undefined,
      'OAUTH_ABORTED',
    );
    expect(error.message).toBe('Could not reach auth.example.');
    expect(printable(error)).not.toContain(PASSWORD);
  });
});

describe('withoutURLCredentials', () => {
  it('drops user info and query from every URL, keeping the text around them', () => {
    expect(
      withoutURLCredentials(
        `see http://a:b@h:1/v1/, "https://tok@x.example/p?k=v" and ftp://u:p@f.`,
      ),
    ).toBe('see http://h:1/v1, "https://x.example/p" and ftp://f.');
    expect(withoutURLCredentials('no url here: user:pw@host')).toBe('no url here: user:pw@host');
  });
});
