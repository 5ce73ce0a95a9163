// Doctor reads providers from the registry: a tier of any registry provider gets its row,
// the presence matrix lists every env var and store field the registry gives its kinds, and
// a missing credential's remedy names them (`flynn login <id>` for the providers that have
// no older alias). The six providers added with the registry are checked by name as well.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loginCommand,
  maskSecret,
  PROVIDER_IDS,
  type ProviderId,
  providerSpec,
  renderRemedy,
} from '@flynn/core';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctorReportToJson } from './doctor-report-json.js';
import { runDoctor } from './run-doctor.js';

const NEW_PROVIDERS = [
  ['gemini', 'GEMINI_API_KEY'],
  ['mistral', 'MISTRAL_API_KEY'],
  ['openrouter', 'OPENROUTER_API_KEY'],
  ['groq', 'GROQ_API_KEY'],
  ['deepseek', 'DEEPSEEK_API_KEY'],
  ['xai', 'XAI_API_KEY'],
] as const satisfies ReadonlyArray<readonly [ProviderId, string]>;

let home: TempHome;
let storePath: string;
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  storePath = join(home.configDir, 'auth.json');
});
afterEach(() => home.cleanup());

/** One local provider per registry provider, named after it. */
function writeEveryProvider(): string {
  const lines = ['models:', '  local_providers:'];
  for (const id of PROVIDER_IDS) {
    const baseUrl = id === 'openai-compatible' ? ', base_url: "http://127.0.0.1:9/v1"' : '';
    lines.push(`    - {name: t-${id}, provider: ${id}, model: m${baseUrl}}`);
  }
  const file = join(home.configDir, 'config.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function report(env: Record<string, string> = {}) {
  return runDoctor({ configPath: writeEveryProvider(), env: { ...home.env, ...env } });
}

describe('doctor and the provider registry', () => {
  it('has a row for a tier of every registry provider, with a rendered remedy where one is missing', async () => {
    const result = await report();
    expect(result.tiers.map((row) => row.provider)).toEqual([...PROVIDER_IDS]);
    const json = doctorReportToJson(result);
    for (const id of PROVIDER_IDS) {
      const spec = providerSpec(id);
      const row = json.tiers.find((entry) => entry.tier === `t-${id}`);
      if (spec.keyless) {
        expect(row, id).toMatchObject({ status: 'ok', credential: 'none', remedy: '' });
        continue;
      }
      expect(row, id).toMatchObject({ status: 'fail', credential: 'none', source: 'none' });
      // The tier's mode decides the kinds it needs (`auto`: all of them).
      for (const credential of spec.credentials.filter((c) => !c.interactiveLogin)) {
        expect(row?.remedy, id).toContain(loginCommand(id, credential.kind));
        for (const name of credential.envVars) expect(row?.remedy, id).toContain(name);
      }
      expect(row?.message, id).not.toContain('flynn ');
    }
  });

  it('lists every env var and store field of every credential kind in the presence matrix', async () => {
    const result = await report();
    for (const id of PROVIDER_IDS) {
      const rows = result.presence.filter((row) => row.provider === id);
      for (const credential of providerSpec(id).credentials) {
        const locations = rows
          .filter((row) => row.kind === credential.kind)
          .map((row) => row.location);
        for (const name of credential.envVars) expect(locations, id).toContain(name);
        expect(locations, id).toContain(`${storePath} ${id}.${credential.storeField}`);
      }
      expect(
        rows.every((row) => !row.present),
        id,
      ).toBe(true);
    }
  });

  it.each(NEW_PROVIDERS)(
    '%s: %s wins, with its fingerprint; without it the remedy is flynn login',
    async (provider, envVar) => {
      const key = `${provider}-doctor-test-key-0000abcd`;
      const found = await report({ [envVar]: key });
      const row = found.tiers.find((entry) => entry.tier === `t-${provider}`);
      expect(row).toMatchObject({
        provider,
        credential: 'api_key',
        source: 'env',
        location: envVar,
        fingerprint: maskSecret(key),
        status: 'ok',
        remedy: [],
      });
      expect(found.presence).toContainEqual({
        provider,
        kind: 'api_key',
        source: 'env',
        location: envVar,
        present: true,
        fingerprint: maskSecret(key),
      });
      expect(JSON.stringify(doctorReportToJson(found))).not.toContain(key);

      const missing = await report();
      const failing = missing.tiers.find((entry) => entry.tier === `t-${provider}`);
      expect(failing?.remedy).toEqual([
        { kind: 'login', provider, credential: 'api_key' },
        { kind: 'env', vars: [envVar] },
      ]);
      expect(renderRemedy(failing?.remedy ?? [], 'cli')).toBe(
        `Run \`flynn login ${provider}\` or set ${envVar}`,
      );
      expect(renderRemedy(failing?.remedy ?? [], 'tui')).toBe(
        `Run \`/login ${provider}\`, or set ${envVar} and restart Flynn`,
      );
    },
  );

  it.each(NEW_PROVIDERS)('%s: a stored key wins from auth.json', async (provider) => {
    const key = `${provider}-stored-key-00000000wxyz`;
    writeFileSync(storePath, JSON.stringify({ version: 1, [provider]: { api_key: key } }), {
      mode: 0o600,
    });
    chmodSync(storePath, 0o600);
    const result = await report();
    expect(result.tiers.find((entry) => entry.tier === `t-${provider}`)).toMatchObject({
      source: 'store',
      location: `${storePath} ${provider}.api_key`,
      fingerprint: maskSecret(key),
      status: 'ok',
    });
  });
});
