export type {
  AnthropicServer,
  AnthropicServerOptions,
} from './anthropic-server.js';
export { ANTHROPIC_OAUTH_BETA, startAnthropicServer } from './anthropic-server.js';
export type {
  CodexBackendServer,
  CodexBackendServerOptions,
} from './codex-backend-server.js';
export { startCodexBackendServer } from './codex-backend-server.js';
export { type EchoCredential, echoedCredential } from './echo-credential.js';
export {
  HOSTILE_TEXT,
  type HostileMode,
  type HostileServer,
  type HostileServerOptions,
  startHostileServer,
} from './hostile-server.js';
export type {
  LoopbackHandler,
  LoopbackServer,
  RecordedRequest,
  SseWriter,
} from './loopback-server.js';
export { openSse, sendJson, startLoopbackServer } from './loopback-server.js';
export type { OpenAIApiServer, OpenAIApiServerOptions } from './openai-api-server.js';
export { startOpenAIApiServer } from './openai-api-server.js';
export type {
  IssuedTokens,
  IssueTokensOptions,
  OpenAIAuthServer,
  OpenAIAuthServerOptions,
} from './openai-auth-server.js';
export { CODEX_CLIENT_ID, startOpenAIAuthServer } from './openai-auth-server.js';
export type { SseEvent } from './parse-sse.js';
export { parseSse } from './parse-sse.js';
export {
  createPassStore,
  type PassStore,
  type PassStoreOptions,
  passAvailable,
} from './pass-store.js';
export {
  findSecretPiece,
  PtyScreen,
  type PtyScreenOptions,
  plainText,
  type ScreenView,
  type WaitOptions,
} from './pty-screen.js';
export {
  type BinProcess,
  type BinRun,
  type RunBinOptions,
  runBin,
  startBin,
} from './run-bin.js';
export {
  type SecretService,
  secretServiceAvailable,
  startSecretService,
} from './secret-service.js';
export { type SilentServer, startSilentServer } from './silent-server.js';
export type { StreamOptions } from './stream-options.js';
export type { TempHome } from './temp-home.js';
export { createTempHome, SCRUBBED_ENV_PATTERN, scrubEnv } from './temp-home.js';
export { startUnconnectableServer, type UnconnectableServer } from './unconnectable-server.js';
export { type BrowserVisit, visitAsBrowser } from './visit-as-browser.js';
