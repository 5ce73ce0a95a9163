// The public surface of @flynn/models, listed name by name.

// Provider clients and the per-tier factory.
export {
  ANTHROPIC_OAUTH_BETA,
  anthropicBetaHeader,
} from './anthropic-beta-header.js';
export {
  type CheckCredentialOptions,
  type CredentialCheck,
  checkCredential,
  describeCredentialCheck,
} from './check-credential.js';
export {
  type AnthropicClientOptions,
  createAnthropicClient,
} from './create-anthropic-client.js';
export {
  createOpenAIClient,
  type OpenAIClientOptions,
  type OpenAICompatibleProvider,
} from './create-openai-client.js';
export { createTierClient, type TierClient, type TierClientOptions } from './create-tier-client.js';
export {
  type AnsweredBy,
  credentialName,
  type FailoverCandidate,
  type FailoverOptions,
  failoverClient,
  type Refusal,
} from './failover-client.js';
export {
  isModelError,
  ModelError,
  type ModelErrorCode,
  type ModelErrorDetails,
} from './model-error.js';
export { browserCommand, canOpenBrowser, isBrowserUrl, openBrowser } from './open-browser.js';
// OpenAI OAuth: browser and device logins, refresh, the Codex backend client.
export {
  BROWSER_LOGIN_TIMEOUT_MS,
  type BrowserLogin,
  BrowserLoginError,
  type BrowserLoginFailure,
  type BrowserLoginOptions,
  type CodexClientOptions,
  chatGPTAccountId,
  codeChallenge,
  createCodexClient,
  DEFAULT_CALLBACK_PORT,
  DEFAULT_CODEX_BACKEND_URL,
  DEFAULT_CODEX_INSTRUCTIONS,
  DEFAULT_OPENAI_CLIENT_ID,
  DEFAULT_OPENAI_ISSUER,
  DEVICE_LOGIN_TIMEOUT_MS,
  type DeviceLoginCallbacks,
  type DeviceLoginOptions,
  decodeJwtClaims,
  type FreshAccessToken,
  type FreshTokenOptions,
  getFreshOpenAIAccessToken,
  jwtExpiresAt,
  loginWithBrowser,
  loginWithDeviceCode,
  type OpenAIOAuthSettings,
  openAICallbackPort,
  type PastedAnswer,
  parsePastedAnswer,
  REFRESH_MARGIN_MS,
  resolveOpenAIOAuthSettings,
  startBrowserLogin,
} from './openai-oauth/index.js';
export { DEFAULT_BASE_URLS, displayURL, PROVIDER_LABELS } from './provider-info.js';
export {
  requireTier,
  resolveTierCredential,
  resolveTierCredentials,
  type TierCredentialOptions,
} from './resolve-tier-credential.js';
export {
  formatDuration,
  hostOf,
  NETWORK_TIMEOUTS,
  type StreamTimeouts,
  streamWithTimeouts,
} from './stream-with-timeouts.js';
export { DEFAULT_ANTHROPIC_MAX_TOKENS } from './to-anthropic-request.js';
export { retryAfter } from './to-model-error.js';
export type {
  ChatMessage,
  ChatRequest,
  ModelClient,
  StreamEvent,
  ToolDefinition,
} from './types.js';
