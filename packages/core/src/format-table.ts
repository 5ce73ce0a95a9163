/**
 * The one table formatter: left-aligned columns separated by two spaces, like `gh` and
 * `aws configure list`. Cells are plain text (never secrets); `decorate` styles a cell after
 * padding so widths stay right. The first row is printed as given (callers upper-case headers).
 */
export function formatTable(
  rows: ReadonlyArray<readonly string[]>,
  decorate: (cell: string, column: number, row: number) => string = (cell) => cell,
): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length);
    });
  }
  return rows.map((row, rowIndex) =>
    row
      .map((cell, column) => {
        const padded = column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0);
        return decorate(padded, column, rowIndex);
      })
      .join('  ')
      .trimEnd(),
  );
}

/** {@link formatTable} with a header row in upper case (`PROVIDER  KIND`), as one string. */
export function formatHeaderTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  return formatTable([headers.map((header) => header.toUpperCase()), ...rows]).join('\n');
}
