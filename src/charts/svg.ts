/**
 * SVG building blocks shared by the charts: escaping, elements, number formatting,
 * colours and the alt-text limit. Strings in, strings out — no DOM.
 */

import { formatNumber, truncateAtWord } from '../format/index.ts';
import { chartCanvas } from './display.ts';

/** What every chart returns: a self-contained SVG, the PNG's size in pixels and a description for screen readers. */
export interface Chart {
  svg: string;
  altText: string;
  /** Pixels of the PNG: the canvas times `chartCanvas.pixelRatio`. */
  width: number;
  height: number;
}

/**
 * The canvas, in design pixels = CSS pixels as Discord shows the chart on a desktop (a phone
 * shows it at 0.96 of that): see display.ts for the geometry and its sources. The PNG has
 * `chartCanvas.pixelRatio` pixels per design pixel. The smallest font shows at 11.5 px on a phone.
 */
export const chartWidthPx = chartCanvas.widthPx;
export const chartHeightPx = chartCanvas.heightPx;
export const fontPx = { title: 15, body: 13, small: 12 } as const;
/** Discord's attachment description takes 1024 characters; keep a margin. */
export const maxAltTextChars = 1000;
/** The font the PNG renderer ships (see png.ts); the SVG names it so resvg picks it without system fonts. */
export const fontFamily = 'DejaVu Sans';

/** Colour-blind-safe pair (blue / orange) on Discord's dark embed background, with greys for structure. */
export const colours = {
  background: '#2b2d31',
  text: '#f2f3f5',
  mutedText: '#b5bac1',
  axis: '#949ba4',
  grid: '#3f4147',
  primary: '#60a5fa',
  secondary: '#fb923c',
  faint: '#949ba4',
  budget: '#4ade80',
  limit: '#f87171',
} as const;

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character] ?? character,
  );
}

export type AttributeValue = string | number | undefined;

/** Pixel coordinates to 0.1 px: smaller files, and the same input gives the same bytes. */
export function px(value: number): number {
  return Math.round(value * 10) / 10;
}

function attributes(attrs: Record<string, AttributeValue>): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(typeof value === 'number' ? String(px(value)) : value)}"`)
    .join('');
}

export function element(name: string, attrs: Record<string, AttributeValue>, children?: string): string {
  return children === undefined
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${children}</${name}>`;
}

export function text(content: string, attrs: Record<string, AttributeValue>): string {
  return element('text', attrs, escapeXml(content));
}

export function line(x1: number, y1: number, x2: number, y2: number, attrs: Record<string, AttributeValue>): string {
  return element('line', { x1, y1, x2, y2, ...attrs });
}

/** The SVG of a chart drawn in design pixels, `width` × `height`, whose PNG has `chartCanvas.pixelRatio` times the pixels. */
export function document(width: number, height: number, body: string[]): string {
  const ratio = chartCanvas.pixelRatio;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * ratio}" height="${height * ratio}" viewBox="0 0 ${width} ${height}" font-family="${fontFamily}" font-size="${fontPx.body}" fill="${colours.text}">`,
    element('rect', { x: 0, y: 0, width, height, fill: colours.background }),
    ...body,
    '</svg>',
  ].join('\n');
}

/** The Chart for an SVG made by `document` at the canvas size. */
export function chartOf(svg: string, altTextValue: string): Chart {
  return {
    svg,
    altText: altTextValue,
    width: chartCanvas.widthPx * chartCanvas.pixelRatio,
    height: chartCanvas.heightPx * chartCanvas.pixelRatio,
  };
}

/**
 * Advance widths of DejaVu Sans (the font the PNG is drawn with), in em, read from its
 * hmtx table (2048 units per em) for printable ASCII and the few symbols the charts use.
 */
const asciiAdvanceEm = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337, 0.636, 0.636,
  0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531, 1.0, 0.684, 0.686,
  0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787, 0.603, 0.787, 0.695, 0.635,
  0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615,
  0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592,
  0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];
const symbolAdvanceEm: Readonly<Record<string, number>> = {
  '✓': 0.838,
  '×': 0.838,
  '–': 0.5,
  '—': 1.0,
  '·': 0.318,
  '…': 1.0,
  '€': 0.636,
  '≈': 0.838,
};
/** Wider than most letters, for a character not in the tables (no chart text should need it). */
const unknownAdvanceEm = 0.8;

/** Advance width of `content` in DejaVu Sans at `fontSizePx`: what the text occupies once drawn. */
export function textWidthPx(content: string, fontSizePx: number): number {
  let em = 0;
  for (const character of content) {
    const code = character.codePointAt(0) ?? 0;
    em += (code >= 32 && code < 127 ? asciiAdvanceEm[code - 32] : symbolAdvanceEm[character]) ?? unknownAdvanceEm;
  }
  return em * fontSizePx;
}

/** Cuts text to a character budget with an ellipsis, at a word break when one is near. */
export const truncate = truncateAtWord;

/** The text, cut (at a word break when one is near) until it is at most `maxWidthPx` wide at `fontSizePx`. */
export function fitToWidth(content: string, fontSizePx: number, maxWidthPx: number): string {
  let fitted = content;
  for (let maxChars = content.length - 1; maxChars > 1 && textWidthPx(fitted, fontSizePx) > maxWidthPx; maxChars -= 1)
    fitted = truncate(content, maxChars);
  return fitted;
}

/** The first of `variants` (longest, most telling first) that fits `maxWidthPx`, else the last one cut to fit. */
export function firstThatFits(variants: readonly string[], fontSizePx: number, maxWidthPx: number): string {
  return (
    variants.find((variant) => textWidthPx(variant, fontSizePx) <= maxWidthPx) ??
    fitToWidth(variants.at(-1) ?? '', fontSizePx, maxWidthPx)
  );
}

/** Words in lines of at most `maxWidthPx` at `fontSizePx`, at most `maxLines` (the last one cut to fit). */
export function wrapToWidth(content: string, fontSizePx: number, maxWidthPx: number, maxLines: number): string[] {
  const lines: string[] = [];
  let current = '';
  const words = content.split(/\s+/).filter((word) => word !== '');
  for (const [index, word] of words.entries()) {
    const next = current === '' ? word : `${current} ${word}`;
    if (current !== '' && textWidthPx(next, fontSizePx) > maxWidthPx) {
      if (lines.length === maxLines - 1) {
        lines.push(fitToWidth(`${current} ${words.slice(index).join(' ')}`, fontSizePx, maxWidthPx));
        return lines;
      }
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current !== '') lines.push(fitToWidth(current, fontSizePx, maxWidthPx));
  return lines;
}

/** The name without its bracketed details, collapsed: the part people say aloud. */
function withoutDetails(name: string): string {
  const stripped = name
    .replace(/\s*\([^()]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return stripped === '' ? name : stripped;
}

/** "GMKtec EVO-X2 (Ryzen AI Max+ 395, 128 GB) + RTX 3090 (used) (USB4 eGPU)" → "GMKtec EVO-X2 + RTX 3090". */
export function shortName(name: string, maxChars = 30): string {
  return truncate(withoutDetails(name), maxChars);
}

/**
 * Short names that stay apart: where two names shorten to the same text, each keeps the
 * last bracketed detail the others lack ("… (PCIe eGPU)" vs "… (USB4 eGPU)").
 */
export function distinctShortNames(names: readonly string[], maxChars = 30): string[] {
  const short = names.map((name) => shortName(name, maxChars));
  return names.map((name, index) => {
    const mine = short[index] ?? name;
    const rivals = names.filter(
      (other, otherIndex) => otherIndex !== index && short[otherIndex] === mine && other !== name,
    );
    if (rivals.length === 0) return mine;
    const details = [...name.matchAll(/\([^()]*\)/g)].map((match) => match[0]);
    const detail =
      [...details].reverse().find((candidate) => !rivals.some((rival) => rival.includes(candidate))) ?? details.at(-1);
    if (detail === undefined) return mine;
    const room = Math.max(20, maxChars - detail.length - 1);
    return truncate(`${truncate(withoutDetails(name), room)} ${detail}`, maxChars + 24);
  });
}

/** 2570 → "2,570"; 4.93 → "4.9": the one number format every front uses. */
export { formatNumber };

/** Joins alt-text sentences, dropping whole trailing parts (then cutting) to stay within Discord's limit. */
export function altText(parts: string[], maxChars = maxAltTextChars): string {
  let joined = '';
  for (const part of parts) {
    const next = joined === '' ? part : `${joined} ${part}`;
    if (next.length > maxChars) return joined === '' ? truncate(part, maxChars) : joined;
    joined = next;
  }
  return joined;
}
