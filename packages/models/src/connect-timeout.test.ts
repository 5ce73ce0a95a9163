// The connect limit against a loopback address whose TCP handshake never completes (a
// stopped listener with a full accept queue), and against a server that connects at once
// but sends its answer late: only the first is a connect wait.
import { createServer } from 'node:http';
import { startUnconnectableServer } from '@flynn/testkit';
import { describe, expect, it } from 'vitest';
import { withConnectTimeout } from './connect-timeout.js';
import { createOpenAIClient } from './create-openai-client.js';

describe('withConnectTimeout', () => {
  it('gives up on a handshake that never completes, naming the host', async () => {
    const server = await startUnconnectableServer();
    try {
      const guarded = withConnectTimeout(fetch, 800);
      const started = Date.now();
      const error = await guarded(`${server.url}/v1/models`).catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toMatchObject({
        code: 'MODEL_NETWORK',
        message: `no connection to ${server.host} within 0.8 s`,
      });
    } finally {
      await server.close();
    }
  });

  it('does not count a slow first byte: a connected request may wait longer than the limit', async () => {
    const server = createServer((_request, response) => {
      setTimeout(() => response.end('late'), 1_500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const guarded = withConnectTimeout(fetch, 300);
      const response = await guarded(`http://127.0.0.1:${port}/`);
      expect(await response.text()).toBe('late');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a cancel by the caller still cancels (an AbortError, not a connect error)', async () => {
    const server = await startUnconnectableServer();
    try {
      const controller = new AbortController();
      const pending = withConnectTimeout(fetch, 5_000)(`${server.url}/`, {
        signal: controller.signal,
      });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await server.close();
    }
  });

  it('through the SDK client: a MODEL_NETWORK error naming the host and the connect wait', async () => {
    const server = await startUnconnectableServer();
    try {
      const client = createOpenAIClient({
        apiKey: 'sk-proj-connect-test-0000',
        model: 'gpt-4.1-mini',
        baseURL: `${server.url}/v1`,
        maxRetries: 0,
      });
      const started = Date.now();
      const error = await client.probe().catch((caught: unknown) => caught);
      // The real limit (10 s): the guard sits in every SDK client's fetch.
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(error).toMatchObject({ code: 'MODEL_NETWORK' });
      expect((error as Error).message).toContain(`no connection to ${server.host} within 10 s`);
    } finally {
      await server.close();
    }
  }, 30_000);
});
