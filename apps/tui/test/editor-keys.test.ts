// Keys of the chat's line editor that editor.test.ts does not drive: word jumps with the
// modifiers terminals send (Ctrl/Alt+Left/Right, Alt+f), and Ctrl-Z: the chat stops like any
// terminal program (the shell gets a sane terminal back: echo and canonical mode on, bracketed
// paste off) and `fg` resumes it in raw mode with the prompt and what was typed redrawn.
import { type OpenAIApiServer, startOpenAIApiServer } from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  configYaml,
  createTuiFixture,
  promptFor,
  saneTerminal,
  TUI_BIN,
  type TuiFixture,
} from './tui-fixture.js';

const OPENAI_KEY = 'sk-proj-Suspend4Key7For2Tests';

let openai: OpenAIApiServer;
let fixture: TuiFixture;

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [OPENAI_KEY], text: 'Back again.' });
});
afterAll(() => openai.close());
afterEach(() => fixture?.cleanup());

function config() {
  return configYaml({
    default: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL },
  });
}

test('Ctrl+Left/Right, Alt+Left/Right and Alt+b/f jump by words in the line that is sent', async () => {
  fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
  const screen = fixture.start();
  await screen.waitFor(promptFor('default', 'gpt-test'));
  const from = openai.requests.length;
  const mark = screen.mark();
  // "one two three": Ctrl+Left twice lands before "two", "X" typed; Alt+Left (xterm's CSI 1;3D)
  // lands before "Xtwo", "Y" typed; Ctrl+Right jumps past "YXtwo", "Z" typed; Alt+Right
  // (CSI 1;3C) past "three", "!" typed; Alt+b back before "three!", "W"; Alt+f to the end of "three" (before "!"), "?".
  screen.write(
    'one two three\u001b[1;5D\u001b[1;5DX\u001b[1;3DY\u001b[1;5CZ\u001b[1;3C!\u001bbW\u001bf?\r',
  );
  await screen.waitFor('Back again.', { since: mark });
  const request = openai.requests[from]?.json as { messages: { content: string }[] };
  expect(request.messages.at(-1)?.content).toBe('one YXtwoZ Wthree?!');
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});

test('lines arriving in one burst without paste marks are each sent in turn, none dropped', async () => {
  fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
  const screen = fixture.start();
  await screen.waitFor(promptFor('default', 'gpt-test'));
  const from = openai.requests.length;
  const mark = screen.mark();
  // A terminal without bracketed paste delivers a pasted block as typed lines, Enter and all.
  screen.write('first line\rsecond line\rthird line\r');
  await screen.waitFor(/Back again\.[\s\S]*Back again\.[\s\S]*Back again\./, { since: mark });
  const sent = openai.requests
    .slice(from)
    .map(
      (request) => (request.json as { messages: { content: string }[] }).messages.at(-1)?.content,
    );
  expect(sent).toEqual(['first line', 'second line', 'third line']);
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});

test('Ctrl-Z suspends with the terminal restored; fg brings back the prompt and the draft', async () => {
  fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
  // A job-control shell, as a user's: it takes the terminal back when the chat stops.
  const script = [
    'set -m',
    `node ${JSON.stringify(TUI_BIN)}`,
    'stty -a',
    'echo stopped-done',
    'fg >/dev/null',
    'echo "exit=$?"',
    'stty -a',
    'echo fg-done',
  ].join('\n');
  const screen = fixture.start(['-c', script], {}, '/bin/bash');
  await screen.waitFor(promptFor('default', 'gpt-test'));
  screen.write('a draft');
  await screen.waitFor('a draft');

  let mark = screen.mark();
  screen.write('\u001a');
  const stopped = await screen.waitFor('stopped-done', { since: mark });
  expect(saneTerminal(stopped.slice(0, stopped.indexOf('stopped-done')))).toBe(true);
  expect(screen.raw.slice(mark)).toContain('\u001b[?2004l');

  // fg (the shell runs it right after, so its output may already be here): raw mode and
  // bracketed paste again, the prompt redrawn with the draft.
  const prompt = promptFor('default', 'gpt-test');
  await screen.waitFor(`stopped-done\n${prompt}a draft`, { since: mark });
  mark = screen.raw.indexOf('stopped-done', mark);
  expect(screen.raw.slice(mark)).toContain('\u001b[?2004h');
  const from = openai.requests.length;
  screen.write(' kept\r');
  await screen.waitFor('Back again.', { since: mark });
  const request = openai.requests[from]?.json as { messages: { content: string }[] };
  expect(request.messages.at(-1)?.content).toBe('a draft kept');

  screen.type('/exit');
  const after = await screen.waitFor('fg-done', { since: mark });
  expect(after).toContain('exit=0');
  expect(saneTerminal(after)).toBe(true);
});
