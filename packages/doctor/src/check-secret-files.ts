import type { TierSecrets } from '@flynn/config';
import { sanitizeText } from '@flynn/core';
import type { Check } from './types.js';

/**
 * One `secret-file-mode` warning per file a `{ file }` reference read that other users can
 * read (group or world bits), with the `chmod` that fixes it. Each file once.
 */
export function checkSecretFiles(tiers: readonly TierSecrets[]): Check[] {
  const seen = new Set<string>();
  const checks: Check[] = [];
  for (const read of tiers.flatMap((tier) => tier.files)) {
    if ((read.mode & 0o077) === 0 || seen.has(read.file)) continue;
    seen.add(read.file);
    const file = sanitizeText(read.file, { singleLine: true });
    const mode = read.mode.toString(8).padStart(4, '0');
    checks.push({
      id: 'secret-file-mode',
      status: 'warn',
      message: `${read.path}: the secret file ${file} is readable by other users (mode ${mode}); run \`chmod 600 ${read.file}\``,
    });
  }
  return checks;
}
