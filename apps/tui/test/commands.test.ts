import { afterEach, expect, test } from 'vitest';
import { configYaml, createTuiFixture, promptFor, type TuiFixture } from './tui-fixture.js';

const OPENAI_KEY = 'sk-proj-Status4Key8For3Tests9z';

let fixture: TuiFixture;
afterEach(() => fixture?.cleanup());

function start() {
  fixture = createTuiFixture(
    configYaml({
      default: { provider: 'openai', model: 'gpt-test', base_url: 'http://127.0.0.1:9/v1' },
      fast: {
        provider: 'anthropic',
        model: 'claude-test',
        auth_mode: 'oauth',
        base_url: 'http://127.0.0.1:9',
      },
    }),
  );
  fixture.writeStore({
    openai: {
      api_key: OPENAI_KEY,
      oauth: {
        access_token: 'access-token-abcdefghijkl',
        refresh_token: 'refresh-token-abcdefghijkl',
      },
    },
    anthropic: { api_key: 'sk-ant-api03-Unused1Key2For3Status4' },
  });
  const screen = fixture.start();
  return screen;
}

test('/status shows mode, source, fingerprint and status per tier, with /login remedies', async () => {
  const screen = start();
  await screen.waitFor(promptFor('default', 'gpt-test'));
  screen.type('/status');
  const shown = await screen.waitFor(
    /Every tier can authenticate\.|Some tiers cannot authenticate yet\./,
  );
  expect(shown).toMatch(
    /› +default +openai\/gpt-test +auto +api key +auth\.json openai\.api_key +sk-proj-…ts9z +ok/,
  );
  expect(shown).toMatch(/fast +anthropic\/claude-test +oauth \(auth_mode\) +- +- +- +fail/);
  expect(shown).toContain(
    'fast: Run `/login anthropic`, or set ANTHROPIC_AUTH_TOKEN and restart Flynn',
  );
  expect(shown).not.toContain('flynn ');
  expect(shown).toContain('Some tiers cannot authenticate yet.');
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});

test('/logout removes only the kind asked for, then the rest', async () => {
  const screen = start();
  await screen.waitFor(promptFor('default', 'gpt-test'));
  let mark = screen.mark();
  screen.type('/logout openai api-key');
  await screen.waitFor(/Removed the OpenAI API key from .*auth\.json\./, { since: mark });
  expect(fixture.readStore().openai).toEqual({
    oauth: {
      access_token: 'access-token-abcdefghijkl',
      refresh_token: 'refresh-token-abcdefghijkl',
    },
  });
  mark = screen.mark();
  screen.type('/logout openai');
  await screen.waitFor('No OpenAI API key was stored.', { since: mark });
  await screen.waitFor('Removed the ChatGPT login', { since: mark });
  expect(fixture.readStore().openai ?? {}).toEqual({});
  expect(fixture.readStore().anthropic).toBeDefined();
  mark = screen.mark();
  screen.type('/logout nowhere');
  await screen.waitFor(
    'Usage: /logout <openai|anthropic|zai|github|gemini|mistral|openrouter|groq|deepseek|xai> [api-key|oauth|all]',
    {
      since: mark,
    },
  );
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});

test('/help lists the commands; an unknown command points at /help; /login with no provider shows usage', async () => {
  const screen = start();
  await screen.waitFor(promptFor('default', 'gpt-test'));
  screen.type('/help');
  const help = await screen.waitFor('/exit');
  for (const command of [
    '/login openai',
    '/login anthropic',
    '/model <tier>',
    '/status',
    '/logout',
  ]) {
    expect(help).toContain(command);
  }
  let mark = screen.mark();
  screen.type('/frobnicate');
  await screen.waitFor('Unknown command /frobnicate. Type /help for the list.', { since: mark });
  mark = screen.mark();
  screen.type('/login');
  await screen.waitFor(
    'Usage: /login <openai|anthropic|zai|github|gemini|mistral|openrouter|groq|deepseek|xai>',
    { since: mark },
  );
  mark = screen.mark();
  screen.type('/model nope');
  await screen.waitFor('There is no tier or local provider called "nope".', { since: mark });
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
});
