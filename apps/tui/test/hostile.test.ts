// Hostile text on the TUI's screen (issue 11): a server error and a model name full of
// escape sequences are shown escaped; the OSC title/clipboard sequences and BEL never reach
// the terminal raw.
import { HOSTILE_TEXT, type HostileServer, startHostileServer } from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { configYaml, createTuiFixture, type TuiFixture } from './tui-fixture.js';

let server: HostileServer;
let fixture: TuiFixture | undefined;
beforeAll(async () => {
  server = await startHostileServer({ fallback: 'escapes' });
});
afterAll(() => server.close());
afterEach(() => fixture?.cleanup());

test('a hostile server error and model name are shown escaped, never obeyed', async () => {
  expect(HOSTILE_TEXT).toContain('\u001b]0;');
  fixture = createTuiFixture(
    configYaml({
      default: {
        provider: 'openai',
        model: 'gpt\u001b]0;model-title\u0007',
        base_url: server.baseURL,
      },
    }),
  );
  const screen = fixture.start([], { OPENAI_API_KEY: 'sk-proj-hostile-tui-0123456789abcdef' });
  await screen.waitFor('› ');
  const mark = screen.mark();
  screen.type('hello');
  await screen.waitFor('pwned-title', { since: mark });
  screen.type('/exit');
  await screen.exit();
  const raw = screen.raw;
  expect(raw).not.toContain('\u001b]0;pwned-title');
  expect(raw).not.toContain('\u001b]52;');
  expect(raw).not.toContain('\u001b]0;model-title');
  expect(raw).not.toContain('\u0007');
  expect(raw).toContain('\\x1b]0;pwned-title\\x07');
});
