// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${NAME} in plain strings is the syntax under test
// Command references in a tier client, on the wire: the loopback server sees the value the
// command printed; a rejected value makes the command run exactly once more; `ttl_s` makes a
// long-lived client pick up a new value; `${NAME}` headers arrive expanded; and a tier that
// is not used never runs its command.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSecretResolver, loadConfigOrThrow } from '@flynn/config';
import {
  createTempHome,
  type OpenAIApiServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectEvents, rejectionOf, textOf } from '../test/collect-events.js';
import { createTierClient } from './create-tier-client.js';

const KEY_1 = 'sk-proj-command-key-1-abcdef';
const KEY_2 = 'sk-proj-command-key-2-abcdef';

let home: TempHome;
let server: OpenAIApiServer;

beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
});
afterEach(async () => {
  await server?.close();
  home.cleanup();
});

/** A script that prints `sk-proj-command-key-<n>-abcdef`, n counting its runs (in `count`). */
function counterScript(): string {
  const script = join(home.configDir, 'next-key.sh');
  writeFileSync(
    script,
    'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo sk-proj-command-key-$n-abcdef\n',
  );
  return script;
}

const runs = () => Number(readFileSync(join(home.configDir, 'count'), 'utf8'));

function config(tiers: string) {
  const file = join(home.configDir, 'config.yaml');
  writeFileSync(file, `models:\n${tiers}`);
  return loadConfigOrThrow(file).config;
}

describe('command references in createTierClient', () => {
  it('a rejected value runs the command exactly once more, and the request is retried with it', async () => {
    server = await startOpenAIApiServer({ apiKeys: [KEY_2] });
    counterScript();
    const loaded = config(
      `  fast: { provider: openai, model: gpt-4.1-mini, base_url: "${server.baseURL}", api_key: { command: [sh, next-key.sh] } }\n`,
    );
    const { client, resolution } = await createTierClient({
      config: loaded,
      tier: 'fast',
      env: home.env,
      maxRetries: 0,
    });
    expect(resolution.location).toBe('models.fast.api_key (command: sh)');
    expect(
      textOf(await collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] }))),
    ).toBe('Hello from openai');
    expect(runs()).toBe(2);
    const sent = server.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => r.headers.authorization);
    expect(sent).toEqual([`Bearer ${KEY_1}`, `Bearer ${KEY_2}`]);
  });

  it('a second rejection is the error: one re-run only', async () => {
    server = await startOpenAIApiServer({ apiKeys: ['sk-proj-never-printed-000'] });
    counterScript();
    const loaded = config(
      `  fast: { provider: openai, model: gpt-4.1-mini, base_url: "${server.baseURL}", api_key: { command: [sh, next-key.sh] } }\n`,
    );
    const { client } = await createTierClient({
      config: loaded,
      tier: 'fast',
      env: home.env,
      maxRetries: 0,
    });
    const error = (await rejectionOf(
      collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] })),
    )) as Error & { code?: string };
    expect(error.code).toBe('MODEL_AUTH');
    expect(runs()).toBe(2);
    expect(String(error.message)).not.toContain(KEY_2);
    expect(JSON.stringify((error as { remedy?: unknown }).remedy)).toContain(
      'Update the secret it reads (command: sh)',
    );
  });

  it('ttl_s: a long-lived client runs the command again once the value is that old', async () => {
    server = await startOpenAIApiServer({ apiKeys: [KEY_1, KEY_2] });
    counterScript();
    const loaded = config(
      `  fast: { provider: openai, model: gpt-4.1-mini, base_url: "${server.baseURL}", api_key: { command: [sh, next-key.sh], ttl_s: 60 } }\n`,
    );
    let now = 5_000_000;
    const resolver = createSecretResolver({ env: home.env, now: () => now });
    const { client } = await createTierClient({
      config: loaded,
      tier: 'fast',
      env: home.env,
      resolver,
    });
    const ask = () => collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] }));
    await ask();
    now += 30_000;
    await ask();
    now += 31_000;
    await ask();
    const sent = server.requests
      .filter((r) => r.path.endsWith('/chat/completions'))
      .map((r) => r.headers.authorization);
    expect(sent).toEqual([`Bearer ${KEY_1}`, `Bearer ${KEY_1}`, `Bearer ${KEY_2}`]);
    expect(runs()).toBe(2);
  });

  it('${NAME} in a header arrives expanded; $$ is a literal $', async () => {
    server = await startOpenAIApiServer();
    const loaded = config(
      `  fast: { provider: openai-compatible, model: m, base_url: "${server.baseURL}", headers: { Authorization: "Bearer \${GATEWAY_TOKEN}", X-Price: "$$5" } }\n`,
    );
    const { client } = await createTierClient({
      config: loaded,
      tier: 'fast',
      env: { ...home.env, GATEWAY_TOKEN: 'gw-secret-123456' },
    });
    await collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] }));
    const request = server.requests.at(-1);
    expect(request?.headers.authorization).toBe('Bearer gw-secret-123456');
    expect(request?.headers['x-price']).toBe('$5');
    const unset = await rejectionOf(
      createTierClient({ config: loaded, tier: 'fast', env: home.env }),
    );
    expect(unset).toMatchObject({
      code: 'SECRET_REFERENCE_FAILED',
      message: expect.stringMatching(/GATEWAY_TOKEN/),
    });
  });

  it('a tier that is not used never runs its command', async () => {
    server = await startOpenAIApiServer();
    const marker = join(home.configDir, 'ran');
    const loaded = config(
      `  default: { provider: openai, model: m, api_key: { command: [touch, ${marker}] } }\n  local: { provider: ollama, model: m, base_url: "${server.baseURL}" }\n`,
    );
    const { client } = await createTierClient({ config: loaded, tier: 'local', env: home.env });
    await collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] }));
    expect(existsSync(marker)).toBe(false);
  });
});
