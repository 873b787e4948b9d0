/** The frame of the x–y charts: title, grid, ticks with round numbers, axis titles with units. */
import { scaleFor, tickLabelDigits, type Axis } from './scale.ts';
import { colours, fontPx, formatNumber, line, text, truncate } from './svg.ts';

export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Room for the title and subtitle above, tick labels and axis titles around. */
/** Tick labels' baseline sits this far below their grid line, so the text is centred on it. */
export const yTickBaselinePx = 8;

export const xyPlotArea: PlotArea = { left: 108, top: 124, right: 756, bottom: 500 };

export interface XyFrame {
  parts: string[];
  x: (value: number) => number;
  y: (value: number) => number;
}

export interface XyFrameOptions {
  width: number;
  height: number;
  area: PlotArea;
  xAxis: Axis;
  yAxis: Axis;
  title: string;
  subtitle: string;
  xTitle: string;
  yTitle: string;
}

export function titleParts(width: number, title: string, subtitle: string): string[] {
  return [
    text(truncate(title, 46), {
      class: 'title',
      x: width / 2,
      y: 34,
      'text-anchor': 'middle',
      'font-size': fontPx.title,
      'font-weight': 'bold',
    }),
    text(truncate(subtitle, 66), {
      class: 'subtitle',
      x: width / 2,
      y: 64,
      'text-anchor': 'middle',
      'font-size': fontPx.small,
      fill: colours.mutedText,
    }),
  ];
}

export function xyFrame(options: XyFrameOptions): XyFrame {
  const { area, xAxis, yAxis } = options;
  const x = scaleFor(xAxis, area.left, area.right);
  const y = scaleFor(yAxis, area.bottom, area.top);
  const parts = titleParts(options.width, options.title, options.subtitle);

  for (const tick of xAxis.ticks) {
    parts.push(line(x(tick), area.top, x(tick), area.bottom, { stroke: colours.grid }));
    parts.push(line(x(tick), area.bottom, x(tick), area.bottom + 5, { stroke: colours.axis }));
    parts.push(
      text(formatNumber(tick, tickLabelDigits(xAxis, tick)), {
        class: 'x-tick',
        'data-value': String(tick),
        x: x(tick),
        y: area.bottom + 30,
        'text-anchor': 'middle',
      }),
    );
  }
  for (const tick of yAxis.ticks) {
    parts.push(line(area.left, y(tick), area.right, y(tick), { stroke: colours.grid }));
    parts.push(line(area.left - 5, y(tick), area.left, y(tick), { stroke: colours.axis }));
    parts.push(
      text(formatNumber(tick, tickLabelDigits(yAxis, tick)), {
        class: 'y-tick',
        'data-value': String(tick),
        x: area.left - 10,
        y: y(tick) + yTickBaselinePx,
        'text-anchor': 'end',
      }),
    );
  }
  parts.push(line(area.left, area.bottom, area.right, area.bottom, { stroke: colours.axis }));
  parts.push(line(area.left, area.top, area.left, area.bottom, { stroke: colours.axis }));
  const middleX = (area.left + area.right) / 2;
  const middleY = (area.top + area.bottom) / 2;
  parts.push(
    text(options.xTitle, {
      class: 'x-title',
      x: middleX,
      y: area.bottom + 62,
      'text-anchor': 'middle',
      fill: colours.mutedText,
    }),
  );
  parts.push(
    text(options.yTitle, {
      class: 'y-title',
      x: 26,
      y: middleY,
      'text-anchor': 'middle',
      fill: colours.mutedText,
      transform: `rotate(-90 26 ${middleY})`,
    }),
  );
  return { parts, x, y };
}
