import { describe, expect, it } from 'vitest';
import { formatTime } from './describe.js';

describe('formatTime', () => {
  it('prints the one message format of a time: YYYY-MM-DD HH:MM UTC, in UTC whatever TZ says', () => {
    expect(formatTime(Date.UTC(2026, 11, 3, 18, 5, 59))).toBe('2026-12-03 18:05 UTC');
    expect(formatTime(Date.UTC(2027, 0, 1, 0, 0))).toBe('2027-01-01 00:00 UTC');
  });
});
