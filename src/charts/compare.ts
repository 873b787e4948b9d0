/**
 * /compare as a picture: grouped bars for the two machines on four metrics, each metric
 * scaled to the larger of the two values, every bar labelled with its real value.
 */
import type { CompareResult, MachineEstimate } from '../advisor/index.ts';
import { titleParts, type PlotArea } from './axes.ts';
import { legend } from './legend.ts';
import { linearScale } from './scale.ts';
import { altText, chartHeightPx, chartWidthPx, colours, document, element, formatNumber, line, distinctShortNames, text, truncate, type Chart } from './svg.ts';

export type CompareMetricKey = 'pp' | 'tg' | 'memory' | 'cost';

export interface CompareMetric {
  key: CompareMetricKey;
  label: string;
  unit: string;
  better: 'higher' | 'lower';
  a: number | null;
  b: number | null;
}

const area: PlotArea = { left: 70, top: 104, right: 770, bottom: 384 };
const barWidthPx = 58;
const barGapPx = 8;
const sideColour = { a: colours.primary, b: colours.secondary } as const;

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
    { key: 'cost', label: 'Cost per tg speed', unit: 'EUR per tok/s', better: 'lower', a: costPerTgOf(result.a), b: costPerTgOf(result.b) },
  ];
}

function valueText(value: number | null, metric: CompareMetric): string {
  if (value === null) return metric.key === 'memory' ? 'n/a' : 'does not fit';
  return formatNumber(value);
}

/** Short names for the two machines, kept apart when they shorten alike (two Mac Studios). */
function shortNames(result: CompareResult, maxChars: number): [string, string] {
  const [nameA = result.a.machine.name, nameB = result.b.machine.name] = distinctShortNames([result.a.machine.name, result.b.machine.name], maxChars);
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
  return altText([
    `Bar chart comparing ${nameA} (${formatNumber(result.a.machine.priceEur, 0)} EUR) with ${nameB} (${formatNumber(result.b.machine.priceEur, 0)} EUR)`,
    `on ${model.name} ${model.quantization} at ${formatNumber(result.a.estimate.workload.contextTokens, 0)} tokens of context: ${figures.join('; ')}.`,
    value,
  ].filter((part) => part !== ''));
}

function bars(metric: CompareMetric, centreX: number, y: (share: number) => number): string[] {
  const parts: string[] = [];
  const known = [metric.a, metric.b].filter((value): value is number => value !== null);
  const max = Math.max(0, ...known);
  (['a', 'b'] as const).forEach((side, index) => {
    const value = metric[side];
    const left = centreX + (index === 0 ? -barWidthPx - barGapPx / 2 : barGapPx / 2);
    const share = value === null || max === 0 ? 0 : value / max;
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
        y: (value === null ? area.bottom : top) - 6,
        'text-anchor': 'middle',
        'font-size': value === null ? 11 : 13,
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
  const y = linearScale(0, 100, area.bottom, area.top + 18);
  const [titleA, titleB] = shortNames(result, 29);
  const parts = titleParts(
    width,
    `${titleA} vs ${titleB}`,
    `${model.name} ${model.quantization}, ${formatNumber(result.a.estimate.workload.contextTokens, 0)}-token context; each metric scaled to the larger value`,
  );
  // One row per machine, so full names fit.
  parts.push(...legend([{ swatch: 'bar', colour: sideColour.a, label: truncate(result.a.machine.name, 95) }], area.left, 70, 'left'));
  parts.push(...legend([{ swatch: 'bar', colour: sideColour.b, label: truncate(result.b.machine.name, 95) }], area.left, 88, 'left'));
  for (const share of [0, 25, 50, 75, 100]) {
    parts.push(line(area.left, y(share), area.right, y(share), { stroke: colours.grid }));
    parts.push(text(`${share} %`, { class: 'y-tick', 'data-value': String(share), x: area.left - 8, y: y(share) + 4, 'text-anchor': 'end' }));
  }
  const middleY = (area.top + area.bottom) / 2;
  parts.push(text('Share of the larger value', { class: 'y-title', x: 18, y: middleY, 'text-anchor': 'middle', 'font-size': 13, transform: `rotate(-90 18 ${middleY})` }));

  const groupWidthPx = (area.right - area.left) / metrics.length;
  metrics.forEach((metric, index) => {
    const centreX = area.left + groupWidthPx * (index + 0.5);
    parts.push(...bars(metric, centreX, y));
    parts.push(text(metric.label, { class: 'group-label', x: centreX, y: area.bottom + 20, 'text-anchor': 'middle', 'font-size': 13 }));
    const hint = `${metric.unit}, ${metric.better} is better`;
    parts.push(text(hint, { class: 'group-unit', x: centreX, y: area.bottom + 37, 'text-anchor': 'middle', 'font-size': 11, fill: colours.mutedText }));
  });
  parts.push(line(area.left, area.bottom, area.right, area.bottom, { stroke: colours.axis }));
  if (result.betterValue !== null) {
    parts.push(
      text(`Better value: ${shortNames(result, 50)[result.betterValue === 'a' ? 0 : 1]} (more generation speed per euro)`, {
        class: 'verdict',
        x: width / 2,
        y: height - 20,
        'text-anchor': 'middle',
        'font-size': 13,
        fill: sideColour[result.betterValue],
      }),
    );
  }
  return { svg: document(width, height, parts), altText: compareAltText(result, metrics), width, height };
}
