// `flynn chat` on a terminal: the CLI reads the config once (to refuse misspelled keys) and
// hands it to the TUI, whose first prompt then shows tier and model at once; a config warning
// comes before the prompt, and a message reaches the tier's server with its stored key.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  type OpenAIApiServer,
  PtyScreen,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { FLYNN_BIN } from './run-flynn.js';

const KEY = 'sk-proj-ChatPty3Key8For5Tests';

let server: OpenAIApiServer;
let home: TempHome;
const screens: PtyScreen[] = [];

beforeAll(async () => {
  server = await startOpenAIApiServer({ apiKeys: [KEY], text: 'Hello from the pty.' });
});
afterAll(() => server.close());
beforeEach(() => {
  home = createTempHome();
});
afterEach(() => {
  for (const screen of screens.splice(0)) screen.kill();
  home.cleanup();
});

function start(config: string): PtyScreen {
  const file = join(home.home, 'config.yaml');
  writeFileSync(file, config);
  const screen = new PtyScreen({
    file: process.execPath,
    args: [FLYNN_BIN, '--config', file, 'chat'],
    env: { ...home.env, OPENAI_API_KEY: KEY, TERM: 'xterm-256color' },
    cols: 100,
    rows: 30,
  });
  screens.push(screen);
  return screen;
}

it('shows the full prompt first (no tier-only prompt), and a message gets its answer', async () => {
  const screen = start(
    `models:\n  default: { provider: openai, model: gpt-pty, base_url: "${server.baseURL}" }\n`,
  );
  await screen.waitFor('default (gpt-pty) › ');
  // The prompt was drawn once, with the model: never `default › ` first.
  expect(screen.text).not.toContain('default › ');
  const from = server.requests.length;
  const mark = screen.mark();
  screen.type('hi there');
  await screen.waitFor('Hello from the pty.', { since: mark });
  const request = server.requests[from]?.json as { messages: { content: string }[] };
  expect(request.messages.at(-1)?.content).toBe('hi there');
  expect(server.requests[from]?.headers.authorization).toBe(`Bearer ${KEY}`);
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});

it('a config warning is shown before the prompt, not over it', async () => {
  const screen = start(
    `models:\n  default: { provider: openai, model: gpt-pty, base_url: "${server.baseURL}", api_key: "{env:OPENAI_API_KEY}" }\n`,
  );
  const shown = await screen.waitFor('default (gpt-pty) › ');
  const warning = shown.indexOf('warning:');
  expect(warning, shown).toBeGreaterThanOrEqual(0);
  expect(warning).toBeLessThan(shown.indexOf('default (gpt-pty) › '));
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});
