import { describe, expect, it } from 'vitest';
import { maskSecret } from './mask-secret.js';

describe('maskSecret', () => {
  it.each([
    ['sk-abcdefghijklmnopqrstuvwxyza1b2', 'sk-…a1b2'],
    ['sk-proj-abcdefghijklmnopqrstuvwxyz0000', 'sk-proj-…0000'],
    ['sk-ant-api03-abcdefghijklmnopqrstuvwxyz9f3c', 'sk-ant-api03-…9f3c'],
    ['sk-ant-oat01-abcdefghijklmnopqrstuvwxyz7e7e', 'sk-ant-oat01-…7e7e'],
    ['ghp_abcdefghijklmnopqrstuvwxyz1234', 'ghp_…1234'],
    ['gho_abcdefghijklmnopqrstuvwxyz5678', 'gho_…5678'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnop9999', 'github_pat_…9999'],
    ['0123456789abcdef.ZaiSecretKeyc0de', '…c0de'],
  ])('masks %s as %s', (value, masked) => {
    expect(maskSecret(value)).toBe(masked);
  });

  it('never reveals the length: same prefix, same output size', () => {
    const lengths = [12, 20, 64, 200].map((length) => maskSecret(`sk-${'x'.repeat(length)}`));
    expect(new Set(lengths.map((masked) => masked.length)).size).toBe(1);
    expect(
      new Set([maskSecret('a'.repeat(12)), maskSecret('b'.repeat(500))].map((m) => m.length)).size,
    ).toBe(1);
  });

  it('gives **** for values shorter than 12 characters', () => {
    for (const value of ['', 'a', 'sk-1234', 'abcdefghijk']) expect(maskSecret(value)).toBe('****');
    expect(maskSecret('abcdefghijkl')).toBe('…ijkl');
  });

  it('drops the prefix when keeping it would hide fewer than 8 characters', () => {
    expect(maskSecret('sk-ant-api03-abcdefg1234')).toBe('…1234');
    expect(maskSecret('sk-ant-api03-abcdefgh1234')).toBe('sk-ant-api03-…1234');
  });

  it('trims the value first', () => {
    expect(maskSecret('  sk-abcdefghijklmnopa1b2\n')).toBe('sk-…a1b2');
  });

  it('shows only the prefix and last 4 characters of the value', () => {
    const value = 'sk-proj-SECRETMIDDLEPART-tail';
    const masked = maskSecret(value);
    expect(masked).not.toContain('SECRET');
    expect(masked.replace('…', '')).toBe('sk-proj-tail');
  });
});
