import { loadConfigOrThrow } from '@flynn/config';
import {
  type ChatGPTLoginOptions,
  chatGPTStore,
  loginTimeoutMs,
  reportExistingLogin,
  reportStoredLogin,
} from '../credentials/chatgpt-login-report.js';
import { InterruptedError, namedProfile } from '../credentials/credential-errors.js';
import { showDeviceCode, startWaitIndicator } from '../credentials/device-code-display.js';
import { exitOnInterrupt, withSigintAbort } from '../credentials/interrupt.js';
import { lockWaitNotice } from '../credentials/lock-wait-notice.js';
import { configuredCredentialStore } from '../credentials/store-options.js';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln, style } from '../io.js';
import { startProgress } from '../progress.js';

/** Flags of `flynn openai-login` (= `flynn login openai --device`). */
export type OpenAILoginOptions = ChatGPTLoginOptions;

function explainDisabled(io: CommandIO, issuer: string): number {
  eprintln(
    io,
    `${style(io, 'red', 'error:')} device-code login is not enabled for your ChatGPT account (${issuer} refused to issue a code).`,
  );
  eprintln(io, 'To turn it on, open ChatGPT > Settings > Security and enable device code');
  eprintln(io, 'authorization (in a ChatGPT workspace, an admin has to allow it first).');
  eprintln(
    io,
    'Or log in in the browser: `flynn login openai --browser`, or use an API key: `flynn openai-key`.',
  );
  return EXIT.failure;
}

/**
 * `flynn openai-login [--no-browser] [--replace] [--json] [--timeout S]` (also `flynn login
 * openai --device`): logs in to ChatGPT with a device code (issuer and client id from config
 * `oauth.openai`, else FLYNN_OPENAI_ISSUER / FLYNN_OPENAI_CLIENT_ID) and stores the tokens at
 * `openai.oauth`. Prints the URL and code, opens a browser on an interactive desktop, shows
 * the time left, and stops cleanly on Ctrl-C. Resolves to the exit code (0, 1 failed, 130
 * cancelled).
 */
export async function openaiLogin(options: OpenAILoginOptions, io: CommandIO): Promise<number> {
  const timeoutMs = loginTimeoutMs(options);
  namedProfile(options.profile); // a bad --profile is a usage error before anything is read
  const { config } = loadConfigOrThrow(options.config, { env: io.env });
  const { hostOf, loginWithDeviceCode, NETWORK_TIMEOUTS, resolveOpenAIOAuthSettings } =
    await import('@flynn/models');
  const settings = resolveOpenAIOAuthSettings(config, io.env);
  const existing = await reportExistingLogin(options, io, 'flynn openai-login');
  if (existing !== undefined) return existing;

  return exitOnInterrupt(io, async () => {
    let waiting: { stop(): void } | undefined = startProgress(
      io,
      `Asking ${hostOf(settings.issuer)} for a device code…`,
      { quiet: options.json },
    );
    let tokens: Awaited<ReturnType<typeof loginWithDeviceCode>>;
    try {
      tokens = await withSigintAbort((signal) =>
        loginWithDeviceCode({
          settings,
          storePath: chatGPTStore(io).path,
          env: io.env,
          credentialStore: configuredCredentialStore(options.config, io.env, config),
          onLockWait: lockWaitNotice(io, { quiet: options.json }),
          profile: namedProfile(options.profile),
          signal,
          ...(timeoutMs ? { timeoutMs } : {}),
          // Each request to the issuer: 30 s, or less when the whole login may take less.
          requestTimeoutMs: Math.min(NETWORK_TIMEOUTS.authMs, timeoutMs ?? Infinity),
          onCode: (info) => {
            waiting?.stop();
            showDeviceCode(io, {
              service: 'ChatGPT',
              verificationUrl: info.verificationUrl,
              userCode: info.userCode,
              json: options.json,
              noBrowser: options.browser === false,
            });
            waiting = startWaitIndicator(io, info.expiresAt, { quiet: options.json });
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
    return reportStoredLogin(tokens, 'device', options, io);
  });
}
