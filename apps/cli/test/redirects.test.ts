import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  startHostileServer,
  startLoopbackServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGitHubDeviceFlow } from '../src/credentials/github-device-flow.js';
import { runFlynn } from './run-flynn.js';

// Issue 11, class 3: a credential-bearing request that is redirected to another origin is
// an error, never followed, and never reported as a success.

let home: TempHome;
const closers: Array<() => Promise<void>> = [];
beforeEach(() => {
  home = createTempHome();
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  home.cleanup();
});

/** A server that must never be reached, and a hostile one that redirects everything to it. */
async function redirectToOtherOrigin(body: string) {
  const target = await startLoopbackServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  const hostile = await startHostileServer({ modes: { '/': 'redirect' }, redirectTo: target.url });
  closers.push(target.close, hostile.close);
  return { target, hostile };
}

describe('redirects to another origin', () => {
  it('doctor --online never reports ok for a call redirected to another origin', async () => {
    const { target, hostile } = await redirectToOtherOrigin('{"object":"list","data":[]}');
    const config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      `models:\n  default: { provider: openai, model: m, base_url: "${hostile.baseURL}" }\n`,
    );
    const env = { ...home.env, OPENAI_API_KEY: 'sk-proj-redirect-test-key-0123456789' };
    const run = await runFlynn(
      ['--config', config, 'doctor', '--online', '--json', '--timeout', '30'],
      { env },
    );
    const tier = JSON.parse(run.stdout).tiers.find(
      (entry: { tier: string }) => entry.tier === 'default',
    );
    expect(tier.online.status).toBe('fail');
    expect(tier.online.message).toContain('redirect');
    expect(target.requests).toEqual([]);
  });

  it('the GitHub device-code request never follows a redirect to another origin', async () => {
    const { target, hostile } = await redirectToOtherOrigin(
      '{"device_code":"dc","user_code":"UC","verification_uri":"https://x/","interval":0,"expires_in":1}',
    );
    const error = await runGitHubDeviceFlow({
      baseUrl: hostile.url,
      clientId: 'client',
      sleep: async () => {},
      onCode() {},
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(String((error as Error | undefined)?.message)).toContain('redirect');
    expect(target.requests).toEqual([]);
  });
});
