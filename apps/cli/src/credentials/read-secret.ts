// Where a secret comes from: the hidden prompt on a terminal, else all of stdin.
// Guarantees: the value is trimmed and checked (not empty, one line, no spaces, not
// huge) and every error describes the input without quoting any of it.
import { isProviderId, providerSpec, sanitizeText } from '@flynn/core';
import type { CommandIO } from '../io.js';
import { CredentialInputError } from './credential-errors.js';
import { canPromptHidden, promptHidden } from './hidden-prompt.js';

/** Far above any real key or token; more than this is a file piped by mistake. */
const MAX_SECRET_BYTES = 16 * 1024;

export interface ReadSecretOptions {
  /** What is asked for, e.g. 'OpenAI API key'. */
  label: string;
  /** `--stdin`: read stdin to the end. On a terminal the hidden prompt is used anyway, so nothing echoes. */
  stdin?: boolean;
  /** The command to name in errors, e.g. 'flynn openai-key'. */
  command: string;
  /** Where to get one, shown above the hidden prompt ({@link whereToGetSecret}). */
  hint?: string;
}

/**
 * Where a person gets `provider`'s `kind` of secret, from the registry: the page (and the
 * scopes or permission it needs), or for an Anthropic auth token `claude setup-token`.
 */
export function whereToGetSecret(provider: string, kind: string): string | undefined {
  if (provider === 'anthropic' && kind === 'auth_token') {
    return 'Create one with `claude setup-token` (Claude Code), then paste it here.';
  }
  if (!isProviderId(provider)) return undefined;
  const spec = providerSpec(provider).credentials.find((credential) => credential.kind === kind);
  if (!spec?.getUrl) return undefined;
  return `Get one at ${spec.getUrl}${spec.scopes ? ` (it needs: ${spec.scopes})` : ''}.`;
}

/** Reads all of `io.stdin` as UTF-8, up to {@link MAX_SECRET_BYTES}. */
export async function readAllStdin(io: CommandIO): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SECRET_BYTES) {
      throw new CredentialInputError(
        'INPUT_INVALID',
        `The input on stdin is larger than ${MAX_SECRET_BYTES / 1024} KiB; a credential is one short line. Nothing was stored.`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Checks a trimmed secret. @throws CredentialInputError `INPUT_EMPTY` when empty,
 * `INPUT_INVALID` when it holds whitespace or control characters (two lines, a
 * `KEY=value` line with spaces, a pasted sentence).
 */
export function checkSecret(value: string, options: ReadSecretOptions): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new CredentialInputError(
      'INPUT_EMPTY',
      `No ${options.label} was given (the input was empty). Nothing was stored.`,
      `Run \`${options.command}\` and paste the value, or pipe it: \`printenv VAR | ${options.command} --stdin\``,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new CredentialInputError(
      'INPUT_INVALID',
      `The ${options.label} contains spaces, line breaks or control characters; a credential is one word. Nothing was stored.`,
      'Pass only the value itself, one line.',
    );
  }
  return trimmed;
}

/**
 * Gets a secret: the hidden prompt when stdin is a terminal (also with `--stdin`, so a
 * value typed there never echoes), else all of stdin. Returns the checked, trimmed value.
 * @throws CredentialInputError (empty or malformed input), InterruptedError (Ctrl-C).
 */
export async function readSecret(io: CommandIO, options: ReadSecretOptions): Promise<string> {
  const prompting = canPromptHidden(io);
  if (prompting && options.hint) io.stderr.write(`${sanitizeText(options.hint)}\n`);
  const raw = prompting
    ? await promptHidden(io, `Paste your ${options.label} (input is hidden, Enter to finish): `)
    : await readAllStdin(io);
  return checkSecret(raw, options);
}
