// Each prompt for a secret says where to get one: the registry's page (and the scopes it
// needs), or `claude setup-token` for an Anthropic auth token. Shown on a terminal only.
import { createTempHome, PtyScreen, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { whereToGetSecret } from '../src/credentials/read-secret.js';
import { FLYNN_BIN } from './run-flynn.js';

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
});
afterEach(() => home.cleanup());

describe('where to get a secret', () => {
  it.each([
    ['openai', 'api_key', 'https://platform.openai.com/api-keys'],
    ['anthropic', 'auth_token', '`claude setup-token`'],
    ['github', 'api_key', 'models: read'],
  ])('%s %s names %s', (provider, kind, expected) => {
    expect(whereToGetSecret(provider, kind)).toContain(expected);
  });

  it('the hidden prompt of `flynn login anthropic --token` names `claude setup-token`', async () => {
    const screen = new PtyScreen({
      file: process.execPath,
      args: [FLYNN_BIN, 'login', 'anthropic', '--token'],
      env: home.env,
      cols: 120,
      rows: 20,
    });
    await screen.waitFor('claude setup-token');
    await screen.waitFor('Paste your Anthropic auth token');
    screen.write('\u0003');
    await screen.exit();
  });
});
