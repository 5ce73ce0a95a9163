#!/usr/bin/env node
// Streaming overhead (DESIGN section 11: under 10%): one long chat-completions stream
// from a loopback server, read once by iterating the raw `openai` SDK stream and once
// through Flynn's client (`createOpenAIClient(...).stream()`), alternating, after a
// warm-up. The server sends a pre-rendered body so both sides cost it the same.
// Run `pnpm --filter @flynn/models build` first; then `pnpm --filter @flynn/models bench`.
// Options: CHUNKS (default 20000), RUNS (default 15).
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { createOpenAIClient } from '../dist/index.js';

const CHUNKS = Number(process.env.CHUNKS ?? 20_000);
const RUNS = Number(process.env.RUNS ?? 15);
const WARMUP = 3;
const MODEL = 'bench-model';
const KEY = 'sk-bench-not-a-secret';

function renderBody() {
  const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: MODEL };
  const frame = (payload) => `data: ${JSON.stringify(payload)}\n\n`;
  const parts = [
    frame({
      ...base,
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    }),
  ];
  for (let index = 0; index < CHUNKS; index += 1) {
    parts.push(
      frame({
        ...base,
        choices: [{ index: 0, delta: { content: `tok${index % 10} ` }, finish_reason: null }],
      }),
    );
  }
  parts.push(frame({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  parts.push(
    frame({
      ...base,
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: CHUNKS, total_tokens: CHUNKS + 3 },
    }),
  );
  parts.push('data: [DONE]\n\n');
  return Buffer.from(parts.join(''));
}

const body = renderBody();
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    // 16 KiB writes, as a real server flushes its buffer, rather than one giant write.
    for (let offset = 0; offset < body.length; offset += 16_384) {
      response.write(body.subarray(offset, offset + 16_384));
    }
    response.end();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${server.address().port}/v1`;
const messages = [{ role: 'user', content: 'Count.' }];

const raw = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0, organization: null, project: null });
async function readRaw() {
  let characters = 0;
  const stream = await raw.chat.completions.create({
    model: MODEL,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (text) characters += text.length;
  }
  return characters;
}

const flynn = createOpenAIClient({ model: MODEL, apiKey: KEY, baseURL, maxRetries: 0 });
async function readFlynn() {
  let characters = 0;
  for await (const event of flynn.stream({ messages })) {
    if (event.type === 'text') characters += event.text.length;
  }
  return characters;
}

async function time(read) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const characters = await read();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, characters };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

for (let run = 0; run < WARMUP; run += 1) {
  await readRaw();
  await readFlynn();
}
const rawTimes = [];
const flynnTimes = [];
const rawCpu = [];
const flynnCpu = [];
for (let run = 0; run < RUNS; run += 1) {
  // Alternate which goes first, so neither always benefits from a warmer process.
  const order = run % 2 === 0 ? [readRaw, readFlynn] : [readFlynn, readRaw];
  for (const read of order) {
    const result = await time(read);
    if (result.characters !== CHUNKS * 5)
      throw new Error(`short read: ${result.characters} characters`);
    (read === readRaw ? rawTimes : flynnTimes).push(result.ms);
    (read === readRaw ? rawCpu : flynnCpu).push(result.cpuMs);
  }
}
server.close();

// Other processes on the machine add noise to single runs; the median of each pair's
// ratio (the two runs of a pair are back to back) and the ratio of the fastest runs
// both resist it.
const pairOverheads = rawTimes.map((rawMs, index) => (flynnTimes[index] / rawMs - 1) * 100);
const overhead = median(pairOverheads);
const fastestOverhead = (Math.min(...flynnTimes) / Math.min(...rawTimes) - 1) * 100;
console.log(`stream of ${CHUNKS} chunks, ${RUNS} runs each (after ${WARMUP} warm-up runs)`);
console.log(
  `  raw openai SDK iteration: median ${median(rawTimes).toFixed(1)} ms, fastest ${Math.min(...rawTimes).toFixed(1)} ms`,
);
console.log(
  `  Flynn createOpenAIClient: median ${median(flynnTimes).toFixed(1)} ms, fastest ${Math.min(...flynnTimes).toFixed(1)} ms`,
);
console.log(
  `  overhead: ${overhead.toFixed(1)}% (median of pairs), ${fastestOverhead.toFixed(1)}% (fastest runs); target < 10%`,
);
// CPU time of the process (server included, the same for both) is less sensitive
// to other processes competing for the cores than wall time.
const cpuOverhead = (median(flynnCpu) / median(rawCpu) - 1) * 100;
console.log(
  `  CPU time: raw ${median(rawCpu).toFixed(1)} ms, Flynn ${median(flynnCpu).toFixed(1)} ms, overhead ${cpuOverhead.toFixed(1)}%`,
);
console.log(
  `BENCH_RESULT ${JSON.stringify({ name: 'chat stream: Flynn client overhead over raw SDK iteration', value: overhead, unit: '%', budget: 10, max: true, ok: overhead < 10 })}`,
);
process.exitCode = overhead < 10 ? 0 : 1;
