#!/usr/bin/env node
// `flynn ask` time to first byte: from spawn until the first byte of the answer reaches
// stdout, against a loopback OpenAI-compatible server, next to a plain script that
// streams the same answer with the same SDK (plain-sdk-ask.mjs). Interleaved runs.
// The difference is what Flynn adds: its start-up, config and credential resolution.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { benchHome, FLYNN, interleave, median, ROOT, report } from './lib.mjs';

const runs = Number(process.env.RUNS ?? 20);
const KEY = 'sk-proj-benchOpenAIKey000000000000bnch';

// A chat-completions stream that starts at once and ends after a few chunks.
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.headers.authorization !== `Bearer ${KEY}`) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end('{"error":{"type":"invalid_request_error","code":"invalid_api_key"}}');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta, finish = null) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-5-mini', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    response.write(chunk({ role: 'assistant', content: 'Hello' }));
    response.write(chunk({ content: ' from the bench.' }));
    response.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${server.address().port}/v1`;

/** Milliseconds from spawn to the first stdout byte. */
function timeToFirstByte(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let first;
    let stderr = '';
    child.stdout.once('data', () => {
      first = Number(process.hrtime.bigint() - started) / 1e6;
    });
    child.stdout.resume();
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    child.on('close', (code) => {
      if (code === 0 && first !== undefined) resolve(first);
      else reject(new Error(`node ${args.join(' ')} exited ${code}:\n${stderr}`));
    });
  });
}

const home = benchHome(`  # bench\n`);
try {
  const config = join(home.home, 'ask.yaml');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    config,
    `models:\n  fast: {provider: openai, model: gpt-5-mini, base_url: "${baseURL}"}\n`,
  );
  const env = { ...home.env, OPENAI_API_KEY: KEY, BENCH_KEY: KEY };
  const samples = await interleave(
    {
      plain: () => timeToFirstByte([join(ROOT, 'bench/plain-sdk-ask.mjs'), baseURL, 'hi'], env),
      flynn: () => timeToFirstByte([FLYNN, '--config', config, 'ask', '--tier', 'fast', 'hi'], env),
    },
    { runs },
  );
  const plain = median(samples.plain);
  const flynn = median(samples.flynn);
  console.log(`flynn ask time to first byte (${runs} interleaved runs, loopback server)`);
  report({ name: 'plain openai SDK script, first byte', value: plain, unit: ' ms' });
  report({ name: 'flynn ask, first byte', value: flynn, unit: ' ms' });
  report({ name: 'flynn ask / plain SDK script', value: flynn / plain, unit: 'x' });
} finally {
  home.cleanup();
  server.close();
}
