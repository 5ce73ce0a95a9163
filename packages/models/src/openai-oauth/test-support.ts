// Shared by this folder's tests: a temp home with an auth server, a Codex backend and a
// store path, plus helpers to seed tokens. Not exported from the package.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storeOpenAIOAuth } from '@flynn/auth-store';
import {
  type CodexBackendServerOptions,
  createTempHome,
  type IssueTokensOptions,
  type OpenAIAuthServerOptions,
  startCodexBackendServer,
  startOpenAIAuthServer,
} from '@flynn/testkit';
import type { OpenAIOAuthSettings } from './openai-oauth-settings.js';

export async function startOAuthWorld(
  options: { auth?: OpenAIAuthServerOptions; backend?: Partial<CodexBackendServerOptions> } = {},
) {
  const home = createTempHome();
  const auth = await startOpenAIAuthServer(options.auth);
  const backend = await startCodexBackendServer({ auth, ...options.backend });
  const storePath = join(home.configDir, 'auth.json');
  const settings: OpenAIOAuthSettings = {
    issuer: auth.issuer,
    clientId: 'app_EMoamEEZ73f0CkXaXp7hrann',
    backendUrl: backend.baseURL,
  };
  return {
    home,
    auth,
    backend,
    storePath,
    settings,
    env: home.env,
    /** Seeds the store with freshly issued tokens (negative expiry = already expired). */
    async seed(issue: IssueTokensOptions = {}) {
      const tokens = auth.issueTokens(issue);
      await storeOpenAIOAuth(tokens, { path: storePath });
      return tokens;
    },
    async stored() {
      return JSON.parse(await readFile(storePath, 'utf8')).openai?.oauth;
    },
    async close() {
      await Promise.all([auth.close(), backend.close()]);
      home.cleanup();
    },
  };
}

export type OAuthWorld = Awaited<ReturnType<typeof startOAuthWorld>>;
