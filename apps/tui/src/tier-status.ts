import {
  type AuthStoreData,
  type CredentialResolution,
  isFlynnError,
  readAuthStore,
  resolveCredentials,
} from '@flynn/auth-store';
import {
  materializeTierSecrets,
  type TierEntry,
  tierCredentialRequest,
  tierProfiles,
} from '@flynn/config';
import { renderRemedy } from '@flynn/core';
import type { Session } from './session.js';

/** A tier's credential state, for `/model` and the checks before sending a message. */
export type TierStatus =
  | { ok: true; resolution: CredentialResolution }
  | { ok: false; problem: string; remedy: string };

const KIND_LABELS = { api_key: 'API key', oauth_tokens: 'ChatGPT login', auth_token: 'auth token' };

/**
 * Resolves one tier against an already-read store (DESIGN section 5; no network). Its secret
 * references are materialized with the session's resolver (a command runs once per `ttl_s`).
 */
export async function tierStatus(
  session: Session,
  tier: TierEntry,
  store: AuthStoreData,
): Promise<TierStatus> {
  const secrets = await materializeTierSecrets(tier, session.config, {
    env: session.env,
    resolver: session.secretResolver,
  });
  try {
    // A tier that names profiles uses the first of them that holds a credential, as a
    // message would (`@flynn/models`); one that names none, `default`.
    const [resolution] = resolveCredentials(
      {
        ...tierCredentialRequest(tier, secrets),
        env: session.env,
        store,
        storePath: session.storePath,
      },
      tierProfiles(tier),
    );
    return { ok: true, resolution: resolution as CredentialResolution };
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
