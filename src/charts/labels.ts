/** Greedy placement of point labels so that close points (same chip, different boxes) stay readable. */
import type { PlotArea } from './axes.ts';
import { colours, fontPx, line, text, textWidthPx } from './svg.ts';

export interface LabelRequest {
  xPx: number;
  yPx: number;
  content: string;
  /** Stable identifier written as data-for, so tests and readers can match label and point. */
  forId: string;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const fontSizePx = fontPx.body;
const lineHeightPx = 26;
/** A pick's dot is 9 px with a 2.5 px outline: labels keep clear of all of it. */
const markerRadiusPx = 11;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(box: Box, area: PlotArea): boolean {
  return (
    box.left >= area.left + 2 &&
    box.right <= area.right + 24 &&
    box.top >= area.top - 20 &&
    box.bottom <= area.bottom - 2
  );
}

/** Where the text's left edge and baseline go, relative to the point. */
function candidates(widthPx: number): { dx: number; dy: number; leader: boolean }[] {
  const near = [
    { dx: 12, dy: 8, leader: false },
    { dx: -12 - widthPx, dy: 8, leader: false },
    { dx: -widthPx / 2, dy: -14, leader: false },
    { dx: -widthPx / 2, dy: 30, leader: false },
  ];
  const stacked = [1, 2, 3, 4, 5, 6].flatMap((step) => [
    { dx: 20, dy: 8 - step * lineHeightPx, leader: true },
    { dx: 20, dy: 8 + step * lineHeightPx, leader: true },
    { dx: -20 - widthPx, dy: 8 - step * lineHeightPx, leader: true },
    { dx: -20 - widthPx, dy: 8 + step * lineHeightPx, leader: true },
  ]);
  return [...near, ...stacked];
}

/**
 * Places each label at the first spot that is inside the plot and clear of the labels
 * placed before it and of the given markers; labels moved away from their point get a
 * thin leader line. Earlier requests win, so pass them in order of importance.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  area: PlotArea,
  markers: readonly { xPx: number; yPx: number }[] = [],
  /** Other things a label must not cover, such as the segments of a line drawn in the plot. */
  obstacles: readonly Box[] = [],
): string[] {
  const placed: Box[] = [
    ...markers.map((marker) => ({
      left: marker.xPx - markerRadiusPx,
      top: marker.yPx - markerRadiusPx,
      right: marker.xPx + markerRadiusPx,
      bottom: marker.yPx + markerRadiusPx,
    })),
    ...obstacles,
  ];
  const parts: string[] = [];
  for (const request of requests) {
    const widthPx = textWidthPx(request.content, fontSizePx);
    const boxAt = (dx: number, dy: number): Box => ({
      left: request.xPx + dx,
      top: request.yPx + dy - fontSizePx + 2,
      right: request.xPx + dx + widthPx,
      bottom: request.yPx + dy + 3,
    });
    const options = candidates(widthPx);
    const fallback = options[0] ?? { dx: 8, dy: 4, leader: false };
    const chosen =
      options.find((option) => {
        const box = boxAt(option.dx, option.dy);
        return inside(box, area) && !placed.some((other) => overlaps(box, other));
      }) ?? fallback;
    const box = boxAt(chosen.dx, chosen.dy);
    placed.push(box);
    if (chosen.leader) {
      const endX = chosen.dx > 0 ? box.left - 2 : box.right + 2;
      parts.push(line(request.xPx, request.yPx, endX, box.bottom - 8, { stroke: colours.faint, 'stroke-width': 1.5 }));
    }
    parts.push(
      text(request.content, {
        class: 'label',
        'data-for': request.forId,
        x: box.left,
        y: request.yPx + chosen.dy,
        'font-size': fontSizePx,
        // A halo of the background keeps the label readable where it crosses a line.
        stroke: colours.background,
        'stroke-width': 5,
        'stroke-linejoin': 'round',
        'paint-order': 'stroke',
      }),
    );
  }
  return parts;
}
