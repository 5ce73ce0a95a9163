// Secrets belong on stdin or at the hidden prompt, never on the command line, where shell
// history, `ps` and CI logs keep them. An argument that carries one is refused before
// commander sees it (commander quotes unknown options and bad values back), and the error
// names the flag or the position, never the value.
import { classifyCredential } from '@flynn/core';
import { UsageError } from './credentials/credential-errors.js';

/** Flags whose value would be a secret: `--api-key=...`, `--token=...`, `--key=...`, ... */
const SECRET_FLAG = /^--?(api[-_]?key|token|auth[-_]?token|key|secret|password)=/i;

/** Long runs of key-like characters, as keys and tokens are and tier names are not. */
function looksLikeSecret(value: string): boolean {
  // A known prefix alone is not enough: `xai-tier` is a name, `xai-<40 characters>` a key.
  if (classifyCredential(value) && value.length >= 20 && /\d/.test(value)) return true;
  return /^[A-Za-z0-9_\-.~+/=]{24,}$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

/** Flags that take a name (a tier, a provider), where a pasted secret would be echoed back. */
const NAME_FLAGS = new Set(['--tier', '--profile']);

/**
 * The usage error for the first argument that carries a secret, or `undefined`: a secret
 * flag with a value (`--api-key=sk-...`), or a secret given where a name belongs (`--tier
 * sk-...`, `--tier=sk-...`, or as the provider of `login`/`logout`).
 */
export function findSecretArgument(args: readonly string[]): UsageError | undefined {
  const remedy =
    'Pass secrets on stdin (`printenv VAR | flynn login <provider> --stdin`) or at the hidden prompt';
  for (const [index, arg] of args.entries()) {
    if (arg === '--') break;
    // Only `-x=...` can match: most arguments are not tried (compiling the pattern costs a
    // fifth of a millisecond of every start).
    const flag = arg.startsWith('-') && arg.includes('=') ? SECRET_FLAG.exec(arg) : null;
    if (flag) {
      return new UsageError(
        `--${flag[1]} does not take a value on the command line (it would stay in your shell history); nothing was done.`,
        remedy,
      );
    }
    const [name, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined];
    if (name && NAME_FLAGS.has(name)) {
      const value = inline ?? args[index + 1];
      if (value !== undefined && looksLikeSecret(value)) {
        return new UsageError(
          `The value of ${name} looks like a secret, not a name; nothing was done.`,
          remedy,
        );
      }
    }
    const previous = args[index - 1];
    const isProviderName = previous === 'login' || previous === 'logout';
    if (isProviderName && !arg.startsWith('-') && looksLikeSecret(arg)) {
      return new UsageError(
        `Argument ${index + 1} looks like a secret; secrets are never taken as arguments. Nothing was done.`,
        remedy,
      );
    }
  }
  return undefined;
}
