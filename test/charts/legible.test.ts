/**
 * The charts as Discord shows them: an embed image scaled down to fit 400×300 on a desktop
 * and the embed's width on a phone (display.ts), on the dark theme. Every text must show at
 * least 11 px in both, and no text may cover another, leave the canvas or be crossed by the
 * price/speed line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { chartFor, compareChart, fontPx, recommendChart, specsChart, type Chart } from '../../src/charts/index.ts';
import { discordEmbedImage, displayScale, minDisplayedTextPx } from '../../src/charts/display.ts';
import { textWidthPx } from '../../src/charts/svg.ts';
import { parseLine } from '../../src/console/parse.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import {
  byClass,
  fixtureSpecs,
  handMadeCompare,
  handMadeRecommend,
  numberAttribute,
  parseSvg,
  type SvgElement,
} from './helpers.ts';

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
  // A GPU build whose curve kinks where the model leaves the GPU's memory.
  '/specs machine:build-am4-5600-budget-1x-rtx-3090-used',
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

/** The canvas (the viewBox, in design pixels) and the PNG's pixels, from the SVG's root element. */
function sizes(root: SvgElement | undefined): { canvas: [number, number]; png: [number, number] } {
  const [, , canvasWidth = NaN, canvasHeight = NaN] = (root?.attributes.viewBox ?? '').split(' ').map(Number);
  return {
    canvas: [canvasWidth, canvasHeight],
    png: [numberAttribute(root, 'width'), numberAttribute(root, 'height')],
  };
}

/** Each text's font size as shown on screen (CSS px) in `box`: canvas units → PNG pixels → Discord's scaling. */
function displayedTextPx(chart: Chart, box: (typeof discordEmbedImage)[keyof typeof discordEmbedImage]) {
  const elements = parseSvg(chart.svg);
  const { canvas, png } = sizes(elements[0]);
  const pngPixelsPerUnit = png[0] / canvas[0];
  const scale = displayScale(png[0], png[1], box);
  const defaultSize = Number(elements[0]?.attributes['font-size']);
  return elements
    .filter((element) => element.name === 'text')
    .map((element) => ({
      text: element.text,
      px: Number(element.attributes['font-size'] ?? defaultSize) * pngPixelsPerUnit * scale,
    }));
}

/** Charts the live questions do not reach: no machine fits, one machine, a side that does not fit, a curve that stops. */
const edgeCharts: Record<string, () => Chart> = {
  'the empty /recommend chart': () => recommendChart(handMadeRecommend([])),
  'a /recommend chart of one machine': () =>
    recommendChart(handMadeRecommend([{ id: 'x', name: 'Only Box', priceEur: 900, tgTokensPerSecond: 3 }])),
  'a /compare chart where B does not fit': () =>
    compareChart(
      handMadeCompare(
        {
          id: 'a',
          name: 'A Box with a rather long name that will not fit (Chip, 128 GB, OCuLink dock)',
          priceEur: 2000,
          tgTokensPerSecond: 10,
          memoryGb: 128,
        },
        { id: 'b', name: 'B Box', priceEur: 1000, tgTokensPerSecond: null, memoryGb: 64 },
      ),
    ),
  'a /specs chart whose curve stops fitting': () =>
    specsChart(fixtureSpecs(), [
      { sizeGb: 4, tgTokensPerSecond: 40 },
      { sizeGb: 40, tgTokensPerSecond: 4 },
      { sizeGb: 120, tgTokensPerSecond: null },
    ]),
};

describe('the display geometry', () => {
  it('scales an image down to fit the box, keeping its shape, never up', () => {
    // Hand-worked: 800×600 in 400×300 is half size; in a 288-wide phone embed 288/800 = 0.36.
    expect(displayScale(800, 600, discordEmbedImage.desktop)).toBeCloseTo(0.5, 9);
    expect(displayScale(800, 600, discordEmbedImage.phone)).toBeCloseTo(0.36, 9);
    // A 600×600 square is height-bound on a desktop (300/600) and width-bound on a phone (288/600).
    expect(displayScale(600, 600, discordEmbedImage.desktop)).toBeCloseTo(0.5, 9);
    expect(displayScale(600, 600, discordEmbedImage.phone)).toBeCloseTo(0.48, 9);
    expect(displayScale(200, 100, discordEmbedImage.desktop)).toBe(1);
  });

  it('would refuse the old 800×600 charts: their 19 px small text shows at 6.8 px on a phone', () => {
    expect(19 * displayScale(800, 600, discordEmbedImage.phone)).toBeLessThan(minDisplayedTextPx);
  });
});

describe('charts at the size Discord shows them', () => {
  const charts: [string, () => Chart][] = [
    ...questions.map((line): [string, () => Chart] => [line, () => chartOf(line)]),
    ...Object.entries(edgeCharts),
  ];

  it.each(charts)('%s: every text shows at least 11 px on a phone and on a desktop', (_, make) => {
    const chart = make();
    for (const box of Object.values(discordEmbedImage)) {
      const shown = displayedTextPx(chart, box);
      expect(shown.length).toBeGreaterThan(0);
      const smallest = shown.reduce((least, text) => (text.px < least.px ? text : least));
      expect(
        smallest.px,
        `${box.name}: "${smallest.text}" shows at ${smallest.px.toFixed(1)} px`,
      ).toBeGreaterThanOrEqual(minDisplayedTextPx);
    }
  });

  it.each(charts)(
    '%s: the PNG size is the SVG size, on a dark background with light text readable on it',
    (_, make) => {
      const chart = make();
      const elements = parseSvg(chart.svg);
      const [svg, background] = elements;
      expect(sizes(svg).png).toEqual([chart.width, chart.height]);
      const backgroundLuminance = luminance(background?.attributes.fill ?? '#ffffff');
      expect(backgroundLuminance).toBeLessThan(0.05);
      const textLuminance = luminance(svg?.attributes.fill ?? '#000000');
      // WCAG contrast of the default text on the background: at least 7:1.
      expect((textLuminance + 0.05) / (backgroundLuminance + 0.05)).toBeGreaterThan(7);
    },
  );

  it.each(charts)('%s: every text inside the canvas, and no two texts on top of each other', (_, make) => {
    const chart = make();
    const elements = parseSvg(chart.svg);
    const [canvasWidth, canvasHeight] = sizes(elements[0]).canvas;
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
    expect(boxes.length).toBeGreaterThan(2);
    for (const { text, box } of boxes) {
      expect(box.left, text).toBeGreaterThanOrEqual(0);
      expect(box.right, text).toBeLessThanOrEqual(canvasWidth);
      expect(box.top, text).toBeGreaterThanOrEqual(0);
      expect(box.bottom, text).toBeLessThanOrEqual(canvasHeight);
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

  it.each(questions.filter((line) => line.startsWith('/recommend')))(
    '%s: the top pick is labelled, and no label sits on the budget line',
    (line) => {
      const elements = parseSvg(chartOf(line).svg);
      const labels = byClass(elements, 'label');
      expect(labels.map((label) => label.text)).toContain('#1');
      const budget = byClass(elements, 'budget')[0];
      if (!budget) return;
      const budgetX = numberAttribute(budget, 'x1');
      for (const label of labels) {
        const box = labelBox(label);
        expect(box.right <= budgetX || box.left >= budgetX, label.text).toBe(true);
      }
    },
  );

  it.each(questions.filter((line) => line.startsWith('/specs')))(
    '%s: most catalog models labelled, none crossed by the speed curve or the fit line or over a marker',
    (line) => {
      const elements = parseSvg(chartOf(line).svg);
      const labels = byClass(elements, 'label');
      const markers = byClass(elements, 'model-marker');
      expect(labels.length).toBeGreaterThanOrEqual(Math.ceil(markers.length / 2));
      // The curve is drawn as M x y L x y …, broken (a new M) where a size does not fit.
      const path = byClass(elements, 'curve')[0]?.attributes.d ?? '';
      const segments: [number, number, number, number][] = [];
      let previous: [number, number] | undefined;
      for (const [, command, x, y] of path.matchAll(/([ML])([\d.]+) ([\d.]+)/g)) {
        const point: [number, number] = [Number(x), Number(y)];
        if (command === 'L' && previous) segments.push([...previous, ...point]);
        previous = point;
      }
      expect(segments.length).toBeGreaterThan(10);
      const limit = byClass(elements, 'fit-limit')[0];
      if (limit)
        segments.push([
          numberAttribute(limit, 'x1'),
          numberAttribute(limit, 'y1'),
          numberAttribute(limit, 'x2'),
          numberAttribute(limit, 'y2'),
        ]);
      for (const label of labels) {
        const box = labelBox(label);
        for (const segment of segments) expect(segmentCrosses(segment, box), label.text).toBe(false);
        for (const marker of markers) {
          const [cx, cy, r] = [
            numberAttribute(marker, 'cx'),
            numberAttribute(marker, 'cy'),
            numberAttribute(marker, 'r'),
          ];
          const markerBox = { left: cx - r, right: cx + r, top: cy - r, bottom: cy + r };
          expect(overlaps(box, markerBox), `${label.text} over ${marker.attributes['data-id']}`).toBe(false);
        }
      }
    },
  );
});

/** A point label's box: its text from the baseline's left end, DejaVu Sans's ascent 0.76 em and descent 0.24 em. */
function labelBox(label: SvgElement): Box {
  const x = numberAttribute(label, 'x');
  const y = numberAttribute(label, 'y');
  const size = Number(label.attributes['font-size'] ?? fontPx.body);
  return { left: x, right: x + textWidthPx(label.text, size), top: y - 0.76 * size, bottom: y + 0.24 * size };
}

/** Whether the segment from (x1, y1) to (x2, y2) passes through the box (Liang–Barsky clipping). */
function segmentCrosses([x1, y1, x2, y2]: readonly [number, number, number, number], box: Box): boolean {
  const [dx, dy] = [x2 - x1, y2 - y1];
  let [enter, leave] = [0, 1];
  for (const [p, q] of [
    [-dx, x1 - box.left],
    [dx, box.right - x1],
    [-dy, y1 - box.top],
    [dy, box.bottom - y1],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return false;
  }
  return true;
}
