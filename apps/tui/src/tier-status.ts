import {
  type AuthStoreData,
  type CredentialResolution,
  isFlynnError,
  readAuthStore,
  resolveCredential,
} from '@flynn/auth-store';
import type { TierEntry } from '@flynn/config';
import { renderRemedy } from '@flynn/core';
import type { Session } from './session.js';

/** A tier's credential state, for `/model` and the checks before sending a message. */
export type TierStatus =
  | { ok: true; resolution: CredentialResolution }
  | { ok: false; problem: string; remedy: string };

const KIND_LABELS = { api_key: 'API key', oauth_tokens: 'ChatGPT login', auth_token: 'auth token' };

/** Resolves one tier against an already-read store (DESIGN section 5; no network). */
export function tierStatus(session: Session, tier: TierEntry, store: AuthStoreData): TierStatus {
  try {
    const resolution = resolveCredential({
      tier: tier.name,
      provider: tier.model.provider,
      mode: tier.authMode.mode,
      modeOrigin: tier.authMode.origin,
      config: { api_key: tier.model.api_key, auth_token: tier.model.auth_token },
      configPath: tier.configPath,
      env: session.env,
      store,
      storePath: session.storePath,
    });
    return { ok: true, resolution };
  } catch (error) {
    if (isFlynnError(error, 'CREDENTIAL_MISSING')) {
      return { ok: false, problem: 'no credential', remedy: renderRemedy(error.remedy, 'tui') };
    }
    if (isFlynnError(error)) {
      return { ok: false, problem: error.message, remedy: renderRemedy(error.remedy, 'tui') };
    }
    throw error;
  }
}

/** Reads the store once for a round of `tierStatus` calls. */
export function readStore(session: Session): Promise<AuthStoreData> {
  return readAuthStore({ path: session.storePath, env: session.env });
}

/** `API key from env OPENAI_API_KEY (sk-…a1b2)`, `no credential needed`. */
export function describeResolution(resolution: CredentialResolution): string {
  if (resolution.kind === 'none') return 'no credential needed';
  const where =
    resolution.source === 'store'
      ? 'auth.json'
      : resolution.source === 'env'
        ? `env ${resolution.location}`
        : resolution.location;
  return `${KIND_LABELS[resolution.kind]} from ${where} (${resolution.fingerprint})`;
}
