import { truncate } from '../format/index.ts';

/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** May be cut (with "…") so that the table fits its width; the widest such column is cut first. */
  shrink?: boolean;
}

const gap = 2;
const minShrunk = 8;

export function table(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  maxWidth = Number.POSITIVE_INFINITY,
): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const total = () => widths.reduce((sum, width) => sum + width, 0) + gap * (widths.length - 1);
  while (total() > maxWidth) {
    let widest = -1;
    for (const [index, column] of columns.entries())
      if (
        column.shrink &&
        (widths[index] ?? 0) > minShrunk &&
        (widest < 0 || (widths[index] ?? 0) > (widths[widest] ?? 0))
      )
        widest = index;
    if (widest < 0) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        const text = truncate(cell, width);
        return columns[index]?.align === 'right' ? text.padStart(width) : text.padEnd(width);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join(' '.repeat(gap));
  return [format(columns.map((column) => column.header)), rule, ...rows.map(format)].join('\n');
}
