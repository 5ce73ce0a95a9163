#!/usr/bin/env node
// Stream throughput of Flynn's ChatGPT Codex backend client (its own SSE parser) against
// the `openai` SDK's own Responses stream, over the same bytes: one long pre-rendered
// Responses event stream (response.created, many response.output_text.delta events,
// response.completed) served from loopback, consumed to the end by each, interleaved.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interleave, median, ROOT, report } from './lib.mjs';

const EVENTS = Number(process.env.EVENTS ?? 20_000);
const runs = Number(process.env.RUNS ?? 12);
const models = await import(join(ROOT, 'packages/models/dist/index.js'));
const { default: OpenAI } = await import(
  createRequire(join(ROOT, 'packages/models/package.json')).resolve('openai')
);

function renderBody() {
  const frame = (payload) => `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;
  const response = {
    id: 'resp_bench',
    object: 'response',
    status: 'in_progress',
    model: 'gpt-5',
    output: [],
  };
  const parts = [frame({ type: 'response.created', sequence_number: 0, response })];
  for (let index = 0; index < EVENTS; index++) {
    parts.push(
      frame({
        type: 'response.output_text.delta',
        sequence_number: index + 1,
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        delta: `tok${index % 10} `,
      }),
    );
  }
  parts.push(
    frame({
      type: 'response.completed',
      sequence_number: EVENTS + 1,
      response: {
        ...response,
        status: 'completed',
        usage: { input_tokens: 3, output_tokens: EVENTS, total_tokens: EVENTS + 3 },
      },
    }),
  );
  return Buffer.from(parts.join(''));
}

const body = renderBody();
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(body);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const dir = mkdtempSync(join(tmpdir(), 'flynn-bench-'));
const storePath = join(dir, 'auth.json');
writeFileSync(
  storePath,
  JSON.stringify({
    version: 1,
    openai: {
      oauth: {
        access_token: 'bench-access-token',
        refresh_token: 'bench-refresh-token',
        account_id: 'acct_bench',
        expires_at: Date.now() + 3_600_000,
      },
    },
  }),
  { mode: 0o600 },
);
const codex = models.createCodexClient({
  model: 'gpt-5',
  settings: { issuer: origin, clientId: 'bench', backendUrl: `${origin}/backend-api/codex` },
  storePath,
  env: {},
});
const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: `${origin}/v1`, maxRetries: 0 });

async function timeFlynn() {
  const started = performance.now();
  let text = 0;
  for await (const event of codex.stream({ messages: [{ role: 'user', content: 'hi' }] })) {
    if (event.type === 'text') text += event.text.length;
  }
  if (text === 0) throw new Error('no text from the Codex client');
  return performance.now() - started;
}

async function timeSdk() {
  const started = performance.now();
  let text = 0;
  const stream = await sdk.responses.create({ model: 'gpt-5', input: 'hi', stream: true });
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') text += event.delta.length;
  }
  if (text === 0) throw new Error('no text from the SDK');
  return performance.now() - started;
}

try {
  const samples = await interleave({ sdk: timeSdk, flynn: timeFlynn }, { runs });
  const sdkMs = median(samples.sdk);
  const flynnMs = median(samples.flynn);
  console.log(
    `Codex SSE throughput (${EVENTS} delta events, ${(body.length / 1e6).toFixed(1)} MB, ${runs} interleaved runs)`,
  );
  report({
    name: 'openai SDK Responses stream',
    value: EVENTS / (sdkMs / 1000),
    unit: ' events/s',
    detail: `(median ${sdkMs.toFixed(0)} ms)`,
  });
  report({
    name: 'Flynn Codex client',
    value: EVENTS / (flynnMs / 1000),
    unit: ' events/s',
    detail: `(median ${flynnMs.toFixed(0)} ms)`,
  });
  report({
    name: 'Flynn Codex client time / SDK time',
    value: flynnMs / sdkMs,
    unit: 'x',
    budget: 1.1,
  });
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
