/**
 * Scrubbing known secrets out of text that came from elsewhere (a server's error body, an
 * SDK's message) before it reaches a message, a log or `--json` output.
 *
 * Guarantee: outside a secret's own fingerprint (`maskSecret`, which shows at most a known
 * public prefix and the last 4 characters), the result holds no whole secret, no run of 8 or
 * more of its first characters (after its public prefix, such as `sk-proj-`) or of its last
 * characters, and no such run of 4 or more that starts a word (a beginning) or ends one (an
 * end). Servers echo keys truncated or starred ("Incorrect API key provided:
 * sk-proj-STOR...1234"), so removing whole occurrences is not enough. The word-edge condition
 * keeps four characters that happen to occur inside an unrelated word (`16a0bff`) intact.
 * Why: a provider's error text is the one place a secret can come back to Flynn verbatim.
 */
import { knownSecretPrefix, maskSecret } from './mask-secret.js';
import { withoutURLCredentials } from './url-display.js';

/** Shorter values are only removed where they occur whole. */
const MIN_SECRET_LENGTH = 8;
/** Whole occurrences of values this long are removed; shorter ones could be ordinary words. */
const MIN_WHOLE_LENGTH = 6;
const MIN_RUN = 4;
/**
 * After a public prefix (`sk-proj-`), this many of the secret's own characters already count
 * as an echo: a JSON parse error quotes a few characters (`sk-proj-CA`), and the prefix says
 * which secret they belong to.
 */
const MIN_PREFIXED_RUN = 2;
/** A leftover this long is removed even inside a longer word: too long to be chance. */
const MIN_EMBEDDED_RUN = 8;
const REDACTED = '[redacted]';
const WORD_CHARACTER = /[A-Za-z0-9]/;

interface Span {
  start: number;
  end: number;
  replacement: string;
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + 1)) {
    found.push(index);
  }
  return found;
}

/** What to replace in `text` for one secret. */
function spansFor(text: string, secret: string): Span[] {
  const prefix = knownSecretPrefix(secret);
  const headRun = prefix ? MIN_PREFIXED_RUN : MIN_RUN;
  // Every span below starts with the secret's beginning, its public prefix, or ends with its
  // last MIN_RUN characters: text holding none of them has nothing to replace (the common
  // case, checked first because doctor scrubs every message with every secret).
  if (
    !text.includes(secret.slice(0, prefix.length + headRun)) &&
    !text.includes(secret.slice(-MIN_RUN)) &&
    !(prefix && text.includes(prefix))
  ) {
    return [];
  }
  const fingerprint = maskSecret(secret);
  const whole = occurrences(text, secret).map((start) => ({
    start,
    end: start + secret.length,
    replacement: fingerprint,
  }));
  // The secret's own fingerprint is what Flynn itself shows: left as it is.
  const kept = fingerprint.includes('…')
    ? occurrences(text, fingerprint).map((start) => ({ start, end: start + fingerprint.length }))
    : [];
  const free = (start: number, end: number) =>
    ![...whole, ...kept].some((taken) => start < taken.end && taken.start < end);
  // A short leftover counts only where the secret's own edge is a word edge: `6a0b.` ends
  // like a key ending in 6a0b, the same characters inside `16a0bff` do not.
  const piece = (outside: string | undefined, secretCharacters: number) =>
    secretCharacters >= MIN_EMBEDDED_RUN || !WORD_CHARACTER.test(outside ?? ' ');

  // Beginnings: the public prefix and at least MIN_RUN more characters, as far as they match.
  // A bare public prefix counts only as the start of an echo (`sk-proj-*****ZZ9q`).
  const heads: Array<{ start: number; end: number; bare: boolean }> = [];
  for (const start of occurrences(text, secret.slice(0, prefix.length + headRun))) {
    let end = start + prefix.length + headRun;
    while (end - start < secret.length && text[end] === secret[end - start]) end++;
    if (free(start, end)) heads.push({ start, end, bare: false });
  }
  for (const start of prefix ? occurrences(text, prefix) : []) {
    const end = start + prefix.length;
    if (!heads.some((head) => head.start === start) && free(start, end)) {
      heads.push({ start, end, bare: true });
    }
  }

  const spans: Span[] = [...whole];
  const used = new Set<(typeof heads)[number]>();
  for (const match of occurrences(text, secret.slice(-MIN_RUN))) {
    const end = match + MIN_RUN;
    let start = match;
    while (
      end - start < secret.length &&
      start > 0 &&
      text[start - 1] === secret[secret.length - (end - start) - 1]
    ) {
      start--;
    }
    if (!free(start, end)) continue;
    // A beginning, then masking characters (no whitespace), then this end: one echo of the
    // secret, replaced as a whole by its fingerprint.
    const head = heads
      .filter(
        (candidate) =>
          !used.has(candidate) &&
          candidate.end <= start &&
          start - candidate.end <= 2 * secret.length &&
          !/\s/.test(text.slice(candidate.end, start)),
      )
      .sort((a, b) => b.start - a.start)[0];
    if (head) {
      used.add(head);
      spans.push({ start: head.start, end, replacement: fingerprint });
    } else if (piece(text[end], end - start)) {
      spans.push({ start, end, replacement: REDACTED });
    }
  }
  for (const head of heads) {
    const secretCharacters = head.end - head.start - prefix.length;
    // Past a public prefix the prefix itself says whose characters these are.
    const echoed = prefix !== '' || piece(text[head.start - 1], secretCharacters);
    if (!head.bare && !used.has(head) && echoed) {
      spans.push({ ...head, replacement: REDACTED });
    }
  }
  return spans;
}

/**
 * Shapes of well-known secrets, removed even when they are not one Flynn knows of. Each comes
 * with the literal text every match starts with (`lower`: compared with the text lowercased,
 * for the case-insensitive shape): a text without it is not searched. Doctor scrubs every
 * message it prints, and compiling and running six regular expressions per message was most
 * of that cost at start-up.
 */
const KNOWN_SECRET_SHAPES: ReadonlyArray<{ shape: RegExp; starts: string[]; lower?: boolean }> = [
  { shape: /\bsk-[A-Za-z0-9_-]{16,}/g, starts: ['sk-'] },
  { shape: /\bgh[pousr]_[A-Za-z0-9]{20,}/g, starts: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'] },
  { shape: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, starts: ['github_pat_'] },
  { shape: /\b(?:AIza|gsk_|xai-)[A-Za-z0-9_-]{20,}/g, starts: ['AIza', 'gsk_', 'xai-'] },
  {
    shape: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g,
    starts: ['eyJ'],
  },
  { shape: /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, starts: ['bearer'], lower: true },
];

/**
 * The one redactor. Returns `text` with every known secret taken out, then every secret
 * that merely looks like one, then URL credentials:
 * - each whole occurrence of a secret becomes its fingerprint (`maskSecret`); a truncated or
 *   starred echo of it (a beginning and an end in one word, as in "sk-proj-STOR...1234" or
 *   "sk-proj-****1234") becomes the fingerprint too;
 * - any other leftover run of its first characters or of its last characters becomes
 *   `[redacted]`: past a public prefix such as `sk-proj-`, 2 characters are enough
 *   (`sk-proj-CA` in a JSON parse error); otherwise 8 or more anywhere, or 4 or more where
 *   the run starts a word (a beginning) or ends one (an end);
 * - well-known key and token shapes (`sk-…`, `ghp_…`, `AIza…`, JWTs, `Bearer …`) become
 *   `[redacted]` whoever they belong to (fingerprints, which hold `…`, are left alone);
 * - URLs lose their user info and query (`withoutURLCredentials`).
 * Secrets are trimmed; blank ones and `undefined` are ignored, values of 6 or 7 characters
 * are removed only where they occur whole. Matching is literal and case-sensitive. Pure;
 * never throws for string input.
 * @example redactSecrets('Incorrect API key provided: sk-proj-STOR...1234', [key])
 *   // 'Incorrect API key provided: sk-proj-…1234'
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const unique = new Set<string>();
  const short = new Set<string>();
  for (const secret of secrets) {
    const trimmed = secret?.trim() ?? '';
    if (trimmed.length >= MIN_SECRET_LENGTH) unique.add(trimmed);
    else if (trimmed.length >= MIN_WHOLE_LENGTH) short.add(trimmed);
  }
  let result = redactKnown(text, unique);
  for (const secret of short) result = result.split(secret).join(REDACTED);
  for (const { shape, starts, lower } of KNOWN_SECRET_SHAPES) {
    const haystack = lower ? result.toLowerCase() : result;
    if (starts.some((start) => haystack.includes(start))) result = result.replace(shape, REDACTED);
  }
  return withoutURLCredentials(result);
}

function redactKnown(text: string, unique: ReadonlySet<string>): string {
  if (text === '' || unique.size === 0) return text;
  const spans = [...unique]
    .flatMap((secret) => spansFor(text, secret))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (!last || span.start >= last.end) {
      merged.push({ ...span });
    } else if (span.end > last.end) {
      last.end = span.end;
      last.replacement = REDACTED;
    } else if (span.start === last.start && span.end === last.end) {
      if (span.replacement !== last.replacement) last.replacement = REDACTED;
    }
  }
  let result = '';
  let position = 0;
  for (const span of merged) {
    result += text.slice(position, span.start) + span.replacement;
    position = span.end;
  }
  return result + text.slice(position);
}
