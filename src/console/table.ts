import { formatDecimal } from '../number-format.ts';

/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */
export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [format(columns.map((column) => column.header)), rule, ...rows.map(format)].join('\n');
}

export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return '—';
  const rounded = value >= 1000 ? Math.round(value) : Math.round(value * 10 ** digits) / 10 ** digits;
  return formatDecimal(rounded, 3);
}
