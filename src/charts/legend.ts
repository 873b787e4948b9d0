/** A one-row legend, a swatch and a label per item: centred on `x`, or starting at it. */
import { element, line, text, textWidthPx } from './svg.ts';

export interface LegendItem {
  swatch: 'dot' | 'ring' | 'line' | 'dashed' | 'bar';
  colour: string;
  label: string;
}

const fontSizePx = 12;
const swatchPx = 22;
const gapPx = 18;

export function legend(items: readonly LegendItem[], x: number, baselineY: number, align: 'centre' | 'left' = 'centre'): string[] {
  const widths = items.map((item) => swatchPx + textWidthPx(item.label, fontSizePx));
  const total = widths.reduce((sum, width) => sum + width, 0) + gapPx * Math.max(0, items.length - 1);
  let cursor = align === 'centre' ? x - total / 2 : x;
  const parts: string[] = [];
  items.forEach((item, index) => {
    const middleY = baselineY - 4;
    if (item.swatch === 'dot') parts.push(element('circle', { cx: cursor + 8, cy: middleY, r: 5, fill: item.colour }));
    if (item.swatch === 'ring') parts.push(element('circle', { cx: cursor + 8, cy: middleY, r: 4.5, fill: 'none', stroke: item.colour, 'stroke-width': 1.5 }));
    if (item.swatch === 'line') parts.push(line(cursor, middleY, cursor + 16, middleY, { stroke: item.colour, 'stroke-width': 2.5 }));
    if (item.swatch === 'dashed') parts.push(line(cursor, middleY, cursor + 16, middleY, { stroke: item.colour, 'stroke-width': 2, 'stroke-dasharray': '4 3' }));
    if (item.swatch === 'bar') parts.push(element('rect', { x: cursor, y: middleY - 6, width: 14, height: 12, fill: item.colour }));
    parts.push(text(item.label, { class: 'legend', x: cursor + swatchPx, y: baselineY, 'font-size': fontSizePx }));
    cursor += (widths[index] ?? 0) + gapPx;
  });
  return [element('g', { class: 'legend-row' }, parts.join(''))];
}
