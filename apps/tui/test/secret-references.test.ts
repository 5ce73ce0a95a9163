// The chat with a command reference: the session runs the command once for `/model` and every
// message (no ttl_s), the server gets the value, and the screen shows where it came from and
// its fingerprint, never the value.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OpenAIApiServer, startOpenAIApiServer } from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createTuiFixture, promptFor, type TuiFixture } from './tui-fixture.js';

const KEY = 'sk-proj-tui-command-key-0001-wxyz';

let openai: OpenAIApiServer;
let fixture: TuiFixture;

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [KEY], text: 'Answer from the OpenAI server' });
});
afterAll(() => openai?.close());
afterEach(() => fixture?.cleanup());

test('one command run serves /model and every message; the screen never shows the key', async () => {
  fixture = createTuiFixture(
    `models:\n  fast: { provider: openai, model: gpt-test, base_url: "${openai.baseURL}", api_key: { command: [sh, key.sh] } }\n  complex: { provider: openai, model: gpt-other, base_url: "${openai.baseURL}", api_key: { command: [touch, other-ran] } }\n`,
  );
  const dir = join(fixture.home.configDir);
  writeFileSync(join(dir, 'key.sh'), `echo run >> runs.log\necho ${KEY}\n`);
  const screen = fixture.start();
  await screen.waitFor(promptFor('fast', 'gpt-test'));
  let mark = screen.mark();
  screen.type('/model');
  const listing = await screen.waitFor('Enter switch · Esc keep fast', { since: mark });
  screen.write('\u001b');
  await screen.waitFor('Kept fast.', { since: mark });
  expect(listing).toMatch(/API key from models\.fast\.api_key \(command: sh\) \(sk-proj-…wxyz\)/);
  // Another tier's command runs only when that tier is used.
  expect(listing).toMatch(
    /complex +openai +gpt-other +from a command \(command: touch\), run when used/,
  );
  expect(existsSync(join(dir, 'other-ran'))).toBe(false);
  for (const question of ['first', 'second']) {
    mark = screen.mark();
    screen.type(question);
    await screen.waitFor('Answer from the OpenAI server', { since: mark });
  }
  expect(
    openai.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => r.headers.authorization),
  ).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);
  expect(readFileSync(join(dir, 'runs.log'), 'utf8')).toBe('run\n');
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
  expect(screen.text).not.toContain(KEY);
});
