export {
  clearAnthropicApiKey,
  clearAnthropicAuthToken,
  getAnthropicApiKey,
  getAnthropicAuthToken,
  loadStoredAnthropicApiKey,
  loadStoredAnthropicAuthToken,
  storeAnthropicApiKey,
  storeAnthropicAuthToken,
} from './anthropic.js';
export { AuthModeUnsupportedError } from './auth-mode-unsupported-error.js';
export { AuthStoreError, type AuthStoreErrorCode } from './auth-store-error.js';
export { credentialPresence } from './credential-presence.js';
export { defaultAuthStorePath } from './default-auth-store-path.js';
export { isFlynnError } from './flynn-error.js';
export {
  clearGitHubToken,
  getGitHubToken,
  loadStoredGitHubToken,
  storeGitHubToken,
} from './github.js';
export { maskSecret } from './mask-secret.js';
export { MissingCredentialError } from './missing-credential-error.js';
export {
  clearOpenAIApiKey,
  clearOpenAIOAuth,
  getOpenAIApiKey,
  loadStoredOpenAIApiKey,
  loadStoredOpenAIOAuth,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
} from './openai.js';
export { readAuthStore, readAuthStoreSync } from './read-auth-store.js';
export { redactSecrets } from './redact-secrets.js';
export { credentialRemedy, type Remedy, remedyText } from './remedy.js';
export type { CredentialResolution, PresenceRow, ResolveRequest } from './resolution-types.js';
export { resolveCredential } from './resolve-credential.js';
export { Secret } from './secret.js';
// The table of every string secret the store holds (label, field, env vars, load/store/clear).
export {
  STORED_SECRETS,
  type StoredSecret,
  type StoredSecretProvider,
  storedSecret,
} from './stored-secrets.js';
export type {
  AuthMode,
  AuthModeOrigin,
  AuthStoreData,
  CredentialKind,
  CredentialSource,
  Env,
  OpenAIOAuthTokens,
  ProviderId,
  StoreOptions,
} from './types.js';
export { updateAuthStore } from './update-auth-store.js';
export { type LockOptions, type WriteOptions, withAuthStoreLock } from './with-auth-store-lock.js';
export { clearZaiApiKey, getZaiApiKey, loadStoredZaiApiKey, storeZaiApiKey } from './zai.js';
