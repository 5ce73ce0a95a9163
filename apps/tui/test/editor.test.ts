// The chat's own line editor and its stream controls, on a pty against loopback servers:
// what arrives at the server is the check, not only what the screen shows.
import { type OpenAIApiServer, startOpenAIApiServer } from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type HeldChatServer, startHeldChatServer } from './held-chat-server.js';
import {
  configYaml,
  createTuiFixture,
  promptFor,
  runThenStty,
  saneTerminal,
  skipFirstRun,
  type TuiFixture,
} from './tui-fixture.js';

const OPENAI_KEY = 'sk-proj-Editor7Key3For9Tests2x';

let openai: OpenAIApiServer;
let fixture: TuiFixture;
const held: HeldChatServer[] = [];

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [OPENAI_KEY], text: 'Noted.' });
});
afterAll(() => Promise.all([openai, ...held].map((server) => server.close())));
afterEach(() => fixture?.cleanup());

/** A server whose answer holds until released: `before` is sent first (maybe nothing). */
async function holdServer(before: string[], after = ['and the end.']) {
  const server = await startHeldChatServer({ apiKey: OPENAI_KEY, before, after });
  held.push(server);
  return server;
}

function config(slowURL = openai.baseURL) {
  return configYaml({
    default: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL },
    complex: { provider: 'openai', model: 'gpt-slow', base_url: slowURL },
  });
}

/** The user messages the server got, in order, from `from` on. */
function userMessages(server: { requests: { json?: unknown }[] }, from = 0): string[] {
  return server.requests.slice(from).map((request) => {
    const messages = (request.json as { messages: { role: string; content: string }[] }).messages;
    return messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
  });
}

describe('input editor', () => {
  test('a 3-line bracketed paste arrives at the server as one message, newlines kept', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    const from = openai.requests.length;
    const mark = screen.mark();
    screen.write('\u001b[200~first line\r\nsecond line\nthird line\u001b[201~');
    await screen.waitFor('third line', { since: mark });
    screen.write('\r');
    await screen.waitFor('Noted.', { since: mark });
    expect(userMessages(openai, from)).toEqual(['first line\nsecond line\nthird line']);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('Shift+Enter (CSI-u and modifyOtherKeys), Alt+Enter, Ctrl+J and \\ Enter insert newlines', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    const from = openai.requests.length;
    const mark = screen.mark();
    screen.write('one\u001b[13;2utwo\u001b[27;2;13~three\u001b\rfour\nfive\\\rsix');
    await screen.waitFor('six', { since: mark });
    screen.write('\r');
    await screen.waitFor('Noted.', { since: mark });
    expect(userMessages(openai, from)).toEqual(['one\ntwo\nthree\nfour\nfive\nsix']);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('cursor keys, word jumps, Ctrl+U/K/W and history edit the line that is sent', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    const from = openai.requests.length;
    let mark = screen.mark();
    // "world" typed, Home, "hello " inserted before it; End; Alt+b jumps back over "world",
    // Ctrl+K cuts it; "there" typed. Left twice then Right once around a wide character.
    screen.write('world\u001b[Hhello \u001b[F\u001bb\u000bthere 漢字\u001b[D\u001b[D\u001b[Cx\r');
    await screen.waitFor('Noted.', { since: mark });
    mark = screen.mark();
    screen.write('junk words\u0017\u0017gone\u0015kept\r');
    await screen.waitFor('Noted.', { since: mark });
    mark = screen.mark();
    // Up twice recalls the first message; it is sent again as it was.
    screen.write('\u001b[A\u001b[A\r');
    await screen.waitFor('Noted.', { since: mark });
    expect(userMessages(openai, from)).toEqual(['hello there 漢x字', 'kept', 'hello there 漢x字']);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});

describe('waiting and cancelling', () => {
  test('a spinner names the model until the first token, and is gone once text streams', async () => {
    const server = await holdServer([], ['Here it comes.']);
    fixture = createTuiFixture(config(server.baseURL), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['--tier', 'complex']);
    await screen.waitFor(promptFor('complex', 'gpt-slow'));
    const mark = screen.mark();
    screen.type('hello');
    await screen.waitFor(/Waiting for gpt-slow… \d+s · Esc to cancel/, { since: mark });
    // The elapsed seconds count up while nothing arrives.
    await screen.waitFor(/Waiting for gpt-slow… 1s/, { since: mark });
    server.release();
    await screen.waitFor('Here it comes.', { since: mark });
    await screen.waitFor(promptFor('complex', 'gpt-slow'), { since: mark });
    const afterText = screen.raw.slice(screen.raw.indexOf('Here it comes.', mark));
    expect(afterText).not.toContain('Waiting for');
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('Esc cancels a stream keeping what arrived, and type-ahead stays in the input', async () => {
    const server = await holdServer(['Partial ', 'answer'], ['never shown']);
    fixture = createTuiFixture(config(server.baseURL), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['--tier', 'complex']);
    await screen.waitFor(promptFor('complex', 'gpt-slow'));
    let mark = screen.mark();
    screen.type('tell me');
    await screen.waitFor('Partial answer', { since: mark });
    // Typed ahead while it streams, then Esc on its own.
    screen.write('next question');
    await new Promise((resolve) => setTimeout(resolve, 200));
    screen.write('\u001b');
    await screen.waitFor('(cancelled)', { since: mark });
    await screen.waitFor(`${promptFor('complex', 'gpt-slow')}next question`, { since: mark });
    await server.hungUp;
    expect(screen.textSince(mark)).toContain('Partial answer');
    expect(screen.textSince(mark)).not.toContain('never shown');
    // Not sent: only the first message reached the server.
    expect(server.requests).toHaveLength(1);
    mark = screen.mark();
    // The kept text is in the editor: Ctrl-U clears it, and the next line is what is sent.
    screen.write('\u0015');
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('Ctrl-C cancels a stream keeping type-ahead; a second Ctrl-C at the prompt only asks', async () => {
    const server = await holdServer(['Half '], ['never shown']);
    fixture = createTuiFixture(config(server.baseURL), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['--tier', 'complex']);
    await screen.waitFor(promptFor('complex', 'gpt-slow'));
    const mark = screen.mark();
    screen.type('go');
    await screen.waitFor('Half', { since: mark });
    screen.write('typed ahead');
    await new Promise((resolve) => setTimeout(resolve, 200));
    screen.write('\u0003');
    await screen.waitFor(`${promptFor('complex', 'gpt-slow')}typed ahead`, { since: mark });
    expect(screen.textSince(mark)).toContain('Half');
    // Ctrl-C with text discards it; at the empty prompt it asks, and does not exit.
    const second = screen.mark();
    screen.write('\u0003');
    await screen.waitFor(promptFor('complex', 'gpt-slow'), { since: second });
    screen.write('\u0003');
    await screen.waitFor('Press Ctrl-C again to exit.', { since: second });
    screen.type('/model');
    await screen.waitFor('TIER', { since: second });
    screen.write('\u001b');
    await screen.waitFor('Kept complex.', { since: second });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});

describe('leaving', () => {
  test('a double Ctrl-C at the empty prompt exits with 0 and the terminal is sane again', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start(['-c', runThenStty('double')], {}, '/bin/sh');
    await skipFirstRun(screen, 'default', 'gpt-test');
    const mark = screen.mark();
    screen.write('\u0003');
    await screen.waitFor('Press Ctrl-C again to exit.', { since: mark });
    screen.write('\u0003');
    const after = await screen.waitFor('double-done', { since: mark });
    expect(after).toContain('exit=0');
    expect(saneTerminal(after)).toBe(true);
    expect(screen.raw.slice(mark)).toContain('\u001b[?2004l');
  });

  test('/exit restores the terminal', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start(['-c', runThenStty('slash')], {}, '/bin/sh');
    await skipFirstRun(screen, 'default', 'gpt-test');
    const mark = screen.mark();
    screen.type('/exit');
    const after = await screen.waitFor('slash-done', { since: mark });
    expect(after).toContain('exit=0');
    expect(saneTerminal(after)).toBe(true);
  });
});

describe('commands', () => {
  test('Tab completes commands and their arguments; a mistyped command gets "did you mean"', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    let mark = screen.mark();
    // `/mo` Tab -> `/model`, ` co` Tab -> `/model complex`; Enter switches.
    screen.write('/mo\t');
    await screen.waitFor('/model', { since: mark });
    screen.write(' co\t\r');
    await screen.waitFor(promptFor('complex', 'gpt-slow'), { since: mark });
    mark = screen.mark();
    // Several matches are listed: `/lo` -> /login and /logout.
    screen.write('/lo\t');
    await screen.waitFor(/\/login {2}\/logout/, { since: mark });
    // The common start /log was taken.
    screen.write('in anth\t\u0015');
    await screen.waitFor('/login anthropic', { since: mark });
    mark = screen.mark();
    screen.type('/stauts');
    await screen.waitFor('Unknown command /stauts. Did you mean /status?', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});

describe('terminal width', () => {
  test('/status fits 80 columns', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'gpt-test'));
    screen.resize(80, 40);
    const mark = screen.mark();
    screen.type('/status');
    const shown = await screen.waitFor(/Every tier can authenticate\.|Some tiers cannot/, {
      since: mark,
    });
    const lines = shown.split('\n').filter((line) => !line.includes('› /status'));
    expect(lines.some((line) => /TIER/.test(line))).toBe(true);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a resize mid-stream keeps the answer and the next prompt works', async () => {
    const server = await holdServer(['Before the resize, '], ['after the resize.']);
    fixture = createTuiFixture(config(server.baseURL), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['--tier', 'complex']);
    await screen.waitFor(promptFor('complex', 'gpt-slow'));
    const mark = screen.mark();
    screen.type('go');
    await screen.waitFor('Before the resize,', { since: mark });
    screen.resize(60, 20);
    server.release();
    await screen.waitFor('Before the resize, after the resize.', { since: mark });
    await screen.waitFor(promptFor('complex', 'gpt-slow'), { since: mark });
    screen.write('a line typed after the resize');
    await screen.waitFor('a line typed after the resize', { since: mark });
    screen.write('\u0015');
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});
