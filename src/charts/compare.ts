/**
 * /compare as a picture for the 300×300 canvas (display.ts): one block per metric, a horizontal bar each for A and
 * B, every bar as long as its value (the block's larger value fills the row) and labelled
 * with it. Lower-is-better metrics (first token, price) say so in their heading, so the
 * shorter bar wins there; the better side of every block carries a check mark.
 */
import type { CompareResult, MachineEstimate } from '../advisor/index.ts';
import { shortMachineName } from '../format/index.ts';
import { belowTitleBaselinePx, edgePx, titleParts } from './axes.ts';
import { legend, legendRowPx } from './legend.ts';
import {
  altText,
  chartHeightPx,
  chartOf,
  chartWidthPx,
  colours,
  distinctShortNames,
  document,
  element,
  firstThatFits,
  fitToWidth,
  fontPx,
  formatNumber,
  shortName,
  text,
  textWidthPx,
  type Chart,
} from './svg.ts';

export type CompareMetricKey = 'tg' | 'ttft' | 'headroom' | 'price';

export interface CompareMetric {
  key: CompareMetricKey;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  a: number | null;
  b: number | null;
}

/** Where the blocks go in the canvas: four blocks of a heading and two bars, under the title and the two legend rows. */
const layout = {
  firstBlockTop: belowTitleBaselinePx + legendRowPx + 9,
  blockHeight: 50,
  headingBaseline: 12,
  barTop: [17, 32],
  barHeight: 12,
  letterX: 10,
  barLeft: 20,
  valueGap: 5,
  verdictBaseline: chartHeightPx - 10,
} as const;
const sideColour = { a: colours.primary, b: colours.secondary } as const;
const checkMark = '✓';

const fitting = (entry: MachineEstimate) => entry.estimate.fits;
const tgOf = (entry: MachineEstimate) => (fitting(entry) ? (entry.estimate.tg?.tokensPerSecond ?? null) : null);
const ttftOf = (entry: MachineEstimate) => (fitting(entry) ? (entry.estimate.timeToFirstTokenSeconds ?? null) : null);
const headroomOf = (entry: MachineEstimate) => (fitting(entry) ? entry.estimate.memory.headroomGb : null);

/** The four figures the chart shows: two where more is better, two where less is. */
export function compareMetrics(result: CompareResult): CompareMetric[] {
  const { a, b } = result;
  return [
    { key: 'tg', label: 'Generation', unit: 'tok/s', better: 'higher', a: tgOf(a), b: tgOf(b) },
    { key: 'ttft', label: 'First token', unit: 's', better: 'lower', a: ttftOf(a), b: ttftOf(b) },
    { key: 'headroom', label: 'Memory spare', unit: 'GB', better: 'higher', a: headroomOf(a), b: headroomOf(b) },
    { key: 'price', label: 'Price', unit: 'EUR', better: 'lower', a: a.machine.priceEur, b: b.machine.priceEur },
  ];
}

/** The side that wins a metric; none on a tie or when a side has no figure. */
export function betterSide(metric: CompareMetric): 'a' | 'b' | null {
  if (metric.a === null || metric.b === null || metric.a === metric.b) return null;
  const aWins = metric.better === 'higher' ? metric.a > metric.b : metric.a < metric.b;
  return aWins ? 'a' : 'b';
}

const valueText = (value: number | null, metric: CompareMetric) =>
  value === null ? 'does not fit' : `${formatNumber(value, metric.key === 'price' ? 0 : undefined)} ${metric.unit}`;

/**
 * The full name where it fits one legend row, else the short one with memory and dock, else
 * the name without its bracketed details; still too long, the host is cut and what was
 * added to it (" + RTX 3090") kept, since that is what tells builds apart.
 */
function legendLabel(side: 'A' | 'B', name: string): string {
  const roomPx = chartWidthPx - 2 * edgePx - 16;
  const bare = `${side} ${shortName(name, 200)}`;
  const plus = bare.indexOf(' + ');
  const cutHost =
    plus < 0
      ? bare
      : `${fitToWidth(bare.slice(0, plus), fontPx.small, roomPx - textWidthPx(bare.slice(plus), fontPx.small))}${bare.slice(plus)}`;
  return firstThatFits([`${side} ${name}`, `${side} ${shortMachineName(name)}`, bare, cutHost], fontPx.small, roomPx);
}

/** Short names for the two machines, kept apart when they shorten alike (two Mac Studios). */
function shortNames(result: CompareResult, maxChars: number): [string, string] {
  const [nameA = result.a.machine.name, nameB = result.b.machine.name] = distinctShortNames(
    [result.a.machine.name, result.b.machine.name],
    maxChars,
  );
  return [nameA, nameB];
}

function compareAltText(result: CompareResult, metrics: CompareMetric[]): string {
  const [nameA, nameB] = shortNames(result, 60);
  const model = result.a.estimate.model;
  const figures = metrics.map((metric) => {
    const pair = `${valueText(metric.a, metric)} vs ${valueText(metric.b, metric)}`;
    return `${metric.label.toLowerCase()} ${pair}${metric.better === 'lower' ? ' (lower is better)' : ''}`;
  });
  const value = result.betterValue === null ? '' : `Better value: ${result.betterValue === 'a' ? nameA : nameB}.`;
  return altText(
    [
      `Bar chart comparing ${nameA} (${formatNumber(result.a.machine.priceEur, 0)} EUR) with ${nameB} (${formatNumber(result.b.machine.priceEur, 0)} EUR)`,
      `on ${model.name} ${model.quantization} at ${formatNumber(result.a.estimate.workload.contextTokens, 0)} tokens of context: ${figures.join('; ')}.`,
      value,
    ].filter((part) => part !== ''),
  );
}

const valueLabel = (metric: CompareMetric, side: 'a' | 'b') =>
  `${valueText(metric[side], metric)}${betterSide(metric) === side ? ` ${checkMark}` : ''}`;

/** One metric: its heading, then A's and B's bar, each as long as its value against the larger of the two. */
function block(metric: CompareMetric, top: number, barRight: number): string[] {
  const direction = metric.better === 'lower' ? 'lower is better' : 'higher is better';
  const parts = [
    text(metric.label, {
      class: 'group-label',
      x: layout.barLeft,
      y: top + layout.headingBaseline,
      'font-weight': 'bold',
    }),
    text(`${metric.unit === 's' ? 'seconds' : metric.unit}, ${direction}`, {
      class: 'group-unit',
      'data-better': metric.better,
      x: layout.barLeft + textWidthPx(metric.label, fontPx.body) + 6,
      y: top + layout.headingBaseline,
      'font-size': fontPx.small,
      fill: colours.mutedText,
    }),
  ];
  const max = Math.max(0, ...[metric.a, metric.b].filter((value): value is number => value !== null));
  const winner = betterSide(metric);
  (['a', 'b'] as const).forEach((side, index) => {
    const value = metric[side];
    const barTop = top + (layout.barTop[index] ?? 0);
    const baseline = barTop + layout.barHeight - 1.5;
    parts.push(
      text(side.toUpperCase(), {
        class: 'side-letter',
        x: layout.letterX,
        y: baseline,
        'text-anchor': 'middle',
        'font-weight': 'bold',
        fill: sideColour[side],
      }),
    );
    const length = value === null || value <= 0 || max <= 0 ? 0 : (value / max) * (barRight - layout.barLeft);
    if (value !== null)
      parts.push(
        element('rect', {
          class: 'bar',
          'data-metric': metric.key,
          'data-side': side,
          'data-value': String(value),
          x: layout.barLeft,
          y: barTop,
          width: length,
          height: layout.barHeight,
          fill: sideColour[side],
        }),
      );
    const wins = winner === side;
    parts.push(
      text(valueLabel(metric, side), {
        class: 'bar-value',
        'data-metric': metric.key,
        'data-side': side,
        'data-better': wins ? 'yes' : undefined,
        x: layout.barLeft + length + layout.valueGap,
        y: baseline,
        'font-weight': wins ? 'bold' : undefined,
        fill: value === null ? colours.mutedText : colours.text,
      }),
    );
  });
  return parts;
}

export function compareChart(result: CompareResult): Chart {
  const width = chartWidthPx;
  const height = chartHeightPx;
  const metrics = compareMetrics(result);
  const model = result.a.estimate.model;
  // The names are in the legend, A and B: the title has room for the model only.
  const parts = titleParts(
    width,
    `${model.name} ${model.quantization}: A vs B`,
    `${formatNumber(result.a.estimate.workload.contextTokens, 0)}-token context · ${checkMark} the better of each pair`,
  );
  // One row per machine, so the names fit.
  const legendLeft = layout.letterX - 5;
  parts.push(
    ...legend(
      [{ swatch: 'bar', colour: sideColour.a, label: legendLabel('A', result.a.machine.name) }],
      legendLeft,
      belowTitleBaselinePx,
      width,
      'left',
    ).parts,
    ...legend(
      [{ swatch: 'bar', colour: sideColour.b, label: legendLabel('B', result.b.machine.name) }],
      legendLeft,
      belowTitleBaselinePx + legendRowPx,
      width,
      'left',
    ).parts,
  );
  // The longest bar ends where the widest value label still fits after it.
  const widestValuePx = Math.max(
    ...metrics.flatMap((metric) =>
      (['a', 'b'] as const).map((side) => textWidthPx(valueLabel(metric, side), fontPx.body)),
    ),
  );
  const barRight = width - edgePx - widestValuePx - layout.valueGap;
  metrics.forEach((metric, index) =>
    parts.push(...block(metric, layout.firstBlockTop + index * layout.blockHeight, barRight)),
  );
  if (result.betterValue !== null) {
    const side = result.betterValue === 'a' ? 'A' : 'B';
    parts.push(
      text(
        fitToWidth(
          `Better value: ${side}, ${shortNames(result, 40)[result.betterValue === 'a' ? 0 : 1]}`,
          fontPx.body,
          width - 2 * edgePx,
        ),
        {
          class: 'verdict',
          x: width / 2,
          y: layout.verdictBaseline,
          'text-anchor': 'middle',
          'font-size': fontPx.body,
          fill: sideColour[result.betterValue],
        },
      ),
    );
  }
  return chartOf(document(width, height, parts), compareAltText(result, metrics));
}
