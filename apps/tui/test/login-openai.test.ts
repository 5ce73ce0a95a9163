import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CodexBackendServer,
  findSecretPiece,
  type OpenAIApiServer,
  type OpenAIAuthServer,
  startCodexBackendServer,
  startOpenAIApiServer,
  startOpenAIAuthServer,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  configYaml,
  createTuiFixture,
  promptFor,
  skipFirstRun,
  type TuiFixture,
} from './tui-fixture.js';

const API_KEY = 'sk-proj-Q7zX9kLm2PwR4tYv8NbCdE3f';

let auth: OpenAIAuthServer;
let codex: CodexBackendServer;
let api: OpenAIApiServer;
let fixture: TuiFixture;

async function setup(authOptions: Parameters<typeof startOpenAIAuthServer>[0]) {
  auth = await startOpenAIAuthServer(authOptions);
  codex = await startCodexBackendServer({ auth, text: 'Hello over ChatGPT login' });
  api = await startOpenAIApiServer({ apiKeys: [API_KEY], text: 'Hello over an API key' });
  fixture = createTuiFixture(
    configYaml({
      default: {
        provider: 'openai',
        model: 'gpt-key',
        auth_mode: 'api_key',
        base_url: api.baseURL,
      },
      fast: { provider: 'openai', model: 'gpt-login', auth_mode: 'oauth', base_url: codex.baseURL },
    }),
    { FLYNN_OPENAI_ISSUER: auth.issuer },
  );
}

afterEach(async () => {
  fixture?.cleanup();
  await Promise.all([auth?.close(), codex?.close(), api?.close()]);
});

describe('/login openai', () => {
  describe('with a fast device flow', () => {
    beforeEach(() => setup({ pendingPolls: 1, interval: '0' }));

    test('2) device flow shows URL and code, stores the tokens, and the oauth tier then works', async () => {
      const screen = fixture.start(['--tier', 'fast']);
      await skipFirstRun(screen, 'fast', 'gpt-login');
      const menu = screen.mark();
      screen.type('/login openai');
      await screen.waitFor(
        'Log in to OpenAI:  1) ChatGPT login in the browser  2) ChatGPT login with a device code  3) Paste an OpenAI API key',
        { since: menu },
      );
      await screen.waitFor('Choose 1-3', { since: menu });
      screen.type('2');
      const afterLogin = await screen.waitFor(/Logged in with ChatGPT.*\n/);
      expect(afterLogin).toContain(`${auth.issuer}/codex/device`);
      expect(afterLogin).toMatch(/enter this code:\n {2}[A-Z0-9]{4}-[A-Z0-9]{4,5}/);

      const oauth = fixture.readStore().openai?.oauth as Record<string, string>;
      expect(auth.isValidAccessToken(oauth.access_token!)).toBe(true);
      expect(oauth.account_id).toBe(auth.accountId);

      const mark = screen.mark();
      screen.type('hi there');
      await screen.waitFor('Hello over ChatGPT login', { since: mark });
      expect(codex.requests.at(-1)?.headers.authorization).toBe(`Bearer ${oauth.access_token}`);

      screen.type('/exit');
      expect(await screen.exit()).toBe(0);
      // The wait line stopped with the flow: it is not drawn again after the success.
      const text = screen.text;
      expect(text.slice(text.indexOf('Logged in with ChatGPT'))).not.toContain(
        'Waiting for approval',
      );
      for (const token of [oauth.access_token!, oauth.refresh_token!]) {
        expect(findSecretPiece(screen.raw, token.slice(-24), 8)).toBeUndefined();
      }
    });

    test('3) a pasted API key is stored, never shown, and used by the api_key tier', async () => {
      const screen = fixture.start();
      await skipFirstRun(screen, 'default', 'gpt-key');
      const menu = screen.mark();
      screen.type('/login openai');
      await screen.waitFor('Choose 1-3', { since: menu });
      screen.type('3');
      await screen.waitFor('Paste your OpenAI API key (input is hidden): ');
      // Pasted in two pieces, as a terminal may deliver it; one backspace-typo fixed on the way.
      screen.write(API_KEY.slice(0, 10));
      screen.write(`x\u007f${API_KEY.slice(10)}\r`);
      await screen.waitFor(/Stored the OpenAI API key sk-proj-…\w{4} in .*auth\.json/);
      expect(fixture.readStore().openai?.api_key).toBe(API_KEY);

      const mark = screen.mark();
      screen.type('hello');
      await screen.waitFor('Hello over an API key', { since: mark });
      expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      screen.type('/exit');
      expect(await screen.exit()).toBe(0);
      // The fingerprint shows the last four characters; no piece of the rest appears.
      expect(findSecretPiece(screen.raw, API_KEY.slice('sk-proj-'.length, -4))).toBeUndefined();
    });

    test('an API key already stored is shown masked and kept unless the user agrees', async () => {
      fixture.writeStore({ openai: { api_key: API_KEY } });
      const screen = fixture.start();
      // A credential is stored: no first-run offer.
      await screen.waitFor(promptFor('default', 'gpt-key'));
      const menu = screen.mark();
      screen.type('/login openai');
      await screen.waitFor('Choose 1-3', { since: menu });
      screen.type('3');
      await screen.waitFor('An OpenAI API key is already stored (sk-proj-…dE3f).');
      await screen.waitFor('Replace it? [y/N]');
      screen.type('');
      await screen.waitFor('Kept the stored OpenAI API key.');
      expect(fixture.readStore().openai?.api_key).toBe(API_KEY);
      screen.type('/exit');
      expect(await screen.exit()).toBe(0);
    });
  });

  test('2) the wait is visible and Ctrl-C cancels it; the next prompt works', async () => {
    await setup({ pendingPolls: 10_000, interval: '0.05' });
    const screen = fixture.start();
    await skipFirstRun(screen, 'default', 'gpt-key');
    const menu = screen.mark();
    screen.type('/login openai');
    await screen.waitFor('Choose 1-3', { since: menu });
    screen.type('2');
    await screen.waitFor(/Waiting for approval… \d+:\d\d left \(Ctrl-C to cancel\)/);
    // Mark before Ctrl-C: the TUI prints `Login cancelled.` and the next prompt in one go,
    // often read from the pty as one chunk, so a mark taken after seeing the first would
    // already be past the prompt.
    let mark = screen.mark();
    screen.write('\u0003');
    await screen.waitFor(/Login cancelled\.\n.*default \(gpt-key\) › /, { since: mark });
    expect(fixture.readStore().openai?.oauth).toBeUndefined();
    mark = screen.mark();
    screen.type('/model');
    await screen.waitFor('Enter switch · Esc keep default', { since: mark });
    screen.write('\u001b');
    await screen.waitFor('Kept default.', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});

/**
 * A FLYNN_BROWSER that behaves like a browser on the same machine: it follows the authorize
 * URL's redirect to the callback on localhost and keeps the page it ends on in `page.html`.
 */
function fakeBrowser(dir: string): { program: string; page: string } {
  const page = join(dir, 'page.html');
  const part = join(dir, 'page.html.part');
  const script = join(dir, 'browser.mjs');
  writeFileSync(
    script,
    `import { renameSync, writeFileSync } from 'node:fs';
let url = new URL(process.argv[2]);
for (let hop = 0; hop < 5; hop++) {
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  // Written whole under another name, then renamed: the test polls for the page and must
  // never see it created but still empty.
  if (!location) {
    writeFileSync(${JSON.stringify(part)}, await response.text());
    renameSync(${JSON.stringify(part)}, ${JSON.stringify(page)});
    break;
  }
  url = new URL(location, url);
}
`,
  );
  const program = join(dir, 'browser');
  writeFileSync(program, `#!/bin/sh\nexec '${process.execPath}' '${script}' "$1"\n`, {
    mode: 0o755,
  });
  return { program, page };
}

describe('/login openai, 1) ChatGPT login in the browser', () => {
  test('opens the page, takes the callback, stores the tokens; the oauth tier then works', async () => {
    await setup({});
    const browser = fakeBrowser(fixture.home.home);
    const screen = fixture.start(['--tier', 'fast'], {
      FLYNN_BROWSER: browser.program,
      FLYNN_OPENAI_CALLBACK_PORT: '0',
    });
    await skipFirstRun(screen, 'fast', 'gpt-login');
    const menu = screen.mark();
    screen.type('/login openai');
    await screen.waitFor('Choose 1-3', { since: menu });
    screen.type('1');
    const afterLogin = await screen.waitFor(/Logged in with ChatGPT.*\n/);
    expect(afterLogin).toContain('Open this page in a browser to sign in to ChatGPT:');
    expect(afterLogin).toContain('(Opening it in your browser.)');
    const oauth = fixture.readStore().openai?.oauth as Record<string, string>;
    expect(auth.isValidAccessToken(oauth.access_token!)).toBe(true);
    expect(oauth.account_id).toBe(auth.accountId);
    for (let i = 0; i < 500 && !existsSync(browser.page); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(existsSync(browser.page), 'the fake browser kept no page within 10 s').toBe(true);
    expect(readFileSync(browser.page, 'utf8')).toContain('Signed in to ChatGPT');

    const mark = screen.mark();
    screen.type('hi there');
    await screen.waitFor('Hello over ChatGPT login', { since: mark });
    expect(codex.requests.at(-1)?.headers.authorization).toBe(`Bearer ${oauth.access_token}`);
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
    for (const token of [oauth.access_token!, oauth.refresh_token!]) {
      expect(findSecretPiece(screen.raw, token.slice(-24), 8)).toBeUndefined();
    }
  });

  test('the wait shows the time left; Ctrl-C cancels it and stops the callback server', async () => {
    await setup({});
    // No browser at all: the URL is shown and the wait goes on until Ctrl-C.
    const screen = fixture.start([], { FLYNN_OPENAI_CALLBACK_PORT: '0', DISPLAY: '' });
    await skipFirstRun(screen, 'default', 'gpt-key');
    const menu = screen.mark();
    screen.type('/login openai');
    await screen.waitFor('Choose 1-3', { since: menu });
    screen.type('1');
    const shown = await screen.waitFor(
      /Waiting for the browser… \d+:\d\d left \(Ctrl-C to cancel\)/,
    );
    const redirect = /redirect_uri=([^&\s]+)/.exec(shown.replace(/\n/g, ''))?.[1];
    const mark = screen.mark();
    screen.write('\u0003');
    await screen.waitFor(/Login cancelled\.\n.*default \(gpt-key\) › /, { since: mark });
    expect(fixture.readStore().openai?.oauth).toBeUndefined();
    const callback = new URL(decodeURIComponent(redirect!));
    callback.hostname = '127.0.0.1';
    await expect(fetch(callback)).rejects.toThrow();
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });
});
