// A message taller than the screen (a long paste): the editor shows a window of it that
// follows the cursor, the screen never fills with stale copies of earlier drawings, and the
// whole message is sent and left in the scrollback. Checked on what a terminal emulator shows.
import { type OpenAIApiServer, startOpenAIApiServer } from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { configYaml, createTuiFixture, promptFor, type TuiFixture } from './tui-fixture.js';

const OPENAI_KEY = 'sk-proj-Tall5Input8Key2Tests';

let openai: OpenAIApiServer;
let fixture: TuiFixture;

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [OPENAI_KEY], text: 'Got all of it.' });
});
afterAll(() => openai.close());
afterEach(() => fixture?.cleanup());

const LINES = Array.from({ length: 30 }, (_, i) => `row ${String(i + 1).padStart(2, '0')}`);

/** How often each of the pasted lines is on the screen. */
function counts(rows: string[]): number[] {
  return LINES.map((line) => rows.filter((row) => row.includes(line)).length);
}

test('a 30-line paste on a 12-row screen: a window that follows the cursor, then all of it sent', async () => {
  fixture = createTuiFixture(
    configYaml({ default: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL } }),
    { OPENAI_API_KEY: OPENAI_KEY },
  );
  const screen = fixture.start();
  await screen.waitFor(promptFor('default', 'gpt-test'));
  screen.resize(60, 12);
  const from = openai.requests.length;
  let mark = screen.mark();
  screen.write(`\u001b[200~${LINES.join('\n')}\u001b[201~`);
  // Drawn at the new size (the resize may be handled after the paste): through the window.
  await screen.waitFor('more lines above', { since: mark });

  // The window ends at the cursor (after "row 30"), under a line counting the rows above.
  let view = await screen.view();
  const top = view.rows.findIndex((row) => row.includes('more lines above'));
  expect(top).toBeGreaterThanOrEqual(0);
  expect(view.rows.slice(top + 1, top + 11)).toEqual(LINES.slice(20).map((line) => `… ${line}`));
  expect(view.rows[top]).toContain('(20 more lines above)');
  expect(view.cursor).toEqual({ row: top + 10, column: '… row 30'.length });
  expect(Math.max(...counts(view.rows))).toBe(1);

  // Left moves through the text: the window follows the cursor to the first line. Every key
  // is handled once the cursor is on the prompt's row, at the start of the text.
  screen.write('\u001b[D'.repeat(LINES.join('\n').length));
  const atStart = (rows: string[], cursor: { row: number; column: number }) =>
    rows[cursor.row]?.startsWith(promptFor('default', 'gpt-test')) &&
    cursor.column === promptFor('default', 'gpt-test').length;
  for (let tries = 0; tries < 250; tries++) {
    view = await screen.view();
    if (atStart(view.rows, view.cursor)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const prompt = view.rows.findIndex((row) => row.startsWith(promptFor('default', 'gpt-test')));
  expect(prompt).toBeGreaterThanOrEqual(0);
  expect(view.rows[prompt]).toBe(`${promptFor('default', 'gpt-test')}row 01`);
  expect(view.cursor).toEqual({ row: prompt, column: promptFor('default', 'gpt-test').length });
  expect(view.rows[prompt + 10]).toContain('(20 more lines below)');
  // No leftover copies of earlier drawings anywhere on the screen.
  expect(Math.max(...counts(view.rows))).toBe(1);

  // Enter sends all 30 lines; the whole message is written out above the answer.
  mark = screen.mark();
  screen.write('\r');
  await screen.waitFor('Got all of it.', { since: mark });
  const request = openai.requests[from]?.json as { messages: { role: string; content: string }[] };
  expect(request.messages.at(-1)).toEqual({ role: 'user', content: LINES.join('\n') });
  const sent = screen.textSince(mark);
  for (const line of LINES) expect(sent).toContain(line);
  expect(sent).not.toContain('more lines');
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});
