// What both ChatGPT logins (browser and device code) say before and after: a login already
// stored (masked, kept unless --replace), and the tokens just stored. Tokens are shown only
// as their masked fingerprint.
import {
  defaultAuthStorePath,
  loadStoredOpenAIOAuth,
  maskSecret,
  type OpenAIOAuthTokens,
  storeWarnings,
} from '@flynn/auth-store';
import { formatTime } from '@flynn/core';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, printJson, println, style } from '../io.js';
import { namedProfile, UsageError } from './credential-errors.js';
import { OPENAI_API_KEY } from './credential-specs.js';
import { printWarnings, renderStoreWarnings } from './credential-warnings.js';
import { storedLocation } from './store-options.js';

/** How a ChatGPT login was done, as `--json` reports it. */
export type ChatGPTLoginMethod = 'browser' | 'device';

/** Flags both ChatGPT logins share. */
export interface ChatGPTLoginOptions {
  /** `--config PATH`, for `oauth.openai` overrides. */
  config?: string;
  /** `--no-browser` sets this to false: do not launch a browser. */
  browser?: boolean;
  /** Log in again although tokens are stored. */
  replace?: boolean;
  /** Print one JSON object on stdout (the instructions go to stderr). */
  json?: boolean;
  /** `--timeout <seconds>`: how long to wait for the login (default: the method's own). */
  timeout?: string;
  /** `--profile NAME`: the profile the login goes into (`openai:<name>.oauth`; default `openai.oauth`). */
  profile?: string;
}

/** ` (profile work)` for a named profile, else nothing. */
function inProfile(options: ChatGPTLoginOptions): string {
  const profile = namedProfile(options.profile);
  return profile ? ` (profile ${profile})` : '';
}

/** The command again, with its `--profile`: `flynn openai-login --profile work`. */
function withProfile(command: string, options: ChatGPTLoginOptions): string {
  const profile = namedProfile(options.profile);
  return profile ? `${command} --profile ${profile}` : command;
}

/** `--timeout` in ms, or undefined when not given. @throws UsageError for a bad value. */
export function loginTimeoutMs(options: ChatGPTLoginOptions): number | undefined {
  if (options.timeout === undefined) return undefined;
  const seconds = Number(options.timeout);
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new UsageError('--timeout must be a positive number of seconds');
  }
  return seconds * 1000;
}

function describeTokens(tokens: { account_id?: string; expires_at?: number }): string {
  const parts = [
    tokens.account_id ? `account ${tokens.account_id}` : '',
    tokens.expires_at ? `access token valid until ${formatTime(tokens.expires_at)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Where the tokens go, and the store options for that path. */
export function chatGPTStore(io: CommandIO) {
  const path = defaultAuthStorePath(io.env);
  return { path, storeOptions: { path, env: io.env } };
}

/**
 * When a login is stored and `--replace` was not given: says so (masked) and resolves to
 * exit 0; otherwise resolves to undefined and the login goes ahead.
 */
export async function reportExistingLogin(
  options: ChatGPTLoginOptions,
  io: CommandIO,
  replaceCommand: string,
): Promise<number | undefined> {
  const { path, storeOptions } = chatGPTStore(io);
  const profile = namedProfile(options.profile);
  const existing = await loadStoredOpenAIOAuth({ ...storeOptions, profile });
  if (!existing || options.replace) return undefined;
  const fingerprint = maskSecret(existing.access_token);
  if (options.json) {
    printJson(io, {
      stored: false,
      already_stored: true,
      provider: 'openai',
      kind: 'oauth_tokens',
      path,
      ...(profile ? { profile } : {}),
      fingerprint,
      account_id: existing.account_id,
      warnings: [],
    });
  } else {
    println(
      io,
      `A ChatGPT login${inProfile(options)} is already stored (${fingerprint})${describeTokens(existing)} in ${path}.`,
    );
    println(io, `Run \`${withProfile(replaceCommand, options)} --replace\` to log in again.`);
  }
  return EXIT.ok;
}

/** Reports tokens a login has just stored, with the store warnings; resolves to exit 0. */
export async function reportStoredLogin(
  tokens: OpenAIOAuthTokens,
  method: ChatGPTLoginMethod,
  options: ChatGPTLoginOptions,
  io: CommandIO,
): Promise<number> {
  const { path, storeOptions } = chatGPTStore(io);
  const warnings = renderStoreWarnings(
    { ...OPENAI_API_KEY, kind: 'oauth_tokens', label: 'ChatGPT login' },
    await storeWarnings({ provider: 'openai', kind: 'oauth_tokens' }, undefined, storeOptions),
    true,
  );
  const fingerprint = maskSecret(tokens.access_token);
  const profile = namedProfile(options.profile);
  const location = await storedLocation(io, path, profile ? `openai:${profile}` : 'openai');
  if (options.json) {
    printJson(io, {
      stored: true,
      provider: 'openai',
      kind: 'oauth_tokens',
      method,
      ...(profile ? { profile } : {}),
      path,
      location,
      fingerprint,
      account_id: tokens.account_id,
      expires_at: tokens.expires_at ? new Date(tokens.expires_at).toISOString() : undefined,
      warnings,
    });
  } else {
    println(
      io,
      `${style(io, 'green', 'Logged in to ChatGPT')}${describeTokens(tokens)}${inProfile(options)}.`,
    );
    println(io, `Stored the tokens (${fingerprint}) in ${location}.`);
    println(
      io,
      'OpenAI tiers use them with auth_mode oauth (or auto when no API key is found); this path has no tool calls.',
    );
    printWarnings(io, warnings);
  }
  return EXIT.ok;
}
