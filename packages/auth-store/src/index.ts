// Masking, redaction and remedies are @flynn/core's; re-exported for the store's callers.
export {
  credentialRemedy,
  maskSecret,
  type Remedy,
  redactSecrets,
  renderRemedy,
} from '@flynn/core';
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
export {
  activeCooldown,
  COOLDOWN_FILE,
  type Cooldown,
  type CooldownEvent,
  type CooldownReason,
  type CooldownState,
  clearCooldown,
  cooldownPath,
  credentialDigest,
  MAX_COOLDOWN_MS,
  RATE_LIMIT_COOLDOWN_MS,
  readCooldowns,
  recordCooldown,
} from './cooldowns.js';
export { CredentialInvalidError } from './credential-invalid-error.js';
export { credentialPresence } from './credential-presence.js';
export {
  type BackendChoice,
  type CredentialBackend,
  type CredentialStoreSettingOrigin,
  type CredentialStoreStatus,
  credentialStoreSetting,
  credentialStoreStatus,
} from './credential-store.js';
export {
  type CredentialTarget,
  clearStoredCredential,
  type StoreWarning,
  selectLogout,
  storeWarnings,
} from './credential-use-cases.js';
export { defaultAuthStorePath } from './default-auth-store-path.js';
export { FLYNN_ERROR, FlynnError, isFlynnError } from './flynn-error.js';
export { findGh, type GhAuthTokenResult, ghAuthToken } from './gh-auth-token.js';
export {
  clearGitHubToken,
  getGitHubToken,
  loadStoredGitHubToken,
  storeGitHubToken,
} from './github.js';
export {
  KEYRING_SERVICE,
  keyringAccount,
  keyringLocation,
  keyringName,
  keyringScope,
} from './keyring.js';
export {
  type MigratedEntry,
  type MigrationReport,
  migrateCredentialStore,
} from './migrate-credential-store.js';
export { MissingCredentialError } from './missing-credential-error.js';
export {
  clearOpenAIApiKey,
  clearOpenAIOAuth,
  getOpenAIApiKey,
  loadStoredOpenAIApiKey,
  loadStoredOpenAIOAuth,
  type OAuthProfileOption,
  openAIOAuthField,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
} from './openai.js';
export { type StoreFileWarning, storeTextWarnings } from './parse-auth-store.js';
export {
  DEFAULT_PROFILE,
  isProfileName,
  PROFILE_NAME_PATTERN,
  parseProfileKey,
  profileStoreKey,
  storedProfiles,
} from './profiles.js';
export { readAuthStore, readAuthStoreSync, readStoreText } from './read-auth-store.js';
export {
  type ExpiryTarget,
  type ExpiryWatch,
  parseGitHubTokenExpiration,
  recordCredentialExpiry,
  watchCredentialExpiry,
} from './record-expiry.js';
export type {
  CredentialResolution,
  NoCredentialResolution,
  OAuthResolution,
  PresenceRow,
  ResolveRequest,
  SecretResolution,
} from './resolution-types.js';
export { resolveCredential } from './resolve-credential.js';
export { resolveCredentials } from './resolve-credentials.js';
export { Secret } from './secret.js';
export { expiryField, type StoreValueOptions } from './stored-field.js';
// The table of every string secret the store holds (label, field, env vars, load/store/clear).
export {
  localProviderSecret,
  profileSecret,
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
  CredentialStoreSetting,
  Env,
  OpenAIOAuthTokens,
  ProviderId,
  StoreOptions,
} from './types.js';
export { updateAuthStore } from './update-auth-store.js';
export {
  describeLockWait,
  LOCK_WAIT_NOTICE_MS,
  type LockOptions,
  type LockWait,
  type WriteOptions,
  withAuthStoreLock,
} from './with-auth-store-lock.js';
export { clearZaiApiKey, getZaiApiKey, loadStoredZaiApiKey, storeZaiApiKey } from './zai.js';
