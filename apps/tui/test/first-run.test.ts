// The first-run offer on a pty: a tier with no credential says so in one line and opens its
// provider's `/login` menu at once; a key pasted there is stored (checked in the store) and
// used for the next message (checked at the loopback server), and never shown; Enter or Esc
// skips, storing nothing; a tier with a credential is offered nothing.
import { readAuthStore } from '@flynn/auth-store';
import {
  type AnthropicServer,
  findSecretPiece,
  type OpenAIApiServer,
  type PtyScreen,
  startAnthropicServer,
  startOpenAIApiServer,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { configYaml, createTuiFixture, promptFor, type TuiFixture } from './tui-fixture.js';

const ANTHROPIC_KEY = 'sk-ant-api03-First7Run2Key9Zq4Wx8-CCCC';
const OPENAI_KEY = 'sk-proj-FirstRun3Key6For1Tests8m';
const WARNING = 'default has no credential yet: log in to Anthropic now, or press Enter to skip.';
const MENU =
  'Log in to Anthropic:  1) Paste an Anthropic API key  2) Paste an Anthropic auth token';

let anthropic: AnthropicServer;
let openai: OpenAIApiServer;
let fixture: TuiFixture;

beforeAll(async () => {
  [anthropic, openai] = await Promise.all([
    startAnthropicServer({ apiKeys: [ANTHROPIC_KEY], text: 'Hello from Anthropic' }),
    startOpenAIApiServer({ apiKeys: [OPENAI_KEY], text: 'Hello from OpenAI' }),
  ]);
});
afterAll(() => Promise.all([anthropic.close(), openai.close()]));
afterEach(() => fixture?.cleanup());

function config() {
  return configYaml({
    default: { provider: 'anthropic', model: 'claude-test', base_url: anthropic.baseURL },
    complex: { provider: 'openai', model: 'gpt-test', base_url: openai.baseURL },
  });
}

/**
 * Takes `choice` at the `/login` menu, waits for the hidden `prompt` it opens, and pastes `key`
 * with Enter; returns the mark taken before the choice.
 */
async function pasteAtMenu(
  screen: PtyScreen,
  choice: string,
  prompt: string,
  key: string,
): Promise<number> {
  const mark = screen.mark();
  screen.type(choice);
  await screen.waitFor(prompt, { since: mark });
  screen.write(`${key}\r`);
  return mark;
}

describe('first run', () => {
  test('no credential: one warning line and the /login menu; a pasted key is stored, used, never shown', async () => {
    fixture = createTuiFixture(config());
    const screen = fixture.start();
    await screen.waitFor('Choose 1-2 (Enter to cancel): ');
    // One line says what is missing; the menu is `/login anthropic`'s, in the CLI's words.
    // The screen as a person sees it: the early prompt was erased and the warning written
    // where it was.
    const lines = (await screen.view()).rows.filter((line) => line.trim() !== '');
    const warning = lines.indexOf(`warning: ${WARNING}`);
    expect(warning).toBeGreaterThan(-1);
    expect(lines[warning + 1]).toBe(MENU);
    expect(lines.filter((line) => line.includes('no credential'))).toHaveLength(1);
    let mark = await pasteAtMenu(
      screen,
      '1',
      'Paste your Anthropic API key (input is hidden): ',
      ANTHROPIC_KEY,
    );
    await screen.waitFor('Stored the Anthropic API key', { since: mark });
    await screen.waitFor(promptFor('default', 'claude-test'), { since: mark });
    expect(screen.textSince(mark)).not.toContain('Skipped');
    const store = await readAuthStore({ path: fixture.authFile, env: fixture.home.env });
    expect(store.anthropic?.api_key).toBe(ANTHROPIC_KEY);
    const from = anthropic.requests.length;
    mark = screen.mark();
    screen.type('hello');
    await screen.waitFor('Hello from Anthropic', { since: mark });
    // @anthropic-ai/sdk 1.x sends an API key as a bearer token (provider-wire-facts.md).
    expect(anthropic.requests.slice(from).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${ANTHROPIC_KEY}`,
    ]);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
    expect(findSecretPiece(screen.raw, ANTHROPIC_KEY.slice('sk-ant-api03-'.length, -4))).toBe(
      undefined,
    );
  });

  test.each([
    ['Enter', '\r'],
    ['Esc', '\u001b'],
  ])(
    '%s skips: nothing is stored and the prompt works, with the one-line /login remedy',
    async (_, key) => {
      fixture = createTuiFixture(config());
      const screen = fixture.start();
      await screen.waitFor(WARNING);
      await screen.waitFor('Choose 1-2 (Enter to cancel): ');
      let mark = screen.mark();
      screen.write(key);
      await screen.waitFor('Skipped: /login anthropic adds one later.', { since: mark });
      await screen.waitFor(promptFor('default', 'claude-test'), { since: mark });
      mark = screen.mark();
      screen.type('hello?');
      const error = await screen.waitFor(/hint: .*\n/, { since: mark });
      expect(error).toContain('hint: Run `/login anthropic`');
      // The places looked at stay in /status and doctor, not in the conversation.
      expect(error).toContain(
        'error: default has no Anthropic API key or Anthropic auth token yet (/status shows where Flynn looked).',
      );
      expect(error).not.toMatch(/Tried|auth\.json/);
      // Two lines: the error (after the spinner's line is cleared) and the hint.
      expect(error.split('\n').filter((line) => /(error|hint): /.test(line))).toHaveLength(2);
      mark = screen.mark();
      screen.type('/help');
      await screen.waitFor('/model', { since: mark });
      screen.type('/exit');
      expect(await screen.exit()).toBe(0);
      expect(fixture.readStore()).toEqual({});
    },
  );

  test("--tier with no credential opens that provider's menu the same way", async () => {
    fixture = createTuiFixture(config(), { ANTHROPIC_API_KEY: ANTHROPIC_KEY });
    const screen = fixture.start(['--tier', 'complex']);
    await screen.waitFor(
      'complex has no credential yet: log in to OpenAI now, or press Enter to skip.',
    );
    await screen.waitFor(
      'Log in to OpenAI:  1) ChatGPT login in the browser  2) ChatGPT login with a device code  3) Paste an OpenAI API key',
    );
    await screen.waitFor('Choose 1-3 (Enter to cancel): ');
    const mark = screen.mark();
    screen.write('\u001b');
    await screen.waitFor('Skipped: /login openai adds one later.', { since: mark });
    await screen.waitFor(promptFor('complex', 'gpt-test'), { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a credential stored that the tier cannot use is named, not called skipped', async () => {
    fixture = createTuiFixture(
      configYaml({
        default: {
          provider: 'openai',
          model: 'gpt-test',
          auth_mode: 'oauth',
          base_url: openai.baseURL,
        },
      }),
    );
    const screen = fixture.start();
    await screen.waitFor('Choose 1-3 (Enter to cancel): ');
    const mark = await pasteAtMenu(
      screen,
      '3',
      'Paste your OpenAI API key (input is hidden): ',
      OPENAI_KEY,
    );
    await screen.waitFor('Stored the OpenAI API key', { since: mark });
    const shown = await screen.waitFor(/warning: .* for default\. .*\n/, { since: mark });
    expect(shown).toContain('/login openai');
    expect(shown).not.toContain('Skipped');
    await screen.waitFor(promptFor('default', 'gpt-test'), { since: mark });
    expect(fixture.readStore().openai).toEqual({ api_key: OPENAI_KEY });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a tier that names a profile: the menu logs in to that profile, where the tier looks', async () => {
    fixture = createTuiFixture(
      configYaml({
        default: {
          provider: 'anthropic',
          model: 'claude-test',
          base_url: anthropic.baseURL,
          profiles: ['work', 'personal'],
        },
      }),
    );
    const screen = fixture.start();
    await screen.waitFor(
      'default has no credential yet: log in to Anthropic (profile work) now, or press Enter to skip.',
    );
    await screen.waitFor('Choose 1-2 (Enter to cancel): ');
    let mark = await pasteAtMenu(screen, '1', '(input is hidden): ', ANTHROPIC_KEY);
    await screen.waitFor(promptFor('default', 'claude-test'), { since: mark });
    // Stored in the tier's first profile, not the default one, and no warning about it.
    expect(screen.textSince(mark)).not.toMatch(/Skipped|no credential|No API key/i);
    const store = fixture.readStore();
    expect(store['anthropic:work']).toEqual({ api_key: ANTHROPIC_KEY });
    expect(store.anthropic).toBeUndefined();
    mark = screen.mark();
    screen.type('hello');
    await screen.waitFor('Hello from Anthropic', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a tier with a credential is offered nothing', async () => {
    fixture = createTuiFixture(config(), { ANTHROPIC_API_KEY: ANTHROPIC_KEY });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'claude-test'));
    const mark = screen.mark();
    screen.type('hello');
    await screen.waitFor('Hello from Anthropic', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
    expect(screen.text).not.toContain('no credential');
    expect(screen.text).not.toContain('Log in to');
  });
});
