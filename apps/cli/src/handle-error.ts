import { EXIT } from './exit-codes.js';
import { type CommandIO, eprintln, style } from './io.js';

interface CodedError {
  code: string;
  message: string;
  remedy?: unknown;
}

/** Error codes the CLI knows, with the exit code each maps to. Anything else is an internal error. */
const KNOWN_CODES: Record<string, number> = {
  CONFIG_INVALID: EXIT.failure,
  CREDENTIAL_MISSING: EXIT.failure,
  AUTH_STORE_CORRUPT: EXIT.failure,
  AUTH_STORE_LOCK_TIMEOUT: EXIT.failure,
  AUTH_STORE_IO: EXIT.failure,
  USAGE: EXIT.usage,
};

/** Codes thrown by @flynn/models share a prefix; all are expected outcomes with a message for people. */
const KNOWN_PREFIXES = ['MODEL_', 'OAUTH_', 'PROVIDER_', 'DEVICE_LOGIN_', 'INPUT_'];

function isCodedError(error: unknown): error is CodedError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function formatRemedy(remedy: unknown): string | undefined {
  if (typeof remedy === 'string') return remedy;
  if (remedy && typeof remedy === 'object') {
    const { commands = [], envVars = [] } = remedy as { commands?: string[]; envVars?: string[] };
    const parts = [
      commands.length ? `run ${commands.map((c) => `\`${c}\``).join(' or ')}` : '',
      envVars.length ? `set ${envVars.join(' or ')}` : '',
    ].filter(Boolean);
    if (parts.length) return `${parts.join(', or ')}`;
  }
  return undefined;
}

/**
 * The one top-level handler: known error codes become a message, a remedy and an
 * exit code; anything else is reported as an internal error with the version (the
 * stack only with FLYNN_DEBUG=1). Library errors never carry secrets, so their
 * messages are safe to print.
 */
export function handleError(error: unknown, io: CommandIO, version: string): number {
  if (isCodedError(error)) {
    const exitCode =
      KNOWN_CODES[error.code] ??
      (KNOWN_PREFIXES.some((prefix) => error.code.startsWith(prefix)) ? EXIT.failure : undefined);
    if (exitCode !== undefined) {
      eprintln(io, `${style(io, 'red', 'error:')} ${error.message}`);
      const remedy = formatRemedy(error.remedy);
      if (remedy && !error.message.includes(remedy))
        eprintln(io, `${style(io, 'dim', 'hint:')} ${remedy}`);
      return exitCode;
    }
  }
  eprintln(
    io,
    `${style(io, 'red', 'internal error:')} flynn ${version} hit an unexpected problem.`,
  );
  if (io.env.FLYNN_DEBUG)
    eprintln(io, error instanceof Error ? (error.stack ?? error.message) : String(error));
  else
    eprintln(
      io,
      'Run again with FLYNN_DEBUG=1 for details, and report it with that output (check it for secrets first).',
    );
  return EXIT.failure;
}
