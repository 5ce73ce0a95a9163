// The baseline for ask-ttfb.mjs: the smallest script that streams one answer with the
// `openai` SDK, the same SDK and endpoint `flynn ask` uses for an OpenAI API-key tier.
// Usage: node plain-sdk-ask.mjs BASE_URL PROMPT
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const { default: OpenAI } = await import(
  createRequire(join(ROOT, 'packages/models/package.json')).resolve('openai')
);
const [baseURL, prompt] = process.argv.slice(2);
const client = new OpenAI({ apiKey: process.env.BENCH_KEY, baseURL, maxRetries: 0 });
const stream = await client.chat.completions.create({
  model: 'gpt-5-mini',
  messages: [{ role: 'user', content: prompt }],
  stream: true,
});
for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
process.stdout.write('\n');
