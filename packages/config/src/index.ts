export {
  ConfigError,
  type ConfigIssue,
  type ConfigWarning,
  formatConfigIssue,
  formatConfigWarning,
  isConfigError,
} from './config-issue.js';
export {
  type ConfigParseCache,
  configCacheKey,
  configHoldsSecrets,
  fileConfigParseCache,
} from './config-parse-cache.js';
export { type ConfigPaths, type Env, resolveConfigPaths } from './config-paths.js';
export {
  type ConfigEdit,
  configPathSegments,
  type EditConfigResult,
  editConfigText,
} from './edit-config-text.js';
export {
  type Expansion,
  expandVariables,
  hasVariables,
  withoutVariables,
} from './expand-variables.js';
export { findPlaceholder, type Placeholder } from './find-placeholder.js';
export { findTier, listTiers, type TierEntry, tierProfiles } from './list-tiers.js';
export {
  configFileOf,
  DEFAULT_CONFIG_YAML,
  type LoadConfigOptions,
  type LoadConfigResult,
  loadConfig,
  loadConfigOrThrow,
  refuseMisspelledKeys,
} from './load-config.js';
export {
  type MaterializeOptions,
  materializeTierSecrets,
  materializeTierSecretsSync,
  SECRET_FIELDS,
  type SecretField,
  type SecretFileRead,
  type TierSecrets,
  tierCredentialRequest,
} from './materialize-tier-secrets.js';
export { formatPath, type ParseConfigResult, parseConfig } from './parse-config.js';
export {
  type AuthModeOrigin,
  type ResolvedAuthMode,
  resolveAuthMode,
} from './resolve-auth-mode.js';
export {
  AUTH_MODES,
  type AuthMode,
  type FlynnConfig,
  flynnConfigSchema,
  type LocalProviderConfig,
  localProviderSchema,
  type ModelConfig,
  modelConfigBaseSchema,
  modelsSchema,
  OAUTH_PROVIDERS,
  PROVIDERS,
  type ProviderId,
  TIER_NAMES,
  type TierName,
} from './schema.js';
export {
  DEFAULT_COMMAND_TIMEOUT_S,
  describeSecretReference,
  isCommandReference,
  isSecretReference,
  SECRET_REFERENCE_SYNTAX,
  type SecretReference,
  type SecretValue,
  secretValueProblem,
} from './secret-reference.js';
export {
  isSecretReferenceError,
  SecretReferenceError,
  type SecretReferenceErrorFields,
} from './secret-reference-error.js';
export {
  type CommandReference,
  createSecretResolver,
  SecretCommandFailure,
  type SecretResolver,
  type SecretResolverOptions,
} from './secret-resolver.js';
