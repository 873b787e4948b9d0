/** A one-row legend, a swatch and a label per item: centred on `x`, or starting at it. */
import { colours, element, fontPx, line, text, textWidthPx } from './svg.ts';

export interface LegendItem {
  swatch: 'dot' | 'ring' | 'line' | 'dashed' | 'bar';
  colour: string;
  label: string;
}

const fontSizePx = fontPx.small;
const swatchPx = 30;
const gapPx = 26;

export function legend(
  items: readonly LegendItem[],
  x: number,
  baselineY: number,
  align: 'centre' | 'left' = 'centre',
): string[] {
  const widths = items.map((item) => swatchPx + textWidthPx(item.label, fontSizePx));
  const total = widths.reduce((sum, width) => sum + width, 0) + gapPx * Math.max(0, items.length - 1);
  let cursor = align === 'centre' ? x - total / 2 : x;
  const parts: string[] = [];
  items.forEach((item, index) => {
    const middleY = baselineY - 6;
    if (item.swatch === 'dot') parts.push(element('circle', { cx: cursor + 10, cy: middleY, r: 8, fill: item.colour }));
    if (item.swatch === 'ring')
      parts.push(
        element('circle', {
          cx: cursor + 10,
          cy: middleY,
          r: 7,
          fill: 'none',
          stroke: item.colour,
          'stroke-width': 2.5,
        }),
      );
    if (item.swatch === 'line')
      parts.push(line(cursor, middleY, cursor + 22, middleY, { stroke: item.colour, 'stroke-width': 4 }));
    if (item.swatch === 'dashed')
      parts.push(
        line(cursor, middleY, cursor + 22, middleY, {
          stroke: item.colour,
          'stroke-width': 3,
          'stroke-dasharray': '6 4',
        }),
      );
    if (item.swatch === 'bar')
      parts.push(element('rect', { x: cursor, y: middleY - 9, width: 20, height: 18, fill: item.colour }));
    parts.push(
      text(item.label, {
        class: 'legend',
        x: cursor + swatchPx,
        y: baselineY,
        'font-size': fontSizePx,
        fill: colours.mutedText,
      }),
    );
    cursor += (widths[index] ?? 0) + gapPx;
  });
  return [element('g', { class: 'legend-row' }, parts.join(''))];
}
