import { describe, expect, test } from 'vitest';
import { cursorRow } from './cursor-row.js';

describe('cursorRow', () => {
  test('a full row keeps the cursor on it; one more character wraps', () => {
    expect(cursorRow('', 10)).toBe(0);
    expect(cursorRow('x'.repeat(10), 10)).toBe(0);
    expect(cursorRow('x'.repeat(11), 10)).toBe(1);
    expect(cursorRow('x'.repeat(30), 10)).toBe(2);
    expect(cursorRow('x'.repeat(31), 10)).toBe(3);
  });

  test('a wide character that does not fit in the last column wraps whole', () => {
    expect(cursorRow(`${'x'.repeat(9)}漢`, 10)).toBe(1);
    expect(cursorRow(`${'x'.repeat(8)}漢`, 10)).toBe(0);
    expect(cursorRow('漢'.repeat(5), 10)).toBe(0);
    expect(cursorRow('漢'.repeat(6), 10)).toBe(1);
  });

  test('combining marks take no column; a tab stops at the last column', () => {
    expect(cursorRow(`${'e\u0301'.repeat(10)}`, 10)).toBe(0);
    expect(cursorRow('\t\t\t', 10)).toBe(0);
  });
});
