import { createInterface } from 'node:readline';
import { loadConfigOrThrow } from '@flynn/config';
import { sanitizeText } from '@flynn/core';
import type { BrowserLogin } from '@flynn/models';
import {
  type ChatGPTLoginOptions,
  chatGPTStore,
  loginTimeoutMs,
  reportExistingLogin,
  reportStoredLogin,
} from '../credentials/chatgpt-login-report.js';
import { InterruptedError, isInterrupted, namedProfile } from '../credentials/credential-errors.js';
import { startWaitIndicator } from '../credentials/device-code-display.js';
import { canPromptHidden, promptHidden } from '../credentials/hidden-prompt.js';
import { exitOnInterrupt, withSigintAbort } from '../credentials/interrupt.js';
import { lockWaitNotice } from '../credentials/lock-wait-notice.js';
import { configuredCredentialStore } from '../credentials/store-options.js';
import { type CommandIO, eprintln } from '../io.js';

/** Flags of `flynn login openai --browser`. */
export type OpenAIBrowserLoginOptions = ChatGPTLoginOptions;

const NOT_AN_ANSWER =
  'That is neither the address the browser ended at nor a code; paste the whole address (http://localhost:…/auth/callback?code=…), or wait.';

/**
 * Feeds what the user pastes to the login until it ends: on a terminal a hidden prompt (the
 * address holds the code, a secret: never echoed), otherwise stdin line by line. Text that
 * is neither an address nor a code is refused with a note, and the wait goes on.
 * @throws InterruptedError on Ctrl-C at the hidden prompt.
 */
async function readPastes(login: BrowserLogin, io: CommandIO, ended: AbortSignal): Promise<void> {
  if (canPromptHidden(io)) {
    while (!ended.aborted) {
      let text: string;
      try {
        text = await promptHidden(io, '', ended);
      } catch (error) {
        if (ended.aborted && !isInterrupted(error)) return;
        throw error;
      }
      if (text.trim() !== '' && !login.submit(text)) eprintln(io, NOT_AN_ANSWER);
    }
    return;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  const stop = () => lines.close();
  ended.addEventListener('abort', stop, { once: true });
  try {
    for await (const line of lines) {
      if (line.trim() !== '' && !login.submit(line)) eprintln(io, NOT_AN_ANSWER);
      if (ended.aborted) break;
    }
  } finally {
    ended.removeEventListener('abort', stop);
    (io.stdin as { pause?: () => void }).pause?.();
  }
}

/**
 * `flynn login openai --browser [--no-browser] [--replace] [--json] [--timeout S]`: the
 * ChatGPT login in the browser (PKCE, callback on `localhost:1455`, FLYNN_OPENAI_CALLBACK_PORT
 * to move it). Prints the authorize URL and opens it with FLYNN_BROWSER or the platform's
 * opener (not with `--no-browser`, nor without a desktop); then waits, showing the time
 * left, for the browser to come back, or for the address it ended at (or the code) to be
 * pasted, which is offered whenever no browser was opened. Ctrl-C cancels with exit 130.
 * Tokens are stored at `openai.oauth` exactly as the device login stores them. Resolves to
 * the exit code (0, 1 failed, 130 cancelled).
 */
export async function openaiBrowserLogin(
  options: OpenAIBrowserLoginOptions,
  io: CommandIO,
): Promise<number> {
  const timeoutMs = loginTimeoutMs(options);
  namedProfile(options.profile); // a bad --profile is a usage error before anything is read
  const { config } = loadConfigOrThrow(options.config, { env: io.env });
  const { canOpenBrowser, openBrowser, resolveOpenAIOAuthSettings, startBrowserLogin } =
    await import('@flynn/models');
  const settings = resolveOpenAIOAuthSettings(config, io.env);
  const existing = await reportExistingLogin(options, io, 'flynn login openai --browser');
  if (existing !== undefined) return existing;

  return exitOnInterrupt(io, () =>
    withSigintAbort(async (sigint) => {
      // Ctrl-C is SIGINT, or a byte at the hidden prompt (raw mode): either cancels the login.
      const cancel = new AbortController();
      let login: BrowserLogin;
      try {
        login = await startBrowserLogin({
          settings,
          storePath: chatGPTStore(io).path,
          env: io.env,
          credentialStore: configuredCredentialStore(options.config, io.env, config),
          onLockWait: lockWaitNotice(io, { quiet: options.json }),
          profile: namedProfile(options.profile),
          signal: AbortSignal.any([sigint, cancel.signal]),
          ...(timeoutMs ? { timeoutMs } : {}),
        });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'OAUTH_ABORTED') throw new InterruptedError();
        throw error;
      }
      const out = options.json ? io.stderr : io.stdout;
      const launch = options.browser !== false && canOpenBrowser(io.env);
      out.write(
        `To sign in to ChatGPT, open this page in a browser:\n\n  ${sanitizeText(login.authorizeUrl, { singleLine: true })}\n\n`,
      );
      const opened = launch && openBrowser(login.authorizeUrl, io.env);
      if (opened) out.write('(Opening it in your browser.)\n');
      else {
        out.write(
          'If that browser is on another machine, it ends on an address that does not load\n' +
            `(${login.redirectUri}?code=...): copy that address, or just its code,\n` +
            'and paste it here, then press Enter.\n',
        );
      }
      // The paste prompt first: on a terminal it turns echo off before "paste here" shows,
      // so an address pasted the moment the hint appears is never echoed.
      const ended = new AbortController();
      const pastes = opened ? undefined : readPastes(login, io, ended.signal);
      const waiting = startWaitIndicator(io, login.expiresAt, {
        waitingFor: 'the browser',
        hint: opened ? 'Ctrl-C to cancel' : 'paste here, Ctrl-C to cancel',
        quiet: options.json,
      });
      try {
        const tokens = await (pastes
          ? Promise.race([login.result, pastes.then(() => login.result)])
          : login.result);
        waiting.stop();
        return await reportStoredLogin(tokens, 'browser', options, io);
      } catch (error) {
        if (isInterrupted(error)) throw error;
        if ((error as { code?: unknown }).code === 'OAUTH_ABORTED') throw new InterruptedError();
        throw error;
      } finally {
        waiting.stop();
        // Stops the callback server if the login has not ended (Ctrl-C at the prompt).
        cancel.abort();
        ended.abort();
        await pastes?.catch(() => {});
      }
    }),
  );
}
