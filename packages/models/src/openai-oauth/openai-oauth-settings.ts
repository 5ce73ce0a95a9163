import type { Env, FlynnConfig } from '@flynn/config';

/** Where the OpenAI OAuth path talks to: the auth server, its client id and the Codex backend. */
export interface OpenAIOAuthSettings {
  /** Auth server root, without a trailing slash (default `https://auth.openai.com`). */
  issuer: string;
  /** OAuth client id (default Codex CLI's public client id). */
  clientId: string;
  /** Codex backend base, without a trailing slash; requests go to `${backendUrl}/responses`. */
  backendUrl: string;
}

/** The real OpenAI auth server. */
export const DEFAULT_OPENAI_ISSUER = 'https://auth.openai.com';
/** Codex CLI's public OAuth client id, which the ChatGPT device-code flow accepts. */
export const DEFAULT_OPENAI_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';
/** The ChatGPT Codex backend that serves OpenAI OAuth requests. */
export const DEFAULT_CODEX_BACKEND_URL = 'https://chatgpt.com/backend-api/codex';

function pick(...values: (string | undefined)[]): string | undefined {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed) return trimmed;
  }
  return undefined;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Resolves issuer, client id and backend URL, each independently: config
 * `oauth.openai.{issuer,client_id,backend_url}`, else env `FLYNN_OPENAI_ISSUER`,
 * `FLYNN_OPENAI_CLIENT_ID`, `FLYNN_OPENAI_CODEX_URL`, else the real defaults. A tier's
 * `base_url` (`tierBaseUrl`) replaces the backend URL. Empty values count as unset;
 * trailing slashes are dropped. Never throws.
 */
export function resolveOpenAIOAuthSettings(
  config: FlynnConfig | undefined,
  env: Env = process.env,
  tierBaseUrl?: string,
): OpenAIOAuthSettings {
  const overrides = config?.oauth?.openai;
  return {
    issuer: withoutTrailingSlash(
      pick(overrides?.issuer, env.FLYNN_OPENAI_ISSUER) ?? DEFAULT_OPENAI_ISSUER,
    ),
    clientId: pick(overrides?.client_id, env.FLYNN_OPENAI_CLIENT_ID) ?? DEFAULT_OPENAI_CLIENT_ID,
    backendUrl: withoutTrailingSlash(
      pick(tierBaseUrl, overrides?.backend_url, env.FLYNN_OPENAI_CODEX_URL) ??
        DEFAULT_CODEX_BACKEND_URL,
    ),
  };
}
