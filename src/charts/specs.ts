/**
 * /specs as a picture: one machine's generation speed against model size, with a line
 * where models stop fitting and the sheet's catalog models marked.
 */
import type { Advisor, Outcome, SpecsResult } from '../advisor/index.ts';
import { defaultWorkload, type Workload } from '../estimator/index.ts';
import { edgePx, xyFrame } from './axes.ts';
import { placeLabels, type Box } from './labels.ts';
import { logAxis, niceAxis } from './scale.ts';
import {
  altText,
  chartHeightPx,
  chartOf,
  chartWidthPx,
  colours,
  document,
  element,
  fitToWidth,
  fontPx,
  formatNumber,
  line,
  px,
  shortName,
  text,
  textWidthPx,
  type Chart,
} from './svg.ts';

export interface SpecsCurvePoint {
  sizeGb: number;
  /** null: a model of this size does not fit the machine. */
  tgTokensPerSecond: number | null;
}

/** `count` sizes from 1 GB to `maxGb`, evenly spaced and rounded to 0.1 GB. */
export function curveSizesGb(maxGb: number, count = 40): number[] {
  const top = Math.max(2, Math.min(maxGb, 1999));
  return Array.from(
    { length: count },
    (_, index) => Math.round((1 + ((top - 1) * index) / Math.max(1, count - 1)) * 10) / 10,
  );
}

/**
 * Estimates tg for a dense, Llama-like model of each file size (Q4_K_M assumed) on one
 * machine, with the estimator the advisor uses. Sizes default to 1 GB … 1.25 × the
 * most memory the machine can give a model, so the curve shows where it stops fitting.
 */
export function specsCurve(
  advisor: Advisor,
  machineId: string,
  sizesGb?: readonly number[],
  workload: Workload = defaultWorkload,
): Outcome<SpecsCurvePoint[]> {
  const machine = advisor.catalog.machine(machineId);
  if (!machine)
    return {
      ok: false,
      error: {
        problem: { code: 'unknown-machine', typed: machineId },
        suggestions: advisor.catalog.machineSearch.suggest(machineId, 5).map((found) => found.id),
      },
    };
  const profile = advisor.estimator.profile(machine);
  const sizes = sizesGb ?? curveSizesGb(advisor.estimator.memoryCeilingGb(profile) * 1.25);
  const points: SpecsCurvePoint[] = [];
  for (const sizeGb of sizes) {
    const spec = advisor.estimator.resolveModel({ sizeGb });
    if (!spec.ok) return { ok: false, error: { problem: spec.problem, suggestions: spec.suggestions } };
    const estimate = advisor.estimator.estimate(profile, spec.value, workload);
    points.push({ sizeGb, tgTokensPerSecond: estimate.fits ? (estimate.tg?.tokensPerSecond ?? null) : null });
  }
  return { ok: true, value: points };
}

/**
 * Where models stop fitting: halfway between the largest size that fits and the next
 * size that does not; the smallest size when nothing fits; undefined when all fit.
 */
export function fitLimitGb(points: readonly SpecsCurvePoint[]): number | undefined {
  const fitting = points.filter((point) => point.tgTokensPerSecond !== null).map((point) => point.sizeGb);
  const notFitting = points.filter((point) => point.tgTokensPerSecond === null).map((point) => point.sizeGb);
  if (notFitting.length === 0) return undefined;
  if (fitting.length === 0) return Math.min(...notFitting);
  const largestFitting = Math.max(...fitting);
  const above = notFitting.filter((size) => size > largestFitting);
  return above.length === 0 ? undefined : (largestFitting + Math.min(...above)) / 2;
}

interface ModelMarker {
  id: string;
  label: string;
  sizeGb: number;
  tgTokensPerSecond: number;
}

function modelMarkers(result: SpecsResult): ModelMarker[] {
  return result.estimates.flatMap((entry) => {
    const tg = entry.estimate.tg?.tokensPerSecond;
    if (!entry.estimate.fits || tg === undefined) return [];
    const model = entry.estimate.model;
    const moe = model.architecture === 'moe' ? ' (MoE)' : '';
    return [
      {
        id: `${model.id}:${model.quantization}`,
        label: `${model.name}${moe}`,
        sizeGb: entry.estimate.memory.weightsGb,
        tgTokensPerSecond: tg,
      },
    ];
  });
}

/** Continuous runs of fitting points, so the line breaks where a size does not fit. */
function curvePath(
  points: readonly SpecsCurvePoint[],
  x: (value: number) => number,
  y: (value: number) => number,
): string {
  let pen = 'M';
  const commands: string[] = [];
  for (const point of points) {
    if (point.tgTokensPerSecond === null) {
      pen = 'M';
      continue;
    }
    commands.push(`${pen}${px(x(point.sizeGb))} ${px(y(point.tgTokensPerSecond))}`);
    pen = 'L';
  }
  return element('path', {
    class: 'curve',
    d: commands.join(' '),
    fill: 'none',
    stroke: colours.primary,
    'stroke-width': 2,
    'stroke-linejoin': 'round',
  });
}

/**
 * The curve as small boxes along it (a box per ~3 px of line, as wide as its stroke), so
 * no model label is placed across the line while the space beside a steep stretch stays free.
 */
function curveBoxes(
  points: readonly SpecsCurvePoint[],
  x: (value: number) => number,
  y: (value: number) => number,
): Box[] {
  const boxes: Box[] = [];
  const halfStrokePx = 1.5;
  for (let index = 1; index < points.length; index += 1) {
    const from = points[index - 1];
    const to = points[index];
    if (!from || !to || from.tgTokensPerSecond === null || to.tgTokensPerSecond === null) continue;
    const [fromX, fromY, toX, toY] = [x(from.sizeGb), y(from.tgTokensPerSecond), x(to.sizeGb), y(to.tgTokensPerSecond)];
    const pieces = Math.max(1, Math.ceil(Math.hypot(toX - fromX, toY - fromY) / 3));
    for (let piece = 0; piece < pieces; piece += 1) {
      const [startX, startY] = [fromX + ((toX - fromX) * piece) / pieces, fromY + ((toY - fromY) * piece) / pieces];
      const [endX, endY] = [
        fromX + ((toX - fromX) * (piece + 1)) / pieces,
        fromY + ((toY - fromY) * (piece + 1)) / pieces,
      ];
      boxes.push({
        left: Math.min(startX, endX) - halfStrokePx,
        right: Math.max(startX, endX) + halfStrokePx,
        top: Math.min(startY, endY) - halfStrokePx,
        bottom: Math.max(startY, endY) + halfStrokePx,
      });
    }
  }
  return boxes;
}

function specsAltText(
  result: SpecsResult,
  points: SpecsCurvePoint[],
  limitGb: number | undefined,
  markers: ModelMarker[],
): string {
  const fitting = points.filter(
    (point): point is { sizeGb: number; tgTokensPerSecond: number } => point.tgTokensPerSecond !== null,
  );
  const step = Math.max(1, Math.ceil(fitting.length / 6));
  const samples = fitting.filter((_, index) => index % step === 0 || index === fitting.length - 1);
  const limit =
    limitGb === undefined
      ? 'Every size shown fits.'
      : fitting.length === 0
        ? 'No size shown fits.'
        : `Models stop fitting at about ${formatNumber(limitGb, 0)} GB.`;
  return altText(
    [
      `Generation speed against model size on ${shortName(result.summary.name, 60)} (${formatNumber(result.machine.memory.capacity_gb, 0)} GB, ${formatNumber(result.machine.memory.bandwidth_gbps, 0)} GB/s):`,
      samples.length === 0
        ? ''
        : `${samples.map((point) => `${formatNumber(point.tgTokensPerSecond)} tok/s at ${formatNumber(point.sizeGb)} GB`).join(', ')}.`,
      limit,
      markers.length === 0
        ? ''
        : `Catalog models: ${markers.map((marker) => `${marker.label} ${formatNumber(marker.sizeGb)} GB, ${formatNumber(marker.tgTokensPerSecond)} tok/s`).join('; ')}.`,
    ].filter((part) => part !== ''),
  );
}

/** `points` from `specsCurve(advisor, result.machine.id)`, or any sizes the caller estimated. */
export function specsChart(result: SpecsResult, points: readonly SpecsCurvePoint[]): Chart {
  const width = chartWidthPx;
  const height = chartHeightPx;
  const sorted = [...points].filter((point) => Number.isFinite(point.sizeGb)).sort((a, b) => a.sizeGb - b.sizeGb);
  const markers = modelMarkers(result);
  const limitGb = fitLimitGb(sorted);
  const speeds = [
    ...sorted.flatMap((point) => (point.tgTokensPerSecond === null ? [] : [point.tgTokensPerSecond])),
    ...markers.map((marker) => marker.tgTokensPerSecond),
  ];
  const sizeValues = [0, ...sorted.map((point) => point.sizeGb), ...markers.map((marker) => marker.sizeGb)];
  const frame = xyFrame({
    width,
    height,
    xAxis: (ticks) => niceAxis(sizeValues, ticks),
    // Speeds fall as 1/size, from hundreds of tok/s to about one: a log axis keeps both ends readable.
    yAxis: () => logAxis(speeds),
    title: shortName(result.summary.name, 60),
    subtitle: `${formatNumber(result.machine.memory.capacity_gb, 0)} GB at ${formatNumber(result.machine.memory.bandwidth_gbps, 0)} GB/s · dense models, Q4_K_M`,
    legend: [
      { swatch: 'line', colour: colours.primary, label: 'model of that size' },
      ...(markers.length === 0 ? [] : [{ swatch: 'dot' as const, colour: colours.secondary, label: 'catalog model' }]),
      ...(limitGb === undefined ? [] : [{ swatch: 'dashed' as const, colour: colours.limit, label: 'stops fitting' }]),
    ],
    xTitle: 'Model file size (GB)',
    yTitle: 'Generation (tok/s, log)',
  });
  const { x, y, area } = frame;
  const parts = [...frame.parts];
  const obstacles: Box[] = [];

  if (limitGb !== undefined) {
    const limitX = x(limitGb);
    parts.push(
      element('rect', {
        class: 'no-fit',
        x: limitX,
        y: area.top,
        width: Math.max(0, area.right - limitX),
        height: area.bottom - area.top,
        fill: colours.limit,
        'fill-opacity': 0.06,
      }),
    );
    parts.push(
      line(limitX, area.top, limitX, area.bottom, {
        class: 'fit-limit',
        'data-size-gb': String(limitGb),
        stroke: colours.limit,
        'stroke-width': 1.5,
        'stroke-dasharray': '5 3',
      }),
    );
    const label = `fits up to ≈ ${formatNumber(limitGb, 0)} GB`;
    const labelWidthPx = textWidthPx(label, fontPx.small);
    const roomRight = area.right - limitX > labelWidthPx + 6;
    const labelX = roomRight ? limitX + 4 : Math.max(area.left + 2, limitX - 4 - labelWidthPx);
    const labelBaseline = area.top + 12;
    parts.push(
      text(fitToWidth(label, fontPx.small, width - edgePx - labelX), {
        class: 'fit-limit-label',
        x: labelX,
        y: labelBaseline,
        fill: colours.limit,
        'font-size': fontPx.small,
      }),
    );
    // Model labels keep off the line and off this label.
    obstacles.push(
      { left: labelX, right: labelX + labelWidthPx, top: labelBaseline - 10, bottom: labelBaseline + 3 },
      { left: limitX - 1.5, right: limitX + 1.5, top: area.top, bottom: area.bottom },
    );
  }
  parts.push(curvePath(sorted, x, y));
  for (const point of sorted) {
    if (point.tgTokensPerSecond === null) continue;
    parts.push(
      element('circle', {
        class: 'curve-point',
        'data-size-gb': String(point.sizeGb),
        'data-tg-tokens-per-second': String(point.tgTokensPerSecond),
        cx: x(point.sizeGb),
        cy: y(point.tgTokensPerSecond),
        r: 2,
        fill: colours.primary,
      }),
    );
  }
  for (const marker of markers) {
    parts.push(
      element('circle', {
        class: 'model-marker',
        'data-id': marker.id,
        cx: x(marker.sizeGb),
        cy: y(marker.tgTokensPerSecond),
        r: 4,
        fill: colours.secondary,
        stroke: colours.background,
        'stroke-width': 1.25,
      }),
    );
  }
  const markerPositions = markers.map((marker) => ({ xPx: x(marker.sizeGb), yPx: y(marker.tgTokensPerSecond) }));
  parts.push(
    ...placeLabels(
      markers.map((marker, index) => ({
        xPx: markerPositions[index]?.xPx ?? 0,
        yPx: markerPositions[index]?.yPx ?? 0,
        // "Instruct" says nothing in a small chart; the rest of the name is what tells models apart.
        content: fitToWidth(marker.label.replace(/ Instruct\b/, ''), fontPx.body, 130),
        forId: marker.id,
      })),
      { left: area.left + 1, top: area.top - 6, right: width - edgePx, bottom: area.bottom - 1 },
      markerPositions,
      [...obstacles, ...curveBoxes(sorted, x, y)],
    ),
  );
  return chartOf(document(width, height, parts), specsAltText(result, sorted, limitGb, markers));
}
