/**
 * A legend, a swatch and a label per item: centred on `x` or starting at it, in as many
 * rows as it needs to stay within `maxWidthPx` (items are never split).
 */
import { colours, element, fontPx, line, text, textWidthPx } from './svg.ts';

export interface LegendItem {
  swatch: 'dot' | 'ring' | 'line' | 'dashed' | 'bar';
  colour: string;
  label: string;
}

export interface Legend {
  parts: string[];
  /** Where the last row's text ends, below its baseline. */
  bottomPx: number;
}

const fontSizePx = fontPx.small;
const swatchPx = 16;
const gapPx = 12;
export const legendRowPx = 16;

function swatch(item: LegendItem, left: number, middleY: number): string {
  switch (item.swatch) {
    case 'dot':
      return element('circle', { cx: left + 5, cy: middleY, r: 4, fill: item.colour });
    case 'ring':
      return element('circle', {
        cx: left + 5,
        cy: middleY,
        r: 3.5,
        fill: 'none',
        stroke: item.colour,
        'stroke-width': 1.5,
      });
    case 'line':
      return line(left, middleY, left + 11, middleY, { stroke: item.colour, 'stroke-width': 2 });
    case 'dashed':
      return line(left, middleY, left + 11, middleY, {
        stroke: item.colour,
        'stroke-width': 1.5,
        'stroke-dasharray': '3 2',
      });
    case 'bar':
      return element('rect', { x: left, y: middleY - 4.5, width: 10, height: 9, fill: item.colour });
  }
}

/** Greedy rows: each item goes on the current row while the row stays within the width. */
function rowsOf(widths: readonly number[], maxWidthPx: number): number[][] {
  const rows: number[][] = [];
  let rowWidth = 0;
  widths.forEach((width, index) => {
    const current = rows.at(-1);
    if (current && rowWidth + gapPx + width <= maxWidthPx) {
      current.push(index);
      rowWidth += gapPx + width;
    } else {
      rows.push([index]);
      rowWidth = width;
    }
  });
  return rows;
}

export function legend(
  items: readonly LegendItem[],
  x: number,
  baselineY: number,
  maxWidthPx: number,
  align: 'centre' | 'left' = 'centre',
): Legend {
  const widths = items.map((item) => swatchPx + textWidthPx(item.label, fontSizePx));
  const rows = rowsOf(widths, maxWidthPx);
  const parts: string[] = [];
  rows.forEach((row, rowIndex) => {
    const rowBaseline = baselineY + rowIndex * legendRowPx;
    const total = row.reduce((sum, index) => sum + (widths[index] ?? 0), 0) + gapPx * Math.max(0, row.length - 1);
    let cursor = align === 'centre' ? x - total / 2 : x;
    const rowParts: string[] = [];
    for (const index of row) {
      const item = items[index];
      if (!item) continue;
      rowParts.push(swatch(item, cursor, rowBaseline - 4));
      rowParts.push(
        text(item.label, {
          class: 'legend',
          x: cursor + swatchPx,
          y: rowBaseline,
          'font-size': fontSizePx,
          fill: colours.mutedText,
        }),
      );
      cursor += (widths[index] ?? 0) + gapPx;
    }
    parts.push(element('g', { class: 'legend-row' }, rowParts.join('')));
  });
  return { parts, bottomPx: baselineY + (rows.length - 1) * legendRowPx + fontSizePx * 0.24 };
}
