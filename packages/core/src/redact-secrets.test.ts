import { describe, expect, it } from 'vitest';

const CANARY = 'sk-proj-CANARY0123456789abcdefZZ9q';

import { maskSecret } from './mask-secret.js';
import { redactSecrets } from './redact-secrets.js';

// CANARY is 'sk-proj-CANARY0123456789abcdefZZ9q'; its fingerprint is 'sk-proj-…ZZ9q'.
const FINGERPRINT = maskSecret(CANARY);
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.SIGcanary4242';

/**
 * Outside the secret's own fingerprint, `text` holds no 4 characters of its beginning (past
 * the public prefix) and none of its end; longer leftovers contain these.
 */
function expectNoFragment(text: string, secret: string, publicPrefix = '') {
  const rest = text.split(maskSecret(secret)).join(' ');
  expect(rest).not.toContain(secret.slice(0, publicPrefix.length + 4));
  expect(rest).not.toContain(secret.slice(-4));
  expect(rest).not.toContain(secret.slice(publicPrefix.length + 4, -4));
}

describe('redactSecrets', () => {
  it('replaces every whole occurrence with the fingerprint', () => {
    const text = `key ${CANARY} rejected; retried with ${CANARY}.`;
    const redacted = redactSecrets(text, [CANARY]);
    expect(redacted).toBe(`key ${FINGERPRINT} rejected; retried with ${FINGERPRINT}.`);
    expectNoFragment(redacted, CANARY, 'sk-proj-');
  });

  it("replaces a server's truncated echo (beginning...end) as a whole by the fingerprint", () => {
    const text =
      'Incorrect API key provided: sk-proj-CANA...defZZ9q. You can find your API key at …';
    const redacted = redactSecrets(text, [CANARY]);
    expect(redacted).toBe(
      `Incorrect API key provided: ${FINGERPRINT}. You can find your API key at …`,
    );
    expectNoFragment(redacted, CANARY, 'sk-proj-');
  });

  it('replaces echoes masked with asterisks or an ellipsis character', () => {
    for (const echo of [
      'sk-proj-CANARY01***********ZZ9q',
      'sk-proj-*******************ZZ9q',
      'sk-proj-CANA…ZZ9q',
      'sk-proj-CANARY0123456789abcdefZZ9',
    ]) {
      const redacted = redactSecrets(`{"error":"bad key ${echo}"}`, [CANARY]);
      expectNoFragment(redacted, CANARY, 'sk-proj-');
      expect(redacted.startsWith('{"error":"bad key ')).toBe(true);
      expect(redacted.endsWith('"}')).toBe(true);
    }
  });

  it('removes a leftover beginning or end on its own (4+ characters of the secret)', () => {
    const text = 'prefix sk-proj-CANA, head sk-proj-CANARY0123 and tail 6789abcdefZZ9q and ZZ9q.';
    const redacted = redactSecrets(text, [CANARY]);
    expect(redacted).toBe('prefix [redacted], head [redacted] and tail [redacted] and [redacted].');
  });

  it('keeps 4 to 7 matching characters inside an unrelated word, not 8 or more', () => {
    const text = 'hash e3ZZ9qb0, id q6789abcdefZZ9qy';
    expect(redactSecrets(text, [CANARY])).toBe('hash e3ZZ9qb0, id q[redacted]y');
  });

  it('redacts the public prefix plus 2 or more of the secret, even inside a word', () => {
    // A JSON parse error quotes the first characters of what it could not parse.
    const text = 'Unexpected token s, "sk-proj-CA" is not valid JSON; word xsk-proj-CANAy';
    expect(redactSecrets(text, [CANARY])).toBe(
      'Unexpected token s, "[redacted]" is not valid JSON; word x[redacted]y',
    );
    // The prefix alone, or followed by other characters, is not the secret.
    expect(redactSecrets('keys look like sk-proj-XY', [CANARY])).toBe('keys look like sk-proj-XY');
  });

  it("leaves the public prefix alone and the secret's own fingerprint intact", () => {
    const text = `OpenAI keys look like sk-proj-…; yours is ${FINGERPRINT} (sk-proj-… too).`;
    expect(redactSecrets(text, [CANARY])).toBe(text);
  });

  it('redacts secrets without a known prefix, including their first 4 characters', () => {
    const text = `token ${JWT}; echoed as ${JWT.slice(0, 10)}...${JWT.slice(-6)}; head ${JWT.slice(0, 4)}x`;
    const redacted = redactSecrets(text, [JWT]);
    expect(redacted).toBe(
      `token ${maskSecret(JWT)}; echoed as ${maskSecret(JWT)}; head [redacted]x`,
    );
    expectNoFragment(redacted, JWT);
  });

  it('handles several secrets, overlapping ones, duplicates and any iterable', () => {
    const other = 'ghp_CANARYother0123456789wxyz';
    const text = `a=${CANARY} b=${other} c=${CANARY}${other} d=${other.slice(0, 10)}`;
    function* secrets() {
      yield CANARY;
      yield other;
      yield CANARY;
    }
    const redacted = redactSecrets(text, secrets());
    expectNoFragment(redacted, CANARY, 'sk-proj-');
    expectNoFragment(redacted, other, 'ghp_');
    expect(redacted).toContain(`a=${FINGERPRINT} b=${maskSecret(other)} c=`);
    expect(redactSecrets(text, new Set([other, CANARY]))).toBe(redacted);
  });

  it('removes 6 and 7 character values only whole, ignores shorter, blank and undefined ones', () => {
    expect(
      redactSecrets('pass abc1234 and abc12 and "   " stay', [
        'abc1234',
        'abc12',
        '   ',
        '',
        undefined,
      ]),
    ).toBe('pass [redacted] and abc12 and "   " stay');
    expect(redactSecrets('pass abc123x', ['abc1234'])).toBe('pass abc123x');
    expect(redactSecrets(`x ${CANARY} y`, [`  ${CANARY}\n`])).toBe(`x ${FINGERPRINT} y`);
  });

  it('treats secrets literally (no pattern characters) and leaves unrelated text alone', () => {
    const odd = 'a+b*c?(d)[e]{f}|g^h$i.j\\k';
    expect(redactSecrets(`v=${odd};`, [odd])).toBe(`v=${maskSecret(odd)};`);
    const text = 'Error 401: Unauthorized. Request id req_0123456789.';
    expect(redactSecrets(text, [CANARY, odd])).toBe(text);
    expect(redactSecrets('', [CANARY])).toBe('');
  });

  it('does not quote the value of an 8 to 11 character secret either', () => {
    const short = 'pw-secret9';
    const redacted = redactSecrets(`password ${short}, again pw-s… and …ret9`, [short]);
    expect(redacted).not.toContain(short);
    expect(redacted).not.toContain('pw-s');
    expect(redacted).not.toContain('ret9');
  });
});

describe('redactSecrets: well-known shapes nobody told it about', () => {
  const tail = 'Zq9CANARYshape0123456789';
  it.each([
    `sk-${tail}`,
    `ghp_${tail}`,
    `gho_${tail}`,
    `ghu_${tail}`,
    `ghs_${tail}`,
    `ghr_${tail}`,
    `github_pat_${tail}`,
    `AIza${tail}`,
    `gsk_${tail}`,
    `xai-${tail}`,
    JWT,
  ])('%s is removed', (secret) => {
    const redacted = redactSecrets(`the server said: ${secret} is not valid`, []);
    expect(redacted).toBe('the server said: [redacted] is not valid');
  });

  it.each(['Bearer', 'bearer', 'BEARER', 'BeArEr'])(
    'a %s token is removed, whatever the case',
    (word) => {
      const redacted = redactSecrets(`sent "Authorization: ${word}\t${tail}"`, []);
      expect(redacted).toBe('sent "Authorization: [redacted]"');
    },
  );

  it('URLs lose user info and query; text without a URL is returned as it is', () => {
    expect(
      redactSecrets('GET https://me:pw-CANARY@example.com/v1/models?key=CANARY42. Retry', []),
    ).toBe('GET https://example.com/v1/models. Retry');
    const plain = 'no API key found (looked in OPENAI_API_KEY, auth.json)';
    expect(redactSecrets(plain, [])).toBe(plain);
  });
});
