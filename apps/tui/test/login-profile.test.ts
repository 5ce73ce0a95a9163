// Issue 17 in the chat: `/login <provider> --profile NAME` stores into that profile with the
// CLI's words (a ChatGPT login too), `/logout <provider> --profile NAME` removes that profile's
// credential only. The built TUI on a pty against loopback OpenAI servers.
import {
  type CodexBackendServer,
  findSecretPiece,
  type OpenAIAuthServer,
  startCodexBackendServer,
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

const ANTHROPIC_KEY = 'sk-ant-api03-Hq4Zx8Lm2Vn7Rt5Wy9Kp3Jd6-AAAA';
const DEFAULT_KEY = 'sk-ant-api03-Pz5Kc1Wq8Nm3Xv6Tb2Ry4Lh9-CCCC';
const ZAI_KEY = 'c1e5a7f39b2d4e8a.Zq8Rk3Xm6Vp2Tw9N';

let auth: OpenAIAuthServer;
let codex: CodexBackendServer;
let fixture: TuiFixture;

beforeEach(async () => {
  auth = await startOpenAIAuthServer({ pendingPolls: 1, interval: '0' });
  codex = await startCodexBackendServer({ auth, text: 'Hello from the work login' });
  fixture = createTuiFixture(
    configYaml({
      default: { provider: 'anthropic', model: 'claude-test', base_url: 'http://127.0.0.1:9' },
      fast: {
        provider: 'openai',
        model: 'gpt-login',
        auth_mode: 'oauth',
        base_url: codex.baseURL,
        profile: 'work',
      },
    }),
    { FLYNN_OPENAI_ISSUER: auth.issuer },
  );
});
afterEach(async () => {
  fixture?.cleanup();
  await Promise.all([auth?.close(), codex?.close()]);
});

describe('/login --profile', () => {
  test('/login openai --profile work: the device login lands in openai:work and the tier using that profile answers with it', async () => {
    fixture.writeStore({ anthropic: { api_key: DEFAULT_KEY } });
    const screen = fixture.start(['--tier', 'fast']);
    // The tier has no credential yet: its first-run menu is skipped (or it takes what is typed).
    await skipFirstRun(screen, 'fast', 'gpt-login');
    let mark = screen.mark();
    screen.type('/login openai --profile work');
    await screen.waitFor('Choose 1-3', { since: mark });
    screen.type('2');
    const done = await screen.waitFor(/Logged in with ChatGPT.*\n/);
    expect(done).toMatch(/Logged in with ChatGPT \(account [^)]+\) \(profile work\)\./);

    const store = fixture.readStore();
    const oauth = store['openai:work']?.oauth as Record<string, string>;
    expect(auth.isValidAccessToken(oauth.access_token ?? '')).toBe(true);
    expect(store.openai).toBeUndefined();
    expect(store.anthropic).toEqual({ api_key: DEFAULT_KEY });

    mark = screen.mark();
    screen.type('hi there');
    await screen.waitFor('Hello from the work login', { since: mark });
    expect(codex.requests.at(-1)?.headers.authorization).toBe(`Bearer ${oauth.access_token}`);

    // Again: the stored login of that profile is named, and kept.
    screen.type('/login openai --profile work');
    await screen.waitFor('Choose 1-3', { since: mark });
    screen.type('2');
    await screen.waitFor('A ChatGPT login (profile work) is already stored', { since: mark });
    await screen.waitFor('Log in again and replace it? [y/N]', { since: mark });
    screen.type('');
    await screen.waitFor('Kept the stored ChatGPT login.', { since: mark });

    screen.type('/logout openai oauth --profile work');
    await screen.waitFor('Removed the ChatGPT login', { since: mark });
    await screen.waitFor('(profile work) from', { since: mark });
    expect(fixture.readStore()['openai:work']).toBeUndefined();
    expect(fixture.readStore().anthropic).toEqual({ api_key: DEFAULT_KEY });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
    for (const token of [oauth.access_token ?? '', oauth.refresh_token ?? '']) {
      expect(findSecretPiece(screen.raw, token.slice(-24), 8)).toBeUndefined();
    }
  });

  test('/login anthropic --profile gateway and /login zai --profile=team store beside the default profile; /logout --profile removes one', async () => {
    fixture.writeStore({ anthropic: { api_key: DEFAULT_KEY } });
    const screen = fixture.start();
    await screen.waitFor(promptFor('default', 'claude-test'));
    let mark = screen.mark();
    screen.type('/login anthropic --profile gateway');
    await screen.waitFor('Choose 1-2', { since: mark });
    screen.type('1');
    // The default profile's key is not this profile's: nothing is offered for replacing.
    await screen.waitFor('Paste your Anthropic API key (profile gateway) (input is hidden): ', {
      since: mark,
    });
    screen.write(`${ANTHROPIC_KEY}\r`);
    await screen.waitFor(/Stored the Anthropic API key \(profile gateway\) sk-ant-api03-…AAAA/, {
      since: mark,
    });

    mark = screen.mark();
    screen.type('/login zai --profile=team');
    await screen.waitFor('Paste your Z.AI API key (profile team) (input is hidden): ', {
      since: mark,
    });
    screen.write(`${ZAI_KEY}\r`);
    await screen.waitFor('Stored the Z.AI API key (profile team)', { since: mark });
    let store = fixture.readStore();
    expect(store['anthropic:gateway']).toEqual({ api_key: ANTHROPIC_KEY });
    expect(store['zai:team']).toEqual({ api_key: ZAI_KEY });
    expect(store.anthropic).toEqual({ api_key: DEFAULT_KEY });

    mark = screen.mark();
    screen.type('/logout anthropic --profile gateway');
    await screen.waitFor('Removed the Anthropic API key (profile gateway) from', { since: mark });
    await screen.waitFor('No Anthropic auth token (profile gateway) was stored.', { since: mark });
    store = fixture.readStore();
    expect(store['anthropic:gateway']).toBeUndefined();
    expect(store.anthropic).toEqual({ api_key: DEFAULT_KEY });
    expect(store['zai:team']).toEqual({ api_key: ZAI_KEY });

    mark = screen.mark();
    screen.type('/login openai --profile "Work"');
    await screen.waitFor('--profile takes a name of lowercase letters', { since: mark });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
    for (const secret of [ANTHROPIC_KEY, ZAI_KEY]) {
      expect(findSecretPiece(screen.raw, secret.slice(13, -4))).toBeUndefined();
    }
  });
});
