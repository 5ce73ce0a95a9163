import { findGh, ghAuthToken } from '@flynn/auth-store';
import { loadConfigOrThrow } from '@flynn/config';
import { askYesNo } from '../credentials/ask-yes-no.js';
import {
  CredentialInputError,
  InterruptedError,
  UsageError,
} from '../credentials/credential-errors.js';
import { GITHUB_TOKEN } from '../credentials/credential-specs.js';
import { showDeviceCode, startWaitIndicator } from '../credentials/device-code-display.js';
import { DEFAULT_GITHUB_URL, runGitHubDeviceFlow } from '../credentials/github-device-flow.js';
import { canPromptHidden } from '../credentials/hidden-prompt.js';
import { exitOnInterrupt, withSigintAbort } from '../credentials/interrupt.js';
import { checkSecret, readSecret, whereToGetSecret } from '../credentials/read-secret.js';
import { type StoreCredentialOptions, storeCredential } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';

/** Flags of `flynn github-login`. At most one of `stdin`, `gh`, `device`. */
export interface GitHubLoginOptions extends StoreCredentialOptions {
  /** `--config PATH`, for `oauth.github.client_id`. */
  config?: string;
  /** Take the token `gh auth token` prints. */
  gh?: boolean;
  /** Run the GitHub device flow (needs an OAuth app client id). */
  device?: boolean;
  /** `--no-browser` sets this to false: with `--device`, do not open a browser. */
  browser?: boolean;
}

const SECRET = { label: GITHUB_TOKEN.label, command: GITHUB_TOKEN.command };

/**
 * The OAuth app's client id, and the `scope` of the device request: config
 * `oauth.github.scope`, else FLYNN_GITHUB_SCOPE, else empty. Empty is right for GitHub
 * Models: an OAuth app's token needs no scope for it (GitHub changelog 2025-05-15); only
 * fine-grained tokens and GitHub Apps need the `models: read` permission, set on the app.
 */
function deviceSettings(
  options: GitHubLoginOptions,
  io: CommandIO,
): { clientId: string; scope: string } {
  const { config } = loadConfigOrThrow(options.config, { env: io.env });
  const scope = config.oauth?.github?.scope ?? io.env.FLYNN_GITHUB_SCOPE ?? '';
  const clientId =
    config.oauth?.github?.client_id?.trim() || io.env.FLYNN_GITHUB_CLIENT_ID?.trim() || '';
  if (!clientId) {
    throw new UsageError(
      'The GitHub device flow needs the client id of an OAuth app with device flow enabled: ' +
        'set oauth.github.client_id in config.yaml or FLYNN_GITHUB_CLIENT_ID. ' +
        'Or paste a token: `flynn github-login`.',
    );
  }
  return { clientId, scope: scope.trim() };
}

async function deviceToken(options: GitHubLoginOptions, io: CommandIO): Promise<string> {
  const { clientId, scope } = deviceSettings(options, io);
  const baseUrl = (io.env.FLYNN_GITHUB_URL?.trim() || DEFAULT_GITHUB_URL).replace(/\/+$/, '');
  let waiting: { stop(): void } | undefined;
  try {
    return await withSigintAbort((signal) =>
      runGitHubDeviceFlow({
        baseUrl,
        clientId,
        scope,
        signal,
        onCode: (info) => {
          showDeviceCode(io, {
            service: 'GitHub',
            verificationUrl: info.verificationUrl,
            ...(info.completeUrl ? { completeUrl: info.completeUrl } : {}),
            userCode: info.userCode,
            json: options.json,
            noBrowser: options.browser === false,
          });
          waiting = startWaitIndicator(io, info.expiresAt, { quiet: options.json });
        },
      }),
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === 'DEVICE_LOGIN_ABORTED') throw new InterruptedError();
    throw error;
  } finally {
    waiting?.stop();
  }
}

/**
 * The token `gh auth token` prints.
 * @throws CredentialInputError `INPUT_UNAVAILABLE` when gh is missing, fails or times out.
 */
async function tokenFromGh(env: NodeJS.ProcessEnv): Promise<string> {
  const result = await ghAuthToken(env);
  if (result.ok) return result.token;
  if (result.reason === 'not_installed') {
    throw new CredentialInputError(
      'INPUT_UNAVAILABLE',
      'The GitHub CLI (gh) is not on PATH.',
      'Install gh and run `gh auth login`, or paste a token with `flynn github-login`.',
    );
  }
  throw new CredentialInputError(
    'INPUT_UNAVAILABLE',
    `\`gh auth token\` did not give a token (${result.detail}).`,
    'Run `gh auth login` first, or paste a token with `flynn github-login`.',
  );
}

async function obtainToken(options: GitHubLoginOptions, io: CommandIO): Promise<string> {
  if (options.gh) return checkSecret(await tokenFromGh(io.env), SECRET);
  if (options.device) return checkSecret(await deviceToken(options, io), SECRET);
  if (!options.stdin && canPromptHidden(io) && findGh(io.env)) {
    const useGh = await askYesNo(
      io,
      'The GitHub CLI is installed. Use the token `gh auth token` prints?',
    );
    if (useGh) return checkSecret(await tokenFromGh(io.env), SECRET);
  }
  return readSecret(io, {
    ...SECRET,
    stdin: options.stdin,
    hint: whereToGetSecret('github', 'api_key'),
  });
}

/**
 * `flynn github-login [--stdin | --gh | --device [--no-browser]] [--replace] [--verify
 * [--base-url URL]] [--json]`: stores a GitHub token (for GitHub Models) at `github.token`.
 * The token comes from the hidden prompt or stdin, from `gh auth token` (`--gh`, or
 * offered on a terminal when gh is installed), or from the GitHub device flow
 * (`--device`, client id from config `oauth.github.client_id` or FLYNN_GITHUB_CLIENT_ID,
 * server FLYNN_GITHUB_URL). Resolves to the exit code (0, 1, 2 usage, 130 cancelled).
 */
export async function githubLogin(options: GitHubLoginOptions, io: CommandIO): Promise<number> {
  const sources = [options.stdin, options.gh, options.device].filter(Boolean).length;
  if (sources > 1) throw new UsageError('Use only one of --stdin, --gh and --device.');
  return exitOnInterrupt(io, () =>
    storeCredential(GITHUB_TOKEN, options, io, () => obtainToken(options, io)),
  );
}
