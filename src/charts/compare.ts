/**
 * /compare as a picture: grouped bars for the two machines on four metrics, every bar
 * labelled with its real value. Each metric is scaled so the better side's bar is full:
 * value / larger where higher is better, smaller / value where lower is (the cost), so a
 * taller bar is the better one in every group.
 */
import type { CompareResult, MachineEstimate } from '../advisor/index.ts';
import { shortMachineName } from '../format/index.ts';
import { titleParts, yTickBaselinePx, type PlotArea } from './axes.ts';
import { legend } from './legend.ts';
import { linearScale } from './scale.ts';
import {
  altText,
  chartHeightPx,
  chartWidthPx,
  colours,
  document,
  element,
  fontPx,
  formatNumber,
  line,
  distinctShortNames,
  text,
  truncate,
  type Chart,
} from './svg.ts';

export type CompareMetricKey = 'pp' | 'tg' | 'memory' | 'cost';

export interface CompareMetric {
  key: CompareMetricKey;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  a: number | null;
  b: number | null;
}

const area: PlotArea = { left: 96, top: 150, right: 776, bottom: 470 };
const barWidthPx = 64;
const barGapPx = 10;
const sideColour = { a: colours.primary, b: colours.secondary } as const;
/** Group names short enough for a quarter of 400 px. */
const groupLabels: Record<CompareMetricKey, string> = {
  pp: 'Prompt',
  tg: 'Generation',
  memory: 'Memory',
  cost: 'Cost/speed',
};

const tgOf = (entry: MachineEstimate) => entry.estimate.tg?.tokensPerSecond ?? null;
const ppOf = (entry: MachineEstimate) => entry.estimate.pp?.tokensPerSecond ?? null;
const costPerTgOf = (entry: MachineEstimate) => {
  const tg = tgOf(entry);
  return tg === null || tg <= 0 ? null : entry.machine.priceEur / tg;
};

/** The four figures the chart shows, from the result (memory is the machine's installed memory). */
export function compareMetrics(result: CompareResult): CompareMetric[] {
  const memoryRow = result.specRows.find((row) => row.key === 'memory');
  const memory = (value: unknown) => (typeof value === 'number' ? value : null);
  return [
    { key: 'pp', label: 'Prompt processing', unit: 'tok/s', better: 'higher', a: ppOf(result.a), b: ppOf(result.b) },
    { key: 'tg', label: 'Generation', unit: 'tok/s', better: 'higher', a: tgOf(result.a), b: tgOf(result.b) },
    { key: 'memory', label: 'Memory', unit: 'GB', better: 'higher', a: memory(memoryRow?.a), b: memory(memoryRow?.b) },
    {
      key: 'cost',
      label: 'Cost per tg speed',
      unit: 'EUR per tok/s',
      better: 'lower',
      a: costPerTgOf(result.a),
      b: costPerTgOf(result.b),
    },
  ];
}

function valueText(value: number | null, metric: CompareMetric): string {
  if (value === null) return metric.key === 'memory' ? 'n/a' : 'does not fit';
  return formatNumber(value);
}

/** The full name where it fits one legend row at 400 px, else the short one (memory and dock kept). */
const maxLegendChars = 52;
const legendName = (name: string) =>
  name.length <= maxLegendChars ? name : truncate(shortMachineName(name), maxLegendChars);

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
    const pair = `${valueText(metric.a, metric)} vs ${valueText(metric.b, metric)} ${metric.unit}`;
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

function bars(metric: CompareMetric, centreX: number, y: (share: number) => number): string[] {
  const parts: string[] = [];
  const known = [metric.a, metric.b].filter((value): value is number => value !== null);
  const max = Math.max(0, ...known);
  const min = Math.min(...known.filter((value) => value > 0));
  (['a', 'b'] as const).forEach((side, index) => {
    const value = metric[side];
    const left = centreX + (index === 0 ? -barWidthPx - barGapPx / 2 : barGapPx / 2);
    const share = value === null || value <= 0 || max === 0 ? 0 : metric.better === 'lower' ? min / value : value / max;
    const top = y(share * 100);
    if (value !== null) {
      parts.push(
        element('rect', {
          class: 'bar',
          'data-metric': metric.key,
          'data-side': side,
          'data-value': String(value),
          'data-share': String(share),
          x: left,
          y: top,
          width: barWidthPx,
          height: Math.max(0, area.bottom - top),
          fill: sideColour[side],
        }),
      );
    }
    parts.push(
      text(valueText(value, metric), {
        class: 'bar-value',
        'data-metric': metric.key,
        'data-side': side,
        x: left + barWidthPx / 2,
        y: (value === null ? area.bottom : top) - 8,
        'text-anchor': 'middle',
        'font-size': value === null ? fontPx.small : fontPx.body,
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
  const y = linearScale(0, 100, area.bottom, area.top + 30);
  // The names are in the legend, A and B: the title has room for the model only.
  const parts = titleParts(
    width,
    `${model.name} ${model.quantization}: A vs B`,
    `${formatNumber(result.a.estimate.workload.contextTokens, 0)}-token context; the taller bar is the better`,
  );
  // One row per machine, so the names fit.
  parts.push(
    ...legend(
      [{ swatch: 'bar', colour: sideColour.a, label: `A ${legendName(result.a.machine.name)}` }],
      area.left,
      100,
      'left',
    ),
  );
  parts.push(
    ...legend(
      [{ swatch: 'bar', colour: sideColour.b, label: `B ${legendName(result.b.machine.name)}` }],
      area.left,
      128,
      'left',
    ),
  );
  for (const share of [0, 50, 100]) {
    parts.push(line(area.left, y(share), area.right, y(share), { stroke: colours.grid }));
    parts.push(
      text(`${share} %`, {
        class: 'y-tick',
        'data-value': String(share),
        x: area.left - 10,
        y: y(share) + yTickBaselinePx,
        'text-anchor': 'end',
        'font-size': fontPx.small,
        fill: colours.mutedText,
      }),
    );
  }

  const groupWidthPx = (area.right - area.left) / metrics.length;
  metrics.forEach((metric, index) => {
    const centreX = area.left + groupWidthPx * (index + 0.5);
    parts.push(...bars(metric, centreX, y));
    parts.push(
      text(groupLabels[metric.key], { class: 'group-label', x: centreX, y: area.bottom + 30, 'text-anchor': 'middle' }),
    );
    const hint = metric.better === 'lower' ? 'lower wins' : metric.unit;
    parts.push(
      text(hint, {
        class: 'group-unit',
        x: centreX,
        y: area.bottom + 56,
        'text-anchor': 'middle',
        'font-size': fontPx.small,
        fill: colours.mutedText,
      }),
    );
  });
  parts.push(line(area.left, area.bottom, area.right, area.bottom, { stroke: colours.axis }));
  if (result.betterValue !== null) {
    parts.push(
      text(
        `Better value: ${result.betterValue === 'a' ? 'A' : 'B'}, ${shortNames(result, 40)[result.betterValue === 'a' ? 0 : 1]}`,
        {
          class: 'verdict',
          x: width / 2,
          y: height - 22,
          'text-anchor': 'middle',
          'font-size': fontPx.body,
          fill: sideColour[result.betterValue],
        },
      ),
    );
  }
  return { svg: document(width, height, parts), altText: compareAltText(result, metrics), width, height };
}
