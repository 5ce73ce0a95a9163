// The `/model` picker on a pty: arrow keys and Enter switch (checked at the loopback server
// the next message reaches), Esc keeps the tier, the list fits the width and survives a
// resize, and the terminal is restored whichever way the chat ends.
import {
  type OpenAIApiServer,
  type PtyScreen,
  plainText,
  startOpenAIApiServer,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  configYaml,
  createTuiFixture,
  promptFor,
  runThenStty,
  saneTerminal,
  type TuiFixture,
  tuiPid,
} from './tui-fixture.js';

const OPENAI_KEY = 'sk-proj-Picker5Key2For8Tests4q';
const HINT = 'Enter switch · Esc keep';
const LONG_MODEL = 'gpt-test-with-a-rather-long-model-name';

let openai: OpenAIApiServer;
let fixture: TuiFixture;

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [OPENAI_KEY], text: 'Picked.' });
});
afterAll(() => openai.close());
afterEach(() => fixture?.cleanup());

function config() {
  return configYaml(
    {
      default: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL },
      complex: { provider: 'openai', model: LONG_MODEL, base_url: openai.baseURL },
    },
    [
      {
        name: 'spare',
        provider: 'anthropic',
        model: 'claude-test',
        base_url: 'http://127.0.0.1:9',
      },
    ],
  );
}

/** The model the last request to the server asked for. */
function lastModel(): string | undefined {
  return (openai.requests.at(-1)?.json as { model?: string } | undefined)?.model;
}

/**
 * Resizes the pty and waits for the prompt redrawn at the new size: the resize has been seen
 * before /model is typed.
 */
async function resizeAndSettle(screen: PtyScreen, cols: number, rows: number): Promise<void> {
  const mark = screen.mark();
  screen.resize(cols, rows);
  await screen.waitFor(promptFor('default', 'gpt-test'), { since: mark });
}

/** The lines of the picker's first drawing after `mark` (up to its hint line). */
function firstDrawing(raw: string): string[] {
  const text = plainText(raw);
  const end = text.indexOf(HINT);
  const lines = text
    .slice(0, text.indexOf('\n', end) === -1 ? undefined : text.indexOf('\n', end))
    .split('\n');
  const start = lines.findIndex((line) => /^\s*TIER\b/.test(line));
  return lines.slice(start);
}

describe('/model picker', () => {
  test('opens on the current tier with auth status; Down and Enter switch, and the next message uses that tier', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    // With colors: the highlighted row is in reverse video.
    const screen = fixture.start([], { NO_COLOR: '' });
    await screen.waitFor(promptFor('default', 'gpt-test'));
    // Wide enough for every column and the whole remedy.
    screen.resize(200, 40);
    let mark = screen.mark();
    screen.type('/model');
    const shown = await screen.waitFor(HINT, { since: mark });
    expect(shown).toMatch(
      /› +default +openai +gpt-test +API key from env OPENAI_API_KEY \(sk-proj-…ts4q\)/,
    );
    expect(shown).toMatch(
      / +spare +anthropic +claude-test +missing: Run `\/login anthropic`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN and restart Flynn\n/,
    );
    // The highlighted row is in reverse video, and the cursor is hidden while it is open.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences are what is checked
    expect(screen.raw.slice(mark)).toMatch(/\u001b\[7m› +default +openai +gpt-test .*\u001b\[27m/);
    expect(screen.raw.slice(mark)).toContain('\u001b[?25l');
    mark = screen.mark();
    screen.write('\u001b[B');
    await screen.waitFor(/› +complex/, { since: mark });
    screen.write('\r');
    await screen.waitFor(`Switched to complex (openai ${LONG_MODEL}).`, { since: mark });
    await screen.waitFor('API key from env OPENAI_API_KEY', { since: mark });
    await screen.waitFor(promptFor('complex', LONG_MODEL), { since: mark });
    // The picker erased itself before the message: cursor up over its lines, clear below.
    expect(screen.raw.slice(mark)).toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences are what is checked
      /\r\u001b\[\d+A\u001b\[J\u001b\[\?25hSwitched to complex/,
    );
    screen.type('which model?');
    await screen.waitFor('Picked.', { since: mark });
    expect(lastModel()).toBe(LONG_MODEL);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('k/j, Ctrl-P/N, Home/End, digits and first letters move; Esc, q and Ctrl-C keep the tier', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    for (const cancel of ['\u001b', 'q', '\u0003']) {
      const mark = screen.mark();
      screen.type('/model');
      await screen.waitFor(HINT, { since: mark });
      // End -> spare, k -> complex, Home -> default, j -> complex, Ctrl-N -> spare,
      // Ctrl-P -> complex, 3 -> spare, d -> default, s -> spare.
      for (const [key, row] of [
        ['\u001b[F', 'spare'],
        ['k', 'complex'],
        ['\u001b[H', 'default'],
        ['j', 'complex'],
        ['\u000e', 'spare'],
        ['\u0010', 'complex'],
        ['3', 'spare'],
        ['d', 'default'],
        ['s', 'spare'],
      ] as const) {
        const step = screen.mark();
        screen.write(key);
        await screen.waitFor(new RegExp(`› +${row} `), { since: step });
      }
      screen.write(cancel);
      await screen.waitFor('Kept default.', { since: mark });
      await screen.waitFor(promptFor('default', 'gpt-test'), { since: mark });
    }
    const mark = screen.mark();
    screen.type('still the default?');
    await screen.waitFor('Picked.', { since: mark });
    expect(lastModel()).toBe('gpt-test');
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('fits 80 columns, and redraws in place at the new width after a resize', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    await resizeAndSettle(screen, 80, 30);
    let mark = screen.mark();
    screen.type('/model');
    await screen.waitFor(HINT, { since: mark });
    const at80 = firstDrawing(screen.raw.slice(mark));
    expect(at80.length).toBe(5);
    expect(at80.some((line) => line.includes('…'))).toBe(true);
    for (const line of at80) expect([...line].length).toBeLessThan(80);
    mark = screen.mark();
    screen.resize(50, 30);
    await screen.waitFor(HINT.slice(0, 10), { since: mark });
    // Back up over the old drawing and clear it, then the new one, each line under 50.
    const redraw = screen.raw.slice(mark);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences are what is checked
    expect(redraw).toMatch(/^\r\u001b\[\d+A\u001b\[J/);
    const lines = plainText(redraw).split('\n');
    expect(lines.length).toBe(5);
    for (const line of lines) expect([...line].length).toBeLessThan(50);
    mark = screen.mark();
    screen.write('\u001b[B\r');
    await screen.waitFor('Switched to complex', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a list taller than the screen shows a window around the selection, and erases cleanly', async () => {
    const many = Array.from({ length: 30 }, (_, index) => ({
      name: `lp${String(index).padStart(2, '0')}`,
      provider: 'openai-compatible',
      model: `m${index}`,
      base_url: 'http://127.0.0.1:9/v1',
    }));
    fixture = createTuiFixture(
      configYaml(
        { default: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL } },
        many,
      ),
      { OPENAI_API_KEY: OPENAI_KEY },
    );
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    await resizeAndSettle(screen, 100, 14);
    let mark = screen.mark();
    screen.type('/model');
    await screen.waitFor('1 of 31', { since: mark });
    const picker = (rows: string[]) =>
      rows.filter((row) => /^ *(TIER|›? +(default|lp\d\d)) /.test(row));
    let view = await screen.view();
    // Header and 11 rows of 31: 13 screen rows at most with the hint, none scrolled away.
    expect(picker(view.rows)).toHaveLength(12);
    expect(view.rows.some((row) => row.includes(`${HINT} default · 1 of 31`))).toBe(true);
    expect(view.rows.find((row) => /^ *› /.test(row))).toMatch(/› +default /);
    mark = screen.mark();
    screen.write('\u001b[F'); // End
    await screen.waitFor('31 of 31', { since: mark });
    view = await screen.view();
    expect(view.rows.find((row) => /^ *› /.test(row))).toMatch(/› +lp29 /);
    expect(picker(view.rows)).toHaveLength(12);
    mark = screen.mark();
    screen.write('\u001b'); // Esc
    await screen.waitFor('Kept default.', { since: mark });
    await screen.waitFor(promptFor('default', 'gpt-test'), { since: mark });
    view = await screen.view();
    // Nothing of the list is left on the screen.
    expect(picker(view.rows)).toEqual([]);
    expect(view.rows.some((row) => row.includes(HINT))).toBe(false);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('tier names from the config are escaped in the picker', async () => {
    fixture = createTuiFixture(
      configYaml({
        default: { provider: 'openai', model: 'gpt\u001b]0;evil\u0007', base_url: openai.baseURL },
      }),
      { OPENAI_API_KEY: OPENAI_KEY },
    );
    const screen = fixture.start();
    await screen.waitFor('› ');
    const mark = screen.mark();
    screen.type('/model');
    await screen.waitFor(HINT, { since: mark });
    const raw = screen.raw.slice(mark);
    expect(raw).toContain('gpt\\x1b]0;evil\\x07');
    expect(raw).not.toContain('\u001b]0;evil');
    screen.write('\u001b');
    await screen.waitFor('Kept default.', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});

describe('leaving from the picker', () => {
  test('Esc then Ctrl-D exits with the terminal restored', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['-c', runThenStty('picker')], {}, '/bin/sh');
    await screen.waitFor(promptFor('default', 'gpt-test'));
    const mark = screen.mark();
    screen.type('/model');
    await screen.waitFor(HINT, { since: mark });
    screen.write('\u001b');
    await screen.waitFor('Kept default.', { since: mark });
    await screen.waitFor(promptFor('default', 'gpt-test'), { since: mark });
    screen.write('\u0004');
    const after = await screen.waitFor('picker-done', { since: mark });
    expect(after).toContain('exit=0');
    expect(saneTerminal(after)).toBe(true);
  });

  test('SIGTERM while the picker is open restores the terminal and shows the cursor', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['-c', runThenStty('sigterm')], {}, '/bin/sh');
    await screen.waitFor(promptFor('default', 'gpt-test'));
    const mark = screen.mark();
    screen.type('/model');
    await screen.waitFor(HINT, { since: mark });
    const hidden = screen.raw.lastIndexOf('\u001b[?25l');
    expect(hidden).toBeGreaterThanOrEqual(mark);
    process.kill(tuiPid(screen), 'SIGTERM');
    const after = await screen.waitFor('sigterm-done', { since: mark });
    expect(after).toContain('exit=143');
    expect(saneTerminal(after)).toBe(true);
    expect(screen.raw.slice(hidden)).toContain('\u001b[?25h');
  });
});
