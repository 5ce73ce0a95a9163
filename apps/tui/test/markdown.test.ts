// Answers rendered as Markdown on a pty (issue 16): what a user sees once the answer has
// streamed, read off a terminal emulator (PtyScreen.view: partial lines are redrawn, so the
// raw output also holds what was replaced), the rule between turns, and NO_COLOR's output.
import { type OpenAIApiServer, startOpenAIApiServer } from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type HeldChatServer, startHeldChatServer } from './held-chat-server.js';
import { configYaml, createTuiFixture, promptFor, type TuiFixture } from './tui-fixture.js';

const OPENAI_KEY = 'sk-proj-Markdown4Key8For2Tests';
const COLUMNS = 120;
const RULE = '─'.repeat(COLUMNS);
const ANSWER = [
  '## Steps',
  '',
  'Use **pnpm** and `pnpm build`:',
  '',
  '- install',
  '  - then *build*',
  '1. first',
  '',
  '```ts',
  'const twice = (n: number) => n ** 2; // **kept**',
  '    indented   spaces',
  '```',
  'Done.',
].join('\n');

const LONG_LINE = 'This **bold** sentence wraps. '.repeat(5).trim();

let openai: OpenAIApiServer;
let wrapping: OpenAIApiServer;
let refusing: OpenAIApiServer;
let held: HeldChatServer;
let fixture: TuiFixture;

beforeAll(async () => {
  [openai, wrapping, refusing, held] = await Promise.all([
    // Three characters a delta: markup arrives split, as it does from a model.
    startOpenAIApiServer({ apiKeys: [OPENAI_KEY], text: ANSWER, chunkSize: 3 }),
    startOpenAIApiServer({
      apiKeys: [OPENAI_KEY],
      text: `Start.\n${LONG_LINE}\nEnd.`,
      chunkSize: 4,
    }),
    // Knows another key: the tier's key gets a 401.
    startOpenAIApiServer({ apiKeys: ['sk-proj-SomeOther9Key1x'] }),
    startHeldChatServer({
      apiKey: OPENAI_KEY,
      before: ['Here:\n```js\nlet a = 1;\nlet b'],
      after: ['never shown'],
    }),
  ]);
});
afterAll(() => Promise.all([openai, wrapping, refusing, held].map((server) => server.close())));
/** The fixture's env turns NO_COLOR on; an empty value is NO_COLOR unset. */
const COLOR = { OPENAI_API_KEY: OPENAI_KEY, NO_COLOR: '' };
afterEach(() => fixture?.cleanup());

function config() {
  return configYaml({
    default: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL },
    complex: { provider: 'openai', model: 'gpt-held', base_url: held.baseURL },
    local: { provider: 'openai', model: 'gpt-refused', base_url: refusing.baseURL },
    fast: { provider: 'openai', model: 'gpt-wrap', base_url: wrapping.baseURL },
  });
}

describe('Markdown answers', () => {
  test('a streamed answer appears rendered, code kept verbatim in a frame, a rule between turns', async () => {
    fixture = createTuiFixture(config(), COLOR);
    const screen = fixture.start();
    const prompt = promptFor('default', 'gpt-test');
    await screen.waitFor(prompt);
    const mark = screen.mark();
    screen.type('show me');
    await screen.waitFor(prompt, { since: mark });
    const { rows } = await screen.view();
    const start = rows.indexOf('Steps');
    expect(start, rows.join('\n')).toBeGreaterThan(0);
    const frameTop = rows[start + 8] ?? '';
    expect(rows.slice(start, start + 13)).toEqual([
      'Steps',
      '',
      'Use pnpm and pnpm build:',
      '',
      '• install',
      '  ◦ then build',
      '1. first',
      '',
      frameTop,
      '│ const twice = (n: number) => n ** 2; // **kept**',
      '│     indented   spaces',
      `╰${'─'.repeat(59)}`,
      'Done.',
    ]);
    expect(frameTop).toBe(`╭─ ts ${'─'.repeat(54)}`);
    // Outside the code block no Markdown markup is left on the screen.
    for (const row of rows.filter((row) => !row.startsWith('│ '))) {
      expect(row).not.toMatch(/\*\*|`|^#/);
    }
    // A blank line and the rule end the turn, then the prompt.
    expect(rows.slice(start + 13, start + 15)).toEqual(['', RULE]);
    expect(rows[start + 15]).toContain(prompt.trimEnd());
    expect(screen.raw.slice(mark)).toContain('\u001b[1mpnpm\u001b[22m');

    const second = screen.mark();
    screen.type('again');
    await screen.waitFor(prompt, { since: second });
    expect(screen.text.split(RULE)).toHaveLength(3);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('with NO_COLOR the answer is the Markdown as sent and the rule is plain: no escape sequence', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY, NO_COLOR: '1' });
    const screen = fixture.start();
    const prompt = promptFor('default', 'gpt-test');
    await screen.waitFor(prompt);
    const mark = screen.mark();
    screen.type('show me');
    await screen.waitFor(prompt, { since: mark });
    const raw = screen.raw.slice(mark);
    const answer = raw.slice(raw.indexOf('## Steps'), raw.indexOf(RULE) + RULE.length);
    expect(answer).toBe(`${ANSWER.replace(/\n/g, '\r\n')}\r\n\r\n${RULE}`);
    expect(answer).not.toContain('\u001b');
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a line that wraps over several rows is redrawn in place once complete, at 40 columns', async () => {
    fixture = createTuiFixture(config(), COLOR);
    const screen = fixture.start(['--tier', 'fast']);
    const prompt = promptFor('fast', 'gpt-wrap');
    await screen.waitFor(prompt);
    screen.resize(40, 30);
    const mark = screen.mark();
    screen.type('go');
    // The resize redraws the prompt too: wait for the answer's end and the prompt after it.
    await screen.waitFor(/End\.[\s\S]*fast \(gpt-wrap\) › /, { since: mark });
    const { rows } = await screen.view();
    const start = rows.indexOf('Start.');
    const end = rows.indexOf('End.');
    expect(start, rows.join('\n')).toBeGreaterThan(0);
    // The rendered line (markers gone) fills the rows between, with nothing left of the raw one.
    const shown = LONG_LINE.replaceAll('**', '');
    expect(end - start - 1).toBe(Math.ceil(shown.length / 40));
    expect(rows.slice(start + 1, end).join('')).toBe(shown);
    expect(rows.join('\n')).not.toContain('**');
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a cancelled answer closes its open code frame; a cancel and an error each end with the rule', async () => {
    fixture = createTuiFixture(config(), COLOR);
    const screen = fixture.start(['--tier', 'complex']);
    const prompt = promptFor('complex', 'gpt-held');
    await screen.waitFor(prompt);
    let mark = screen.mark();
    screen.type('code please');
    await screen.waitFor('let b', { since: mark });
    screen.write('\u001b');
    await screen.waitFor(prompt, { since: mark });
    let { rows } = await screen.view();
    let start = rows.indexOf('Here:');
    expect(rows.slice(start, start + 8), rows.join('\n')).toEqual([
      'Here:',
      `╭─ js ${'─'.repeat(54)}`,
      '│ let a = 1;',
      '│ let b',
      `╰${'─'.repeat(59)}`,
      '(cancelled)',
      '',
      RULE,
    ]);
    expect(rows[start + 8]).toContain(prompt.trimEnd());

    // A refused key: the error, then the same end of turn.
    mark = screen.mark();
    screen.type('/model local');
    await screen.waitFor(promptFor('local', 'gpt-refused'), { since: mark });
    mark = screen.mark();
    screen.type('hello');
    await screen.waitFor(promptFor('local', 'gpt-refused'), { since: mark });
    ({ rows } = await screen.view());
    start = rows.findIndex((row) => row.startsWith('error:'));
    expect(start, rows.join('\n')).toBeGreaterThan(0);
    const end = rows.indexOf(RULE, start);
    expect(end).toBeGreaterThan(start);
    expect(rows[end - 1]).toBe('');
    expect(rows[end + 1]).toContain(promptFor('local', 'gpt-refused').trimEnd());
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});
