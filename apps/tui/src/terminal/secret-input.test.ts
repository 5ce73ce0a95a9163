import { describe, expect, test } from 'vitest';
import { SecretInput } from './secret-input.js';

function feed(...chunks: string[]) {
  const input = new SecretInput();
  let outcome = input.push('');
  for (const chunk of chunks) {
    outcome = input.push(chunk);
    if (outcome.type !== 'pending') break;
  }
  return outcome;
}

describe('SecretInput', () => {
  test('Enter submits what was typed, across chunks', () => {
    expect(feed('sk-ab', 'cd\r')).toEqual({ type: 'done', value: 'sk-abcd' });
    expect(feed('abc\n')).toEqual({ type: 'done', value: 'abc' });
  });

  test('Backspace deletes, Ctrl-U and Ctrl-W clear', () => {
    expect(feed('abx\u007fc\r')).toEqual({ type: 'done', value: 'abc' });
    expect(feed('abx\bc\r')).toEqual({ type: 'done', value: 'abc' });
    expect(feed('wrong\u0015right\r')).toEqual({ type: 'done', value: 'right' });
    expect(feed('wrong\u0017right\r')).toEqual({ type: 'done', value: 'right' });
  });

  test('Ctrl-C cancels; Ctrl-D cancels only when nothing was typed', () => {
    expect(feed('secret\u0003')).toEqual({ type: 'cancel' });
    expect(feed('\u0004')).toEqual({ type: 'cancel' });
    expect(feed('ab\u0004c\r')).toEqual({ type: 'done', value: 'abc' });
  });

  test('escape sequences and control characters are dropped, even split across chunks', () => {
    expect(feed('\u001b[200~sk-key\u001b[201~\r')).toEqual({ type: 'done', value: 'sk-key' });
    expect(feed('a\u001b[', 'Db\u001bOAc\r')).toEqual({ type: 'done', value: 'abc' });
    expect(feed('a\tb\u0007c\u009bd\r')).toEqual({ type: 'done', value: 'abcd' });
  });

  test('keeps characters outside ASCII whole', () => {
    expect(feed('pässwörd🔑\u007f\r')).toEqual({ type: 'done', value: 'pässwörd' });
  });
});
