export { DEFAULT_CODEX_INSTRUCTIONS } from './codex-request.js';
export { type CodexClientOptions, createCodexClient } from './create-codex-client.js';
export {
  type FreshAccessToken,
  type FreshTokenOptions,
  getFreshOpenAIAccessToken,
  REFRESH_MARGIN_MS,
} from './get-fresh-openai-access-token.js';
export { chatGPTAccountId, decodeJwtClaims, jwtExpiresAt } from './jwt-claims.js';
export {
  BROWSER_LOGIN_TIMEOUT_MS,
  type BrowserLogin,
  BrowserLoginError,
  type BrowserLoginFailure,
  type BrowserLoginOptions,
  DEFAULT_CALLBACK_PORT,
  loginWithBrowser,
  openAICallbackPort,
  type PastedAnswer,
  parsePastedAnswer,
  startBrowserLogin,
} from './login-with-browser.js';
export {
  DEVICE_LOGIN_TIMEOUT_MS,
  type DeviceLoginCallbacks,
  type DeviceLoginOptions,
  loginWithDeviceCode,
} from './login-with-device-code.js';
export {
  DEFAULT_CODEX_BACKEND_URL,
  DEFAULT_OPENAI_CLIENT_ID,
  DEFAULT_OPENAI_ISSUER,
  type OpenAIOAuthSettings,
  resolveOpenAIOAuthSettings,
} from './openai-oauth-settings.js';
export { codeChallenge } from './pkce.js';
