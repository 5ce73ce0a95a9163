import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, openSse, sendJson, startLoopbackServer } from './loopback-server.js';
import { parseSse } from './parse-sse.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startLoopbackServer', () => {
  it('listens on 127.0.0.1 and records method, path with query, headers, body and json', async () => {
    server = await startLoopbackServer((request, response) =>
      sendJson(response, 201, { pathname: request.pathname, limit: request.query.get('limit') }),
    );
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/v1/things?limit=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ pathname: '/v1/things', limit: '2' });
    await fetch(`${server.url}/form`, { method: 'POST', body: new URLSearchParams({ b: '2' }) });
    const [first, second] = server.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/things?limit=2', body: '{"a":1}' });
    expect(first?.json).toEqual({ a: 1 });
    expect(first?.headers['x-custom']).toBe('yes');
    expect(second).toMatchObject({ body: 'b=2', json: undefined });
  });

  it('turns a handler exception into a 500 JSON answer', async () => {
    server = await startLoopbackServer(() => {
      throw new Error('boom');
    });
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('boom');
  });

  it('close() ends promptly with an idle keep-alive socket and an unfinished stream', async () => {
    server = await startLoopbackServer((request, response) => {
      if (request.pathname === '/stream') {
        openSse(response);
        return;
      }
      sendJson(response, 200, {});
    });
    await (await fetch(server.url)).text(); // leaves a keep-alive socket in the pool
    const stream = await fetch(`${server.url}/stream`);
    const reading = stream.text().catch((error: unknown) => error);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await reading).toBeInstanceOf(Error);
    await server.close(); // idempotent
  });
});

describe('openSse', () => {
  it('frames events with event/data lines, splits multi-line data and delays between events', async () => {
    server = await startLoopbackServer(async (_request, response) => {
      const sse = openSse(response, { delayMs: 40 });
      await sse.send({ n: 1 }, 'first');
      await sse.send('line one\nline two');
      await sse.send('[DONE]');
      sse.end();
    });
    const started = Date.now();
    const response = await fetch(server.url);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const body = await response.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
    expect(body).toBe(
      'event: first\ndata: {"n":1}\n\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n',
    );
    expect(parseSse(body)).toEqual([
      { event: 'first', data: '{"n":1}' },
      { data: 'line one\nline two' },
      { data: '[DONE]' },
    ]);
  });

  it('stops writing once the client disconnects', async () => {
    let resolveOutcome: (value: { sent: number; closed: boolean }) => void = () => {};
    const outcome = new Promise<{ sent: number; closed: boolean }>((resolve) => {
      resolveOutcome = resolve;
    });
    server = await startLoopbackServer(async (_request, response) => {
      const sse = openSse(response, { delayMs: 20 });
      let sent = 0;
      while (await sse.send({ sent })) sent += 1;
      resolveOutcome({ sent, closed: sse.closed });
    });
    const url = server.url;
    await new Promise<void>((resolve) => {
      const request = httpRequest(url, (response) => {
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.end();
    });
    const result = await outcome;
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(10);
  });
});
