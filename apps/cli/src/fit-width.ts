// Text that fits the terminal (or COLUMNS): lines wrap at word boundaries with a hanging
// indent, and tables drop their least important columns first, then wrap their last
// column, and only when even that cannot fit show each row as a block of "name: value"
// lines. A word longer than the width (a long path) is never cut: it overflows alone.
import { formatHeaderTable } from '@flynn/core';

/** `text` wrapped to `width` at spaces; continuation lines start with `indent`. */
export function wrapLine(text: string, width: number | undefined, indent = ''): string[] {
  if (width === undefined || text.length <= width) return [text];
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const words = text.slice(lead.length).split(/ +/);
  const lines: string[] = [];
  let current = lead;
  let fresh = true;
  for (const word of words) {
    const candidate = fresh ? `${current}${word}` : `${current} ${word}`;
    if (!fresh && candidate.length > width) {
      lines.push(current);
      current = `${indent}${word}`;
    } else current = candidate;
    fresh = false;
  }
  lines.push(current);
  return lines;
}

const widest = (lines: string[]) => Math.max(0, ...lines.map((line) => line.length));

/**
 * A header table (`formatHeaderTable`) that fits `width`: without one, the full table.
 * Otherwise the columns named in `dropOrder` are left out one by one until it fits; then the
 * last column wraps under itself; failing that, each row is a block of `name: value` lines.
 * Resolves to the lines and the headers kept (a caller shows what was dropped elsewhere).
 */
export function fitTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  width: number | undefined,
  dropOrder: readonly string[] = [],
): { lines: string[]; kept: string[] } {
  let kept = [...headers];
  const pick = (row: readonly string[]) => kept.map((header) => row[headers.indexOf(header)] ?? '');
  const render = () => formatHeaderTable(kept, rows.map(pick)).split('\n');
  let lines = render();
  if (width === undefined || widest(lines) <= width) return { lines, kept };
  for (const column of dropOrder) {
    if (!kept.includes(column) || kept.length <= 2) continue;
    kept = kept.filter((header) => header !== column);
    lines = render();
    if (widest(lines) <= width) return { lines, kept };
  }
  // Wrap the last column under itself.
  const firstColumns = formatHeaderTable(
    kept.slice(0, -1),
    rows.map((row) => pick(row).slice(0, -1)),
  ).split('\n');
  const start = widest(firstColumns) + 2;
  if (width - start >= 20) {
    const pad = ' '.repeat(start);
    const wrapped = lines.flatMap((line, index) => {
      const head = (firstColumns[index] ?? '').padEnd(start);
      return wrapLine(`${head}${line.slice(start)}`, width, pad);
    });
    if (widest(wrapped) <= width) return { lines: wrapped, kept };
  }
  // As blocks: one "name: value" line per cell.
  const blocks = rows.flatMap((row, index) => [
    ...(index > 0 ? [''] : []),
    ...pick(row).flatMap((cell, column) =>
      wrapLine(`${column === 0 ? '' : '  '}${kept[column]}: ${cell}`, width, '    '),
    ),
  ]);
  return { lines: blocks, kept };
}
