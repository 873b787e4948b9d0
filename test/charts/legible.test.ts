/**
 * The charts as Discord shows them: an embed image at most 400×300 on the dark theme. Drawn
 * at twice that, so every text must be at least 19 px in the canvas (9.5 px on screen), on a
 * dark background, and no point label may cover another or the price/speed line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { chartFor, fontPx, type Chart } from '../../src/charts/index.ts';
import { textWidthPx } from '../../src/charts/svg.ts';
import { parseLine } from '../../src/console/parse.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { byClass, numberAttribute, parseSvg } from './helpers.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function chartOf(line: string): Chart {
  const parsed = parseLine(line, commandsByName);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const outcome = parsed.command.run(parsed.options, { advisor });
  if (!outcome.ok) throw new Error(outcome.error.message);
  const chart = chartFor(advisor, outcome.value);
  if (!chart) throw new Error(`${line} has no chart`);
  return chart;
}

const questions = [
  '/recommend model:llama-3.3-70b quant:Q4_K_M context:32768 budget:3000',
  '/recommend model:qwen3-235b-a22b quant:Q4_K_M budget:8000 allow_clusters:true',
  '/recommend model_size_gb:10 budget:1500',
  '/compare machine_a:gmktec-evo-x2-128gb machine_b:nvidia-dgx-spark model:gpt-oss-120b quant:MXFP4',
  '/specs machine:framework-desktop-128gb',
];

/** Relative luminance of a #rrggbb colour (WCAG). */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('charts at the size Discord shows them', () => {
  it.each(questions)(
    '%s: drawn at twice 400×300, on a dark background, no text under 19 px, light text readable on it',
    (line) => {
      const chart = chartOf(line);
      expect([chart.width, chart.height]).toEqual([800, 600]);
      const elements = parseSvg(chart.svg);
      const [svg, background] = elements;
      const defaultSize = Number(svg?.attributes['font-size']);
      const backgroundLuminance = luminance(background?.attributes.fill ?? '#ffffff');
      expect(backgroundLuminance).toBeLessThan(0.05);
      const textLuminance = luminance(svg?.attributes.fill ?? '#000000');
      // WCAG contrast of the default text on the background: at least 7:1.
      expect((textLuminance + 0.05) / (backgroundLuminance + 0.05)).toBeGreaterThan(7);
      for (const text of elements.filter((element) => element.name === 'text')) {
        const size = text.attributes['font-size'] === undefined ? defaultSize : Number(text.attributes['font-size']);
        expect(size, `"${text.text}"`).toBeGreaterThanOrEqual(fontPx.small);
      }
    },
  );

  it.each(questions)('%s: every text inside the canvas, and no two texts on top of each other', (line) => {
    const chart = chartOf(line);
    const elements = parseSvg(chart.svg);
    const defaultSize = Number(elements[0]?.attributes['font-size']);
    // Boxes from each text's anchor, size and DejaVu Sans metrics (ascent 0.76 em, descent 0.24 em).
    const boxes = elements
      .filter((element) => element.name === 'text' && element.attributes.transform === undefined)
      .map((element) => {
        const size = Number(element.attributes['font-size'] ?? defaultSize);
        const width = textWidthPx(element.text, size);
        const x = numberAttribute(element, 'x');
        const y = numberAttribute(element, 'y');
        const anchor = element.attributes['text-anchor'] ?? 'start';
        const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
        return {
          text: element.text,
          box: { left, right: left + width, top: y - 0.76 * size, bottom: y + 0.24 * size },
        };
      });
    expect(boxes.length).toBeGreaterThan(5);
    for (const { text, box } of boxes) {
      expect(box.left, text).toBeGreaterThanOrEqual(0);
      expect(box.right, text).toBeLessThanOrEqual(chart.width);
      expect(box.top, text).toBeGreaterThanOrEqual(0);
      expect(box.bottom, text).toBeLessThanOrEqual(chart.height);
    }
    for (const [index, first] of boxes.entries())
      for (const second of boxes.slice(index + 1))
        expect(overlaps(first.box, second.box), `"${first.text}" and "${second.text}"`).toBe(false);
  });

  it.each(questions.filter((line) => line.startsWith('/recommend')))(
    '%s: no label covers another label or the price/speed line',
    (line) => {
      const elements = parseSvg(chartOf(line).svg);
      const labels: Box[] = byClass(elements, 'label').map((label) => {
        const x = numberAttribute(label, 'x');
        const y = numberAttribute(label, 'y');
        return { left: x, right: x + textWidthPx(label.text, fontPx.body), top: y - fontPx.body + 4, bottom: y + 3 };
      });
      expect(labels.length).toBeGreaterThan(0);
      for (const [index, label] of labels.entries())
        for (const other of labels.slice(index + 1)) expect(overlaps(label, other)).toBe(false);
      // The front is drawn as M x y, then H x V y steps.
      const path = byClass(elements, 'pareto')[0]?.attributes.d ?? '';
      const segments: Box[] = [];
      let [x, y] = [0, 0];
      for (const [, command, value, second] of path.matchAll(/([MHV])([\d.]+)(?: ([\d.]+))?/g)) {
        const next = Number(value);
        if (command === 'M') {
          [x, y] = [next, Number(second)];
        } else if (command === 'H') {
          segments.push({ left: Math.min(x, next), right: Math.max(x, next), top: y - 1, bottom: y + 1 });
          x = next;
        } else {
          segments.push({ left: x - 1, right: x + 1, top: Math.min(y, next), bottom: Math.max(y, next) });
          y = next;
        }
      }
      expect(segments.length).toBeGreaterThan(0);
      for (const label of labels) for (const segment of segments) expect(overlaps(label, segment)).toBe(false);
    },
  );
});
