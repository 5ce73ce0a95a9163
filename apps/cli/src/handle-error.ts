import { EXIT } from './exit-codes.js';
import { type CommandIO, eprintln, style } from './io.js';

interface CodedError {
  code: string;
  message: string;
  remedy?: unknown;
}

/** Codes of the CLI's own errors, with the exit code each maps to. */
const KNOWN_CODES: Record<string, number> = {
  USAGE: EXIT.usage,
};

/**
 * Code prefixes of the CLI's own errors (device login, secret input) and of @flynn/models
 * codes that predate Flynn's code pattern; all are expected outcomes with a message for people.
 */
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

/** The exit code for a known error, or `undefined` for an internal error. */
async function exitCodeFor(error: CodedError): Promise<number | undefined> {
  const known = KNOWN_CODES[error.code];
  if (known !== undefined) return known;
  if (KNOWN_PREFIXES.some((prefix) => error.code.startsWith(prefix))) return EXIT.failure;
  // Every error a Flynn library throws (config, auth store, credentials, models, doctor)
  // is recognised by @flynn/auth-store's guard, by brand or by code. Loaded only here,
  // when something failed.
  const { isFlynnError } = await import('@flynn/auth-store');
  return isFlynnError(error) ? EXIT.failure : undefined;
}

/**
 * The one top-level handler: known errors (the CLI's own codes and every Flynn library
 * error, as `isFlynnError` recognises them) become a message, a remedy and an exit code;
 * anything else is reported as an internal error with the version (the stack only with
 * FLYNN_DEBUG=1). Library errors never carry secrets, so their messages are safe to print.
 */
export async function handleError(error: unknown, io: CommandIO, version: string): Promise<number> {
  if (isCodedError(error)) {
    const exitCode = await exitCodeFor(error);
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
