// A separate Flynn process for the cross-process refresh test: it loads the BUILT package,
// says "ready", waits for "go" on stdin (so all workers start at once), streams one answer
// through the Codex client and prints one JSON line with the outcome.
import { once } from 'node:events';
import { createCodexClient } from '../dist/index.js';

const { storePath, issuer, clientId, backendUrl } = JSON.parse(process.argv[2] ?? '{}');
process.stdin.setEncoding('utf8');
process.stdout.write('ready\n');
await once(process.stdin, 'data');

const client = createCodexClient({
  model: 'gpt-5',
  settings: { issuer, clientId, backendUrl },
  storePath,
  env: {},
});
try {
  let text = '';
  for await (const event of client.stream({ messages: [{ role: 'user', content: 'hello' }] })) {
    if (event.type === 'text') text += event.text;
  }
  process.stdout.write(`${JSON.stringify({ ok: true, pid: process.pid, text })}\n`);
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ ok: false, pid: process.pid, code: error?.code, message: String(error) })}\n`,
  );
}
process.stdin.destroy();
