// The doctor matrix, shared by the in-process tests (packages/doctor/src/doctor.test.ts)
// and the end-to-end tests of the built binary (apps/cli/test/doctor.test.ts): every
// auth mode (auto, api_key, oauth, use_oauth) x every source (config, env, store, none)
// for OpenAI and Anthropic, plus Z.AI, GitHub, Ollama and an OpenAI-compatible row.
// Expectations are written out literally below, not computed by a second resolver.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOURCES = ['config', 'env', 'store', 'none'] as const;
export type MatrixSource = (typeof SOURCES)[number];
export const MODES = ['auto', 'api_key', 'oauth', 'use_oauth'] as const;
export type MatrixMode = (typeof MODES)[number];

/** Distinct, recognisable values per source; each is also a leak canary. */
export function matrixSecrets(source: Exclude<MatrixSource, 'none'>) {
  const tag = source.toUpperCase();
  return {
    openaiKey: `sk-proj-${tag}openaiKey0000000000wxyz${source.length}`,
    anthropicKey: `sk-ant-api03-${tag}anthropicKey000000000${source.length}kq`,
    anthropicToken: `sk-ant-oat01-${tag}anthropicToken0000000${source.length}tq`,
    zaiKey: `${tag.toLowerCase()}zaiKey0000000000.abc${source.length}`,
    githubToken: `ghp_${tag}githubToken000000000000${source.length}`,
    lmstudioKey: `lm-${tag}lmstudioKey0000000000${source.length}`,
    openaiAccess: `eyJhbGciOiJub25lIn0.${tag}openaiAccess0000.sig${source.length}a`,
    openaiRefresh: `rt_${tag}openaiRefresh000000000000${source.length}`,
  };
}

const MODE_YAML: Record<MatrixMode, string> = {
  auto: '',
  api_key: ', auth_mode: api_key',
  oauth: ', auth_mode: oauth',
  use_oauth: ', use_oauth: true',
};

/** The tiers of every matrix config, in order: `local`, then the local providers. */
export const MATRIX_TIERS = [
  'local',
  ...MODES.map((mode) => `openai-${mode}`),
  ...MODES.map((mode) => `anthropic-${mode}`),
  'glm',
  'gh',
  'lmstudio',
];

export interface MatrixSetup {
  configFile: string;
  storePath: string;
  /** Env vars to add to the child's (or runDoctor's) env. */
  env: Record<string, string>;
}

/** Writes the config (and the store, for `store`) of one source into `configDir`. */
export function writeMatrix(configDir: string, source: MatrixSource): MatrixSetup {
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const secrets = source === 'none' ? undefined : matrixSecrets(source);
  const inline = (fields: Record<string, string>) =>
    source === 'config'
      ? Object.entries(fields)
          .map(([key, value]) => `, ${key}: "${value}"`)
          .join('')
      : '';
  const lines = ['models:', '  local: {provider: ollama, model: llama3.2}', '  local_providers:'];
  for (const mode of MODES) {
    lines.push(
      `    - {name: openai-${mode}, provider: openai, model: gpt-5${MODE_YAML[mode]}${inline({ api_key: secrets?.openaiKey ?? '' })}}`,
    );
  }
  for (const mode of MODES) {
    lines.push(
      `    - {name: anthropic-${mode}, provider: anthropic, model: claude-sonnet-4-5${MODE_YAML[mode]}${inline({ api_key: secrets?.anthropicKey ?? '', auth_token: secrets?.anthropicToken ?? '' })}}`,
    );
  }
  lines.push(
    `    - {name: glm, provider: zai, model: glm-4.6${inline({ api_key: secrets?.zaiKey ?? '' })}}`,
    `    - {name: gh, provider: github, model: openai/gpt-4.1${inline({ api_key: secrets?.githubToken ?? '' })}}`,
    `    - {name: lmstudio, provider: openai-compatible, model: qwen3, base_url: "http://127.0.0.1:9/v1"${inline({ api_key: secrets?.lmstudioKey ?? '' })}}`,
  );
  const configFile = join(configDir, 'config.yaml');
  writeFileSync(configFile, `${lines.join('\n')}\n`);
  const storePath = join(configDir, 'auth.json');

  const env: Record<string, string> = {};
  if (source === 'env' && secrets) {
    env.OPENAI_API_KEY = secrets.openaiKey;
    env.ANTHROPIC_API_KEY = secrets.anthropicKey;
    env.ANTHROPIC_AUTH_TOKEN = secrets.anthropicToken;
    env.ZAI_API_KEY = secrets.zaiKey;
    env.GH_TOKEN = secrets.githubToken;
  }
  if (source === 'store' && secrets) {
    const store = {
      version: 1,
      openai: {
        api_key: secrets.openaiKey,
        oauth: {
          access_token: secrets.openaiAccess,
          refresh_token: secrets.openaiRefresh,
          account_id: 'acct_matrix',
          expires_at: Date.UTC(2099, 0, 1),
        },
      },
      anthropic: { api_key: secrets.anthropicKey, auth_token: secrets.anthropicToken },
      zai: { api_key: secrets.zaiKey },
      github: { token: secrets.githubToken },
    };
    writeFileSync(storePath, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
    chmodSync(storePath, 0o600);
  }
  return { configFile, storePath, env };
}

/** One row of `flynn doctor --json`'s `tiers`, as the matrix expects it. */
export interface ExpectedTier {
  tier: string;
  provider: string;
  auth_mode: 'auto' | 'api_key' | 'oauth';
  auth_mode_origin: 'default' | 'auth_mode' | 'use_oauth';
  credential: string;
  source: string;
  location: string;
  /** The secret whose fingerprint must be shown; undefined when none. */
  secret?: string;
  status: 'ok' | 'fail';
  remedy: string;
}

type Kind = 'api_key' | 'oauth_tokens' | 'auth_token';

/** What each provider x mode uses from each source (absent: nothing usable -> fail with `remedy`). */
const WINS: Record<string, { kinds: Partial<Record<MatrixSource, Kind>>; remedy: string }> = {
  'openai/auto': {
    kinds: { config: 'api_key', env: 'api_key', store: 'api_key' },
    remedy: 'Run `flynn openai-key` or `flynn openai-login`, or set OPENAI_API_KEY',
  },
  'openai/api_key': {
    kinds: { config: 'api_key', env: 'api_key', store: 'api_key' },
    remedy: 'Run `flynn openai-key` or set OPENAI_API_KEY',
  },
  'openai/oauth': { kinds: { store: 'oauth_tokens' }, remedy: 'Run `flynn openai-login`' },
  'anthropic/auto': {
    kinds: { config: 'api_key', env: 'api_key', store: 'api_key' },
    remedy:
      'Run `flynn anthropic-auth` or `flynn anthropic-token`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN',
  },
  'anthropic/api_key': {
    kinds: { config: 'api_key', env: 'api_key', store: 'api_key' },
    remedy: 'Run `flynn anthropic-auth` or set ANTHROPIC_API_KEY',
  },
  'anthropic/oauth': {
    kinds: { config: 'auth_token', env: 'auth_token', store: 'auth_token' },
    remedy: 'Run `flynn anthropic-token` or set ANTHROPIC_AUTH_TOKEN',
  },
  'zai/auto': {
    kinds: { config: 'api_key', env: 'api_key', store: 'api_key' },
    remedy: 'Run `flynn zai-key` or set ZAI_API_KEY',
  },
  'github/auto': {
    kinds: { config: 'api_key', env: 'api_key', store: 'api_key' },
    remedy: 'Run `flynn github-login` or set GH_TOKEN or GITHUB_TOKEN',
  },
};

const ENV_VARS: Record<string, string> = {
  'openai/api_key': 'OPENAI_API_KEY',
  'anthropic/api_key': 'ANTHROPIC_API_KEY',
  'anthropic/auth_token': 'ANTHROPIC_AUTH_TOKEN',
  'zai/api_key': 'ZAI_API_KEY',
  'github/api_key': 'GH_TOKEN',
};
const STORE_FIELDS: Record<string, string> = {
  'openai/api_key': 'openai.api_key',
  'openai/oauth_tokens': 'openai.oauth',
  'anthropic/api_key': 'anthropic.api_key',
  'anthropic/auth_token': 'anthropic.auth_token',
  'zai/api_key': 'zai.api_key',
  'github/api_key': 'github.token',
};

/** The expected `tiers` rows for one source, in config order. */
export function expectedMatrix(source: MatrixSource, storePath: string): ExpectedTier[] {
  const secrets = source === 'none' ? undefined : matrixSecrets(source);
  const secretFor: Record<string, string | undefined> = {
    'openai/api_key': secrets?.openaiKey,
    'openai/oauth_tokens': secrets?.openaiAccess,
    'anthropic/api_key': secrets?.anthropicKey,
    'anthropic/auth_token': secrets?.anthropicToken,
    'zai/api_key': secrets?.zaiKey,
    'github/api_key': secrets?.githubToken,
  };
  const rows: ExpectedTier[] = [
    {
      tier: 'local',
      provider: 'ollama',
      auth_mode: 'auto',
      auth_mode_origin: 'default',
      credential: 'none',
      source: 'none',
      location: '',
      status: 'ok',
      remedy: '',
    },
  ];
  const entries: Array<[string, string, MatrixMode]> = [
    ...MODES.map((mode): [string, string, MatrixMode] => [`openai-${mode}`, 'openai', mode]),
    ...MODES.map((mode): [string, string, MatrixMode] => [`anthropic-${mode}`, 'anthropic', mode]),
    ['glm', 'zai', 'auto'],
    ['gh', 'github', 'auto'],
  ];
  entries.forEach(([tier, provider, mode], index) => {
    const effective = mode === 'use_oauth' ? 'oauth' : mode;
    const rule = WINS[`${provider}/${effective}`];
    if (!rule) throw new Error(`no rule for ${provider}/${effective}`);
    const kind = rule.kinds[source];
    const base = {
      tier,
      provider,
      auth_mode: effective,
      auth_mode_origin:
        mode === 'auto'
          ? ('default' as const)
          : mode === 'use_oauth'
            ? ('use_oauth' as const)
            : ('auth_mode' as const),
    };
    if (!kind) {
      rows.push({
        ...base,
        credential: 'none',
        source: 'none',
        location: '',
        status: 'fail',
        remedy: rule.remedy,
      });
      return;
    }
    const configPath = `models.local_providers[${index}]`;
    const location =
      source === 'config'
        ? `${configPath}.${kind}`
        : source === 'env'
          ? (ENV_VARS[`${provider}/${kind}`] ?? '?')
          : `${storePath} ${STORE_FIELDS[`${provider}/${kind}`]}`;
    rows.push({
      ...base,
      credential: kind,
      source,
      location,
      secret: secretFor[`${provider}/${kind}`],
      status: 'ok',
      remedy: '',
    });
  });
  rows.push(
    source === 'config'
      ? {
          tier: 'lmstudio',
          provider: 'openai-compatible',
          auth_mode: 'auto',
          auth_mode_origin: 'default',
          credential: 'api_key',
          source: 'config',
          location: `models.local_providers[${entries.length}].api_key`,
          secret: secrets?.lmstudioKey,
          status: 'ok',
          remedy: '',
        }
      : {
          tier: 'lmstudio',
          provider: 'openai-compatible',
          auth_mode: 'auto',
          auth_mode_origin: 'default',
          credential: 'none',
          source: 'none',
          location: '',
          status: 'ok',
          remedy: '',
        },
  );
  return rows;
}
