// The CLI's last line of defence: text about to be printed is scrubbed of the secrets
// a command holds, even though the libraries already redact their messages.
import { maskSecret } from '@flynn/auth-store';

const PLACEHOLDER = '\u0000secret\u0000';

/**
 * `text` with every occurrence of each secret replaced by its masked form, and any
 * other 8-character piece of one (a truncated echo) by `[redacted]`. The public
 * prefix a mask keeps (`sk-ant-api03-`) is not treated as a piece.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret) continue;
    const mask = maskSecret(secret);
    result = result.split(secret).join(PLACEHOLDER);
    for (let start = 0; start + 8 <= secret.length; start++) {
      const piece = secret.slice(start, start + 8);
      if (!mask.includes(piece) && result.includes(piece)) {
        result = result.split(piece).join('[redacted]');
      }
    }
    result = result.split(PLACEHOLDER).join(mask);
  }
  return result;
}
