/**
 * The frame of the x–y charts: title, legend, grid, ticks with round numbers, axis titles
 * with units. Sizes are design pixels of the 300×300 canvas (display.ts); the plot takes
 * what the title, legend and tick labels leave, and each axis has as many ticks as fit
 * with their labels apart.
 */
import { legend, type LegendItem } from './legend.ts';
import { scaleFor, tickLabelDigits, type Axis } from './scale.ts';
import { colours, fitToWidth, fontPx, formatNumber, line, text, textWidthPx } from './svg.ts';

export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Kept clear at the canvas edges. */
export const edgePx = 4;
/** Tick labels' baseline sits this far below their grid line, so the text is centred on it. */
export const yTickBaselinePx = 4;
const xTickBaselineBelowPx = 17;
const xTitleBaselineBelowPx = 32;
const yTitleBaselineX = 13;
/** Least space between two tick labels. */
const tickLabelGapPx = 6;
/** Tick counts tried, most first, until the labels fit. */
const tickTargets = [6, 5, 4, 3, 2] as const;

export interface XyFrame {
  parts: string[];
  area: PlotArea;
  x: (value: number) => number;
  y: (value: number) => number;
}

export interface XyFrameOptions {
  width: number;
  height: number;
  /** The axis with about `targetTickCount` ticks (a log axis may ignore it). */
  xAxis: (targetTickCount: number) => Axis;
  yAxis: (targetTickCount: number) => Axis;
  title: string;
  subtitle: string;
  legend: readonly LegendItem[];
  xTitle: string;
  yTitle: string;
}

/** Title and subtitle, each cut to the canvas width. */
export function titleParts(width: number, title: string, subtitle: string): string[] {
  return [
    text(fitToWidth(title, fontPx.title, width - 2 * edgePx), {
      class: 'title',
      x: width / 2,
      y: 17,
      'text-anchor': 'middle',
      'font-size': fontPx.title,
      'font-weight': 'bold',
    }),
    text(fitToWidth(subtitle, fontPx.small, width - 2 * edgePx), {
      class: 'subtitle',
      x: width / 2,
      y: 33,
      'text-anchor': 'middle',
      'font-size': fontPx.small,
      fill: colours.mutedText,
    }),
  ];
}
/** The first baseline below the title block. */
export const belowTitleBaselinePx = 50;

const tickLabel = (axis: Axis, tick: number) => formatNumber(tick, tickLabelDigits(axis, tick));

/** The axis with the most ticks whose labels, `sizeOf` each along the axis, stay apart between `start` and `end`. */
function fittingAxis(
  axisFor: (targetTickCount: number) => Axis,
  start: (axis: Axis) => number,
  end: (axis: Axis) => number,
  sizeOf: (label: string) => number,
): Axis {
  let axis = axisFor(tickTargets[0]);
  for (const target of tickTargets) {
    axis = axisFor(target);
    const position = scaleFor(axis, start(axis), end(axis));
    const apart = axis.ticks.every((tick, index) => {
      const next = axis.ticks[index + 1];
      if (next === undefined) return true;
      const room = Math.abs(position(next) - position(tick));
      return room >= (sizeOf(tickLabel(axis, tick)) + sizeOf(tickLabel(axis, next))) / 2 + tickLabelGapPx;
    });
    if (apart) return axis;
  }
  return axis;
}

export function xyFrame(options: XyFrameOptions): XyFrame {
  const { width, height } = options;
  const parts = titleParts(width, options.title, options.subtitle);
  const key = legend(options.legend, width / 2, belowTitleBaselinePx, width - 2 * edgePx);
  parts.push(...key.parts);

  const top = key.bottomPx + 12;
  const bottom = height - xTitleBaselineBelowPx - edgePx;
  const yAxis = fittingAxis(
    options.yAxis,
    () => bottom,
    () => top,
    () => fontPx.small,
  );
  const yLabelWidthPx = Math.max(...yAxis.ticks.map((tick) => textWidthPx(tickLabel(yAxis, tick), fontPx.small)));
  const left = yTitleBaselineX + 3 + 4 + yLabelWidthPx + 5;
  const xLabelWidth = (label: string) => textWidthPx(label, fontPx.small);
  const rightOf = (axis: Axis) =>
    width - edgePx - Math.max(6, xLabelWidth(tickLabel(axis, axis.ticks.at(-1) ?? axis.max)) / 2);
  const xAxis = fittingAxis(options.xAxis, () => left, rightOf, xLabelWidth);
  const area: PlotArea = { left, top, right: rightOf(xAxis), bottom };
  const x = scaleFor(xAxis, area.left, area.right);
  const y = scaleFor(yAxis, area.bottom, area.top);

  for (const tick of xAxis.ticks) {
    parts.push(line(x(tick), area.top, x(tick), area.bottom, { stroke: colours.grid, 'stroke-width': 0.75 }));
    parts.push(line(x(tick), area.bottom, x(tick), area.bottom + 3, { stroke: colours.axis, 'stroke-width': 0.75 }));
    parts.push(
      text(tickLabel(xAxis, tick), {
        class: 'x-tick',
        'data-value': String(tick),
        x: x(tick),
        y: area.bottom + xTickBaselineBelowPx,
        'text-anchor': 'middle',
        'font-size': fontPx.small,
      }),
    );
  }
  for (const tick of yAxis.ticks) {
    parts.push(line(area.left, y(tick), area.right, y(tick), { stroke: colours.grid, 'stroke-width': 0.75 }));
    parts.push(line(area.left - 3, y(tick), area.left, y(tick), { stroke: colours.axis, 'stroke-width': 0.75 }));
    parts.push(
      text(tickLabel(yAxis, tick), {
        class: 'y-tick',
        'data-value': String(tick),
        x: area.left - 5,
        y: y(tick) + yTickBaselinePx,
        'text-anchor': 'end',
        'font-size': fontPx.small,
      }),
    );
  }
  parts.push(line(area.left, area.bottom, area.right, area.bottom, { stroke: colours.axis, 'stroke-width': 1 }));
  parts.push(line(area.left, area.top, area.left, area.bottom, { stroke: colours.axis, 'stroke-width': 1 }));
  const middleX = (area.left + area.right) / 2;
  const middleY = (area.top + area.bottom) / 2;
  parts.push(
    text(fitToWidth(options.xTitle, fontPx.small, area.right - area.left), {
      class: 'x-title',
      x: middleX,
      y: area.bottom + xTitleBaselineBelowPx,
      'text-anchor': 'middle',
      'font-size': fontPx.small,
      fill: colours.mutedText,
    }),
  );
  parts.push(
    text(fitToWidth(options.yTitle, fontPx.small, area.bottom - area.top), {
      class: 'y-title',
      x: yTitleBaselineX,
      y: middleY,
      'text-anchor': 'middle',
      'font-size': fontPx.small,
      fill: colours.mutedText,
      transform: `rotate(-90 ${yTitleBaselineX} ${middleY})`,
    }),
  );
  return { parts, area, x, y };
}
