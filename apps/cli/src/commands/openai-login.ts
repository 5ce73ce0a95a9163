import { loadStoredOpenAIOAuth, maskSecret, storeWarnings } from '@flynn/auth-store';
import { loadConfigOrThrow } from '@flynn/config';
import { InterruptedError } from '../credentials/credential-errors.js';
import { OPENAI_API_KEY } from '../credentials/credential-specs.js';
import { printWarnings, renderStoreWarnings } from '../credentials/credential-warnings.js';
import { showDeviceCode, startWaitIndicator } from '../credentials/device-code-display.js';
import { exitOnInterrupt, withSigintAbort } from '../credentials/interrupt.js';
import { lockWaitNotice } from '../credentials/lock-wait-notice.js';
import { cliStoreOptions } from '../credentials/store-options.js';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, printJson, println, style } from '../io.js';

/** Flags of `flynn openai-login`. */
export interface OpenAILoginOptions {
  /** `--config PATH`, for `oauth.openai` overrides. */
  config?: string;
  /** `--no-browser` sets this to false: print the URL only. */
  browser?: boolean;
  /** Log in again although tokens are stored. */
  replace?: boolean;
  /** Print one JSON object on stdout (the URL and code go to stderr). */
  json?: boolean;
}

function describeTokens(tokens: { account_id?: string; expires_at?: number }): string {
  const parts = [
    tokens.account_id ? `account ${tokens.account_id}` : '',
    tokens.expires_at
      ? `access token valid until ${new Date(tokens.expires_at).toISOString()}`
      : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function explainDisabled(io: CommandIO, issuer: string): number {
  eprintln(
    io,
    `${style(io, 'red', 'error:')} device-code login is not enabled for your ChatGPT account (${issuer} refused to issue a code).`,
  );
  eprintln(io, 'To turn it on, open ChatGPT > Settings > Security and enable device code');
  eprintln(io, 'authorization (in a ChatGPT workspace, an admin has to allow it first).');
  eprintln(io, 'Then run `flynn openai-login` again, or use an API key: `flynn openai-key`.');
  return EXIT.failure;
}

/**
 * `flynn openai-login [--no-browser] [--replace] [--json]`: logs in to ChatGPT with a
 * device code (issuer and client id from config `oauth.openai`, else FLYNN_OPENAI_ISSUER /
 * FLYNN_OPENAI_CLIENT_ID) and stores the tokens at `openai.oauth`. Prints the URL and
 * code, opens a browser on an interactive desktop, shows the time left, and stops
 * cleanly on Ctrl-C. Resolves to the exit code (0, 1 failed, 130 cancelled).
 */
export async function openaiLogin(options: OpenAILoginOptions, io: CommandIO): Promise<number> {
  const { config } = loadConfigOrThrow(options.config, { env: io.env });
  const { loginWithDeviceCode, resolveOpenAIOAuthSettings } = await import('@flynn/models');
  const settings = resolveOpenAIOAuthSettings(config, io.env);
  const storeOptions = cliStoreOptions(io, options.config, config);
  const { path } = storeOptions;
  const base = { provider: 'openai', kind: 'oauth_tokens', path };

  const existing = await loadStoredOpenAIOAuth(storeOptions);
  if (existing && !options.replace) {
    const fingerprint = maskSecret(existing.access_token);
    if (options.json)
      printJson(io, {
        stored: false,
        already_stored: true,
        ...base,
        fingerprint,
        account_id: existing.account_id,
        warnings: [],
      });
    else {
      println(
        io,
        `A ChatGPT login is already stored (${fingerprint})${describeTokens(existing)} in ${path}.`,
      );
      println(io, 'Run `flynn openai-login --replace` to log in again.');
    }
    return EXIT.ok;
  }

  return exitOnInterrupt(io, async () => {
    let waiting: { stop(): void } | undefined;
    let tokens: Awaited<ReturnType<typeof loginWithDeviceCode>>;
    try {
      tokens = await withSigintAbort((signal) =>
        loginWithDeviceCode({
          settings,
          storePath: path,
          env: io.env,
          credentialStore: storeOptions.credentialStore,
          onLockWait: lockWaitNotice(io),
          signal,
          onCode: (info) => {
            showDeviceCode(io, {
              service: 'ChatGPT',
              verificationUrl: info.verificationUrl,
              userCode: info.userCode,
              json: options.json,
              noBrowser: options.browser === false,
            });
            waiting = startWaitIndicator(io, info.expiresAt);
          },
        }),
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'OAUTH_ABORTED') throw new InterruptedError();
      if (code === 'OAUTH_DEVICE_LOGIN_DISABLED') return explainDisabled(io, settings.issuer);
      throw error;
    } finally {
      waiting?.stop();
    }

    const warnings = renderStoreWarnings(
      { ...OPENAI_API_KEY, kind: 'oauth_tokens', label: 'ChatGPT login' },
      await storeWarnings({ provider: 'openai', kind: 'oauth_tokens' }, undefined, storeOptions),
      true,
    );
    const fingerprint = maskSecret(tokens.access_token);
    if (options.json) {
      printJson(io, {
        stored: true,
        ...base,
        fingerprint,
        account_id: tokens.account_id,
        expires_at: tokens.expires_at ? new Date(tokens.expires_at).toISOString() : undefined,
        warnings,
      });
    } else {
      println(io, `${style(io, 'green', 'Logged in to ChatGPT')}${describeTokens(tokens)}.`);
      println(io, `Stored the tokens (${fingerprint}) in ${path}.`);
      println(
        io,
        'OpenAI tiers use them with auth_mode oauth (or auto when no API key is found); this path has no tool calls.',
      );
      printWarnings(io, warnings);
    }
    return EXIT.ok;
  });
}
