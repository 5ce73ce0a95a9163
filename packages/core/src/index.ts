export {
  classifyCredential,
  describeCredential,
  looksLikeOtherCredential,
  withArticle,
} from './classify-credential.js';
export { flynnConfigDir, homeDirectory } from './config-dir.js';
export { credentialLabel, describeMode, formatTime } from './describe.js';
export {
  FLYNN_ERROR,
  FLYNN_ERROR_CODES,
  FlynnError,
  type FlynnErrorCode,
  type FlynnErrorOptions,
  isFlynnError,
  isFlynnErrorCode,
} from './flynn-error.js';
export { formatHeaderTable, formatTable } from './format-table.js';
export { type LoginMethod, type LoginMethodKind, loginMethods } from './login-methods.js';
export { knownSecretPrefix, maskSecret } from './mask-secret.js';
export {
  BAD_PROFILE_OPTION,
  DEFAULT_PROFILE,
  isProfileName,
  PROFILE_NAME_PATTERN,
  profileOption,
} from './profile-name.js';
export {
  CREDENTIAL_ENV_VARS,
  CREDENTIAL_PROVIDERS,
  type CredentialSpec,
  credentialKinds,
  credentialSpec,
  isProviderId,
  OAUTH_PROVIDERS,
  PROVIDER_CREDENTIALS,
  PROVIDER_IDS,
  PROVIDER_REGISTRY,
  type ProviderCredential,
  type ProviderId,
  type ProviderSpec,
  providerSpec,
  type WireFormat,
  wireFormat,
} from './providers.js';
export { redactSecrets } from './redact-secrets.js';
export {
  credentialRemedy,
  loginCommand,
  loginFlag,
  type Remedy,
  type RemedyStep,
  type RemedyStyle,
  renderRemedy,
} from './remedy.js';
export {
  escapeJsonControls,
  hasControlCharacters,
  sanitizeText,
  terminalText,
} from './sanitize-text.js';
export {
  AUTH_MODES,
  type AuthMode,
  type AuthModeOrigin,
  assertNever,
  CREDENTIAL_STORES,
  type CredentialKind,
  type CredentialSource,
  type CredentialStoreSetting,
  type Env,
} from './types.js';
export { displayURL, withoutURLCredentials } from './url-display.js';
