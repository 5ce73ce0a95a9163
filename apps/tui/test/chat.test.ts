import {
  type AnthropicServer,
  type OpenAIApiServer,
  type RecordedRequest,
  startAnthropicServer,
  startOpenAIApiServer,
} from '@flynn/testkit';
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
  tuiPid,
} from './tui-fixture.js';

const OPENAI_KEY = 'sk-proj-Openai7Key3For9Tests2x';
const ANTHROPIC_KEY = 'sk-ant-api03-Anthropic5Key8For2Tests';
const ZAI_KEY = 'zai0Key4For6Tests1abcdef';

/** The credential a request carried, from `x-api-key` or a bearer `Authorization`. */
function credentialOf(request: RecordedRequest): string | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
}

let openai: OpenAIApiServer;
let anthropic: AnthropicServer;
let zai: OpenAIApiServer;
let slow: HeldChatServer;
let brief: HeldChatServer;
let fixture: TuiFixture;

beforeAll(async () => {
  [openai, anthropic, zai, slow, brief] = await Promise.all([
    startOpenAIApiServer({ apiKeys: [OPENAI_KEY], text: 'Answer from the OpenAI server' }),
    startAnthropicServer({ apiKeys: [ANTHROPIC_KEY], text: 'Answer from the Anthropic server' }),
    startOpenAIApiServer({ apiKeys: [ZAI_KEY], name: 'zai', text: 'Answer from the Z.AI server' }),
    // Answers that stop part-way until released, so a test acts while they stream however
    // slow the machine is (no server delay to race).
    startHeldChatServer({
      apiKey: OPENAI_KEY,
      before: ['The ', 'quic', 'k br', 'own '],
      after: ['fox jumps over the lazy dog, ', 'then naps until the very end.'],
    }),
    startHeldChatServer({ apiKey: OPENAI_KEY, before: ['One mo'], after: ['ment p', 'lease.'] }),
  ]);
});
afterAll(() => Promise.all([openai, anthropic, zai, slow, brief].map((server) => server?.close())));
afterEach(() => fixture?.cleanup());

/** Resolves with `promise`, or fails naming `what` after `ms`. */
async function within(promise: Promise<unknown>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${ms} ms waiting for ${what}.`)),
      ms,
    );
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function config() {
  return configYaml(
    {
      default: { provider: 'anthropic', model: 'claude-test', base_url: anthropic.baseURL },
      fast: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL },
      complex: { provider: 'openai', model: 'gpt-slow', base_url: slow.baseURL },
      local: { provider: 'openai', model: 'gpt-brief', base_url: brief.baseURL },
    },
    [{ name: 'glm', provider: 'zai', model: 'glm-test', base_url: `${zai.url}/api/paas/v4` }],
  );
}

describe('chat', () => {
  test('/model switching changes which server gets the next message, and with which credential', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    fixture.writeStore({ anthropic: { api_key: ANTHROPIC_KEY }, zai: { api_key: ZAI_KEY } });
    const before = {
      openai: openai.requests.length,
      anthropic: anthropic.requests.length,
      zai: zai.requests.length,
    };
    const screen = fixture.start();

    await screen.waitFor(promptFor('default', 'claude-test'));
    let mark = screen.mark();
    screen.type('first question');
    await screen.waitFor('Answer from the Anthropic server', { since: mark });
    const toAnthropic = anthropic.requests.slice(before.anthropic);
    expect(toAnthropic).toHaveLength(1);
    expect(credentialOf(toAnthropic[0]!)).toBe(ANTHROPIC_KEY);

    mark = screen.mark();
    screen.type('/model');
    const listing = await screen.waitFor('Enter switch · Esc keep default', { since: mark });
    expect(listing).toMatch(/› +default +anthropic +claude-test +API key from auth\.json/);
    expect(listing).toMatch(
      /fast +openai +gpt-test +API key from env OPENAI_API_KEY \(sk-proj-…ts2x\)/,
    );
    expect(listing).toMatch(/glm +zai +glm-test +API key from auth\.json/);
    screen.write('\u001b');
    await screen.waitFor('Kept default.', { since: mark });

    screen.type('/model fast');
    await screen.waitFor(promptFor('fast', 'gpt-test'), { since: mark });
    mark = screen.mark();
    screen.type('second question');
    await screen.waitFor('Answer from the OpenAI server', { since: mark });
    const toOpenAI = openai.requests.slice(before.openai);
    expect(toOpenAI).toHaveLength(1);
    expect(toOpenAI[0]?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    // The conversation carries over: the earlier turn went along.
    expect(JSON.stringify(toOpenAI[0]?.json)).toContain('Answer from the Anthropic server');

    screen.type('/model glm');
    await screen.waitFor(promptFor('glm', 'glm-test'), { since: mark });
    mark = screen.mark();
    screen.type('third question');
    await screen.waitFor('Answer from the Z.AI server', { since: mark });
    expect(zai.requests.slice(before.zai).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${ZAI_KEY}`,
    ]);
    expect(anthropic.requests.length - before.anthropic).toBe(1);
    expect(openai.requests.length - before.openai).toBe(1);

    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a streamed answer renders incrementally; Ctrl-C cancels it and the next prompt works', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['--tier', 'complex']);
    await screen.waitFor(promptFor('complex', 'gpt-slow'));
    let mark = screen.mark();
    screen.type('tell me a story');
    const partial = await screen.waitFor('The quick brown', { since: mark });
    expect(partial).not.toContain('very end');
    screen.write('\u0003');
    // The notice, the end-of-turn rule, then the next prompt.
    const cancelled = await screen.waitFor(/\(cancelled\)\n\n─+\n.*complex \(gpt-slow\) › /, {
      since: mark,
    });
    expect(cancelled).not.toContain('fox jumps');
    // Cancelling closed the request: the server saw the client hang up on the held answer.
    await within(slow.hungUp, 10_000, 'the cancelled request to end');

    mark = screen.mark();
    screen.type('/model fast');
    await screen.waitFor(promptFor('fast', 'gpt-test'), { since: mark });
    screen.type('are you there?');
    await screen.waitFor('Answer from the OpenAI server', { since: mark });
    // The cancelled turn was dropped: the next request carries only the new question.
    const last = openai.requests.at(-1)?.json as { messages: { content: string }[] };
    expect(last.messages.map((message) => message.content)).toEqual(['are you there?']);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('keys typed while an answer streams go to the next prompt', async () => {
    fixture = createTuiFixture(config(), { OPENAI_API_KEY: OPENAI_KEY });
    const screen = fixture.start(['--tier', 'local']);
    await screen.waitFor(promptFor('local', 'gpt-brief'));
    const mark = screen.mark();
    screen.type('hello');
    await screen.waitFor('One mo', { since: mark });
    screen.type('/model fast');
    // The answer holds until released. The pause lets the TUI read the keys while it is
    // still streaming; were it slower than that, they would wait for the next prompt
    // anyway, so the outcome is the same either way.
    await new Promise((resolve) => setTimeout(resolve, 100));
    brief.release();
    await screen.waitFor(/One moment please\.\n/, { since: mark });
    await screen.waitFor('Switched to fast (openai gpt-test).', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a missing credential gives the remedy naming /login', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start();
    await skipFirstRun(screen, 'default', 'claude-test');
    screen.type('hello?');
    const shown = await screen.waitFor(/hint: .*\n/);
    expect(shown).toContain(
      'error: default has no Anthropic API key or Anthropic auth token yet (/status shows where Flynn looked).',
    );
    expect(shown).toContain(
      'hint: Run `/login anthropic`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN and restart Flynn',
    );
    expect(shown).not.toContain('flynn anthropic-auth');
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});

describe('leaving', () => {
  test('Ctrl-C discards a typed line, Ctrl-C twice at the empty prompt exits, and the terminal is sane again', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start(['-c', runThenStty('ctrl-c')], {}, '/bin/sh');
    await skipFirstRun(screen, 'default', 'claude-test');
    const mark = screen.mark();
    screen.write('half a thought');
    await screen.waitFor('half a thought', { since: mark });
    screen.write('\u0003');
    await screen.waitFor(promptFor('default', 'claude-test'), { since: mark });
    screen.write('\u0003');
    await screen.waitFor('Press Ctrl-C again to exit.', { since: mark });
    screen.write('\u0003');
    const after = await screen.waitFor('ctrl-c-done', { since: mark });
    expect(after).toContain('exit=0');
    expect(saneTerminal(after)).toBe(true);
    // Node resets the tty mode itself at exit; showing the cursor is the TUI's own restore.
    expect(screen.raw.slice(mark)).toContain('\u001b[?25h');
  });

  test('Ctrl-D exits with 0 and restores the terminal', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start(['-c', runThenStty('ctrl-d')], {}, '/bin/sh');
    await skipFirstRun(screen, 'default', 'claude-test');
    const mark = screen.mark();
    screen.write('\u0004');
    const after = await screen.waitFor('ctrl-d-done', { since: mark });
    expect(after).toContain('exit=0');
    expect(screen.raw.slice(mark)).toContain('\u001b[?25h');
    expect(saneTerminal(after)).toBe(true);
  });

  test('SIGTERM restores the terminal before the process ends', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start(['-c', runThenStty('sigterm')], {}, '/bin/sh');
    await skipFirstRun(screen, 'default', 'claude-test');
    const mark = screen.mark();
    process.kill(tuiPid(screen), 'SIGTERM');
    const after = await screen.waitFor('sigterm-done', { since: mark });
    expect(after).toContain('exit=143');
    expect(saneTerminal(after)).toBe(true);
    // Node itself resets the tty mode on SIGTERM; the cursor is the TUI's own restore.
    expect(screen.raw.slice(mark)).toContain('\u001b[?25h');
  });

  test('a broken config is reported with file and line, exits with 1 and restores the terminal', async () => {
    fixture = createTuiFixture(
      'models:\n  fast: { provider: openai, model: x, auth_mode: sometimes }\n',
    );
    const screen = fixture.start(['-c', runThenStty('broken')], {}, '/bin/sh');
    const after = await screen.waitFor('broken-done');
    expect(after).toMatch(/error: .*config\.yaml:2:\d+.*models\.fast\.auth_mode/);
    expect(after).toContain('exit=1');
    expect(screen.raw).toContain('\u001b[?25h');
    expect(saneTerminal(after)).toBe(true);
  });

  test('an unknown --tier names the configured ones and exits with 2', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start(['--tier', 'nope']);
    await screen.waitFor('Choose one of: default, fast, complex, local, glm.');
    expect(await screen.exit()).toBe(2);
  });
});
