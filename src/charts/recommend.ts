/**
 * /recommend as a picture: price against generation speed for the machines that fit,
 * the price/speed front as a step line, the top picks labelled, the budget as a line.
 */
import {
  recommend,
  type Advisor,
  type Outcome,
  type Pick,
  type RecommendQuery,
  type RecommendResult,
} from '../advisor/index.ts';
import { edgePx, titleParts, xyFrame, type PlotArea } from './axes.ts';
import { placeLabels, type Box, type LabelRequest } from './labels.ts';
import { niceAxis } from './scale.ts';
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
  fontPx,
  formatNumber,
  line,
  px,
  text,
  wrapToWidth,
  type Chart,
} from './svg.ts';
import { compareCodeUnits } from '../code-unit-order.ts';

/** One machine on the scatter. */
export interface PricePoint {
  id: string;
  name: string;
  priceEur: number;
  tgTokensPerSecond: number;
}

/** Most picks that get a rank label (a page of picks); the rest stay as dots. */
const maxLabelledPicks = 5;

/** The scatter points of a page of picks (skips a pick without a speed, which a fitting one always has). */
export function pricePointsOf(picks: readonly Pick[]): PricePoint[] {
  return picks.flatMap((pick) => {
    const tgTokensPerSecond = pick.estimate.tg?.tokensPerSecond;
    return tgTokensPerSecond === undefined
      ? []
      : [{ id: pick.machine.id, name: pick.machine.name, priceEur: pick.machine.priceEur, tgTokensPerSecond }];
  });
}

const byPriceThenSpeed = (a: PricePoint, b: PricePoint) =>
  a.priceEur - b.priceEur || b.tgTokensPerSecond - a.tgTokensPerSecond || compareCodeUnits(a.id, b.id);

/**
 * The machines no other machine beats on both counts: none is at least as cheap and at
 * least as fast while strictly better on one of the two. In price order, so speed rises.
 * Two machines with the same price and speed both stay.
 */
export function paretoFront(points: readonly PricePoint[]): PricePoint[] {
  const dominated = (point: PricePoint) =>
    points.some(
      (other) =>
        other.priceEur <= point.priceEur &&
        other.tgTokensPerSecond >= point.tgTokensPerSecond &&
        (other.priceEur < point.priceEur || other.tgTokensPerSecond > point.tgTokensPerSecond),
    );
  return points.filter((point) => !dominated(point)).sort(byPriceThenSpeed);
}

/** The picks, plus any other qualifying machines the caller passes; a pick's own figures win for the same id. */
function mergePoints(result: RecommendResult, allFitting: readonly PricePoint[]): PricePoint[] {
  const byId = new Map<string, PricePoint>();
  for (const point of [...allFitting, ...pricePointsOf(result.picks)]) {
    if (
      Number.isFinite(point.priceEur) &&
      point.priceEur > 0 &&
      Number.isFinite(point.tgTokensPerSecond) &&
      point.tgTokensPerSecond >= 0
    )
      byId.set(point.id, point);
  }
  return [...byId.values()].sort(byPriceThenSpeed);
}

/** Every machine that qualifies for a query, from one ranking (the result carries them all). */
export function qualifyingPoints(advisor: Advisor, query: RecommendQuery): Outcome<PricePoint[]> {
  const result = recommend(advisor, query);
  return result.ok ? { ok: true, value: result.value.qualifyingPoints } : result;
}

type Names = ReadonlyMap<string, string>;

/** Short names, kept distinct where two machines shorten alike. */
function namesOf(points: readonly PricePoint[]): Names {
  const names = distinctShortNames(points.map((point) => point.name));
  return new Map(points.map((point, index) => [point.id, names[index] ?? point.name]));
}

function describe(point: PricePoint, names: Names): string {
  return `${names.get(point.id) ?? point.name}, ${formatNumber(point.priceEur, 0)} EUR, ${formatNumber(point.tgTokensPerSecond, 1)} tok/s`;
}

function modelLabel(result: RecommendResult): string {
  return `${result.model.name} ${result.model.quantization}`;
}

function recommendAltText(result: RecommendResult, points: PricePoint[], front: PricePoint[], names: Names): string {
  const shown =
    points.length < result.qualifying
      ? `the ${points.length} shown of ${result.qualifying} machines`
      : `${points.length} machines`;
  const budget = result.budgetEur === undefined ? '' : ` within a budget of ${formatNumber(result.budgetEur, 0)} EUR`;
  const fastest = [...points].sort((a, b) => b.tgTokensPerSecond - a.tgTokensPerSecond || a.priceEur - b.priceEur)[0];
  const cheapest = points[0];
  const bestValue = [...points].sort((a, b) => b.tgTokensPerSecond / b.priceEur - a.tgTokensPerSecond / a.priceEur)[0];
  const parts = [
    `Price against generation speed for ${shown} that fit ${modelLabel(result)} at ${formatNumber(result.workload.contextTokens, 0)} tokens of context${budget}:`,
  ];
  if (fastest) parts.push(`fastest ${describe(fastest, names)};`);
  if (cheapest) parts.push(`cheapest ${describe(cheapest, names)};`);
  if (bestValue)
    parts.push(
      `best value ${names.get(bestValue.id) ?? bestValue.name}, ${formatNumber((bestValue.tgTokensPerSecond / bestValue.priceEur) * 1000, 2)} tok/s per 1000 EUR.`,
    );
  parts.push(`Price/speed front, cheapest first: ${front.map((point) => describe(point, names)).join('; ')}.`);
  const picks = result.picks
    .slice(0, maxLabelledPicks)
    .map((pick) => `${pick.rank} ${names.get(pick.machine.id) ?? pick.machine.name}`);
  if (picks.length > 0) parts.push(`Top picks by ${result.priority}: ${picks.join(', ')}.`);
  return altText(parts);
}

/** The front's steps as thin boxes, so no label is placed across the line (it is drawn in horizontal and vertical steps). */
function frontBoxes(front: readonly PricePoint[], x: (value: number) => number, y: (value: number) => number): Box[] {
  const boxes: Box[] = [];
  for (let index = 1; index < front.length; index += 1) {
    const from = front[index - 1];
    const to = front[index];
    if (!from || !to) continue;
    const [fromX, fromY, toX, toY] = [
      x(from.priceEur),
      y(from.tgTokensPerSecond),
      x(to.priceEur),
      y(to.tgTokensPerSecond),
    ];
    boxes.push({ left: Math.min(fromX, toX), right: Math.max(fromX, toX), top: fromY - 1.5, bottom: fromY + 1.5 });
    boxes.push({ left: toX - 1.5, right: toX + 1.5, top: Math.min(fromY, toY), bottom: Math.max(fromY, toY) });
  }
  return boxes;
}

/** The budget's dashed line as a thin box, so no label sits on it. */
function budgetBoxes(budgetEur: number | undefined, x: (value: number) => number, area: PlotArea): Box[] {
  if (budgetEur === undefined) return [];
  const budgetX = x(budgetEur);
  return [{ left: budgetX - 1.5, right: budgetX + 1.5, top: area.top, bottom: area.bottom }];
}

/** The step line: from each front machine right at its speed to the next one's price, then up to its speed. */
function frontPath(front: PricePoint[], x: (value: number) => number, y: (value: number) => number): string {
  const commands = front.map((point, index) => {
    const pointX = px(x(point.priceEur));
    const pointY = px(y(point.tgTokensPerSecond));
    return index === 0 ? `M${pointX} ${pointY}` : `H${pointX} V${pointY}`;
  });
  return element('path', {
    class: 'pareto',
    'data-ids': front.map((point) => point.id).join(' '),
    d: commands.join(' '),
    fill: 'none',
    stroke: colours.secondary,
    'stroke-width': 2,
    'stroke-linejoin': 'round',
  });
}

function emptyChart(result: RecommendResult, width: number, height: number): Chart {
  const message = `No machine in the catalog runs ${modelLabel(result)} within these limits.`;
  const lines = wrapToWidth(message, fontPx.body, width - 8 * edgePx, 4);
  const lineHeightPx = fontPx.body * 1.4;
  const firstBaseline = height / 2 - ((lines.length - 1) * lineHeightPx) / 2;
  const svg = document(width, height, [
    ...titleParts(
      width,
      modelLabel(result),
      `${formatNumber(result.workload.contextTokens, 0)}-token context · price against speed`,
    ),
    ...lines.map((content, index) =>
      text(content, {
        class: 'empty',
        x: width / 2,
        y: firstBaseline + index * lineHeightPx,
        'text-anchor': 'middle',
        'font-size': fontPx.body,
      }),
    ),
  ]);
  return chartOf(svg, altText([message]));
}

/**
 * `allFitting` (optional): every machine that qualifies, for the dots; RecommendResult
 * carries only the page of picks. Get them with `qualifyingPoints(advisor, query)`, or
 * `pricePointsOf(picks)` of pages you already have. Without it the chart shows the picks alone.
 */
export function recommendChart(result: RecommendResult, allFitting: readonly PricePoint[] = []): Chart {
  const width = chartWidthPx;
  const height = chartHeightPx;
  const points = mergePoints(result, allFitting);
  if (points.length === 0) return emptyChart(result, width, height);

  const front = paretoFront(points);
  const names = namesOf(points);
  const prices = points.map((point) => point.priceEur);
  const priceValues = result.budgetEur === undefined ? prices : [...prices, result.budgetEur];
  const speedValues = [0, ...points.map((point) => point.tgTokensPerSecond)];
  const shown =
    points.length < result.qualifying ? `${points.length} of ${result.qualifying} fit` : `${points.length} fit`;
  const context = `${formatNumber(result.workload.contextTokens, 0)}-token context`;
  // The title is the model only and the budget is in the legend, so neither is cut.
  const frame = xyFrame({
    width,
    height,
    xAxis: (ticks) => niceAxis(priceValues, ticks),
    yAxis: (ticks) => niceAxis(speedValues, Math.min(ticks, 5)),
    title: modelLabel(result),
    subtitle: firstThatFits(
      [
        `${context} · ${shown} · # = rank by ${result.priority}`,
        `${context} · ${shown} · # by ${result.priority}`,
        `${context} · # by ${result.priority}`,
      ],
      fontPx.small,
      width - 2 * edgePx,
    ),
    legend: [
      { swatch: 'dot', colour: colours.primary, label: 'picks' },
      { swatch: 'ring', colour: colours.faint, label: 'others' },
      { swatch: 'line', colour: colours.secondary, label: 'best for price' },
      ...(result.budgetEur === undefined
        ? []
        : [
            {
              swatch: 'dashed' as const,
              colour: colours.budget,
              label: `budget ${formatNumber(result.budgetEur, 0)} EUR`,
            },
          ]),
    ],
    xTitle: 'Price (EUR)',
    yTitle: 'Generation (tok/s)',
  });
  const { x, y, area } = frame;
  const parts = [...frame.parts];

  if (result.budgetEur !== undefined) {
    const budgetX = x(result.budgetEur);
    parts.push(
      line(budgetX, area.top, budgetX, area.bottom, {
        class: 'budget',
        'data-budget-eur': String(result.budgetEur),
        stroke: colours.budget,
        'stroke-width': 1.5,
        'stroke-dasharray': '5 3',
      }),
    );
  }
  parts.push(frontPath(front, x, y));

  const pickRanks = new Map(result.picks.map((pick) => [pick.machine.id, pick.rank]));
  // Others first, picks on top.
  const drawOrder = [...points].sort((a, b) => Number(pickRanks.has(a.id)) - Number(pickRanks.has(b.id)));
  for (const point of drawOrder) {
    const isPick = pickRanks.has(point.id);
    parts.push(
      element('circle', {
        class: 'point',
        'data-id': point.id,
        'data-price-eur': String(point.priceEur),
        'data-tg-tokens-per-second': String(point.tgTokensPerSecond),
        cx: x(point.priceEur),
        cy: y(point.tgTokensPerSecond),
        r: isPick ? 4.5 : 3.5,
        fill: isPick ? colours.primary : colours.background,
        stroke: isPick ? colours.background : colours.faint,
        'stroke-width': 1.25,
      }),
    );
  }

  const labelRequests: LabelRequest[] = result.picks.slice(0, maxLabelledPicks).flatMap((pick) => {
    const point = points.find((candidate) => candidate.id === pick.machine.id);
    // The rank only: the names are in the list beside the chart, and on a phone they would collide.
    return point
      ? [{ xPx: x(point.priceEur), yPx: y(point.tgTokensPerSecond), content: `#${pick.rank}`, forId: point.id }]
      : [];
  });
  parts.push(
    ...placeLabels(
      labelRequests,
      { left: area.left + 1, top: area.top - 6, right: width - edgePx, bottom: area.bottom - 1 },
      points.map((point) => ({ xPx: x(point.priceEur), yPx: y(point.tgTokensPerSecond) })),
      [...frontBoxes(front, x, y), ...budgetBoxes(result.budgetEur, x, area)],
    ),
  );
  return chartOf(document(width, height, parts), recommendAltText(result, points, front, names));
}
