/**
 * Greedy placement of point labels so that close points (same chip, different boxes) stay
 * readable: a label that finds no free spot is left out rather than drawn over another.
 */
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
const lineHeightPx = 15;
/** A pick's dot is 4.5 px with a 1.25 px outline: labels keep clear of all of it. */
const markerRadiusPx = 6;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(box: Box, bounds: Box): boolean {
  return box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
}

/** Where the text's left edge and baseline go, relative to the point. */
function candidates(widthPx: number): { dx: number; dy: number; leader: boolean }[] {
  // Beside the point, then above or below it: centred, or reaching right or left from just past it.
  const near = [
    { dx: 7, dy: 4.5, leader: false },
    { dx: -7 - widthPx, dy: 4.5, leader: false },
    ...[-9.5, 17, -13, 20].flatMap((dy) => [-widthPx / 2, -6, 6 - widthPx].map((dx) => ({ dx, dy, leader: false }))),
  ];
  const stacked = [1, 2, 3, 4, 5].flatMap((step) => [
    { dx: 11, dy: 4.5 - step * lineHeightPx, leader: true },
    { dx: 11, dy: 4.5 + step * lineHeightPx, leader: true },
    { dx: -11 - widthPx, dy: 4.5 - step * lineHeightPx, leader: true },
    { dx: -11 - widthPx, dy: 4.5 + step * lineHeightPx, leader: true },
  ]);
  return [...near, ...stacked];
}

/**
 * Places each label at the first spot that is within `bounds` and clear of the labels
 * placed before it and of the given markers; labels moved away from their point get a
 * thin leader line; a label with no such spot is left out. Earlier requests win, so pass
 * them in order of importance.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: Box,
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
      top: request.yPx + dy - fontSizePx * 0.76,
      right: request.xPx + dx + widthPx,
      bottom: request.yPx + dy + fontSizePx * 0.24,
    });
    const chosen = candidates(widthPx).find((option) => {
      const box = boxAt(option.dx, option.dy);
      return inside(box, bounds) && !placed.some((other) => overlaps(box, other));
    });
    if (!chosen) continue;
    const box = boxAt(chosen.dx, chosen.dy);
    placed.push(box);
    if (chosen.leader) {
      const endX = chosen.dx > 0 ? box.left - 1 : box.right + 1;
      parts.push(line(request.xPx, request.yPx, endX, box.bottom - 4, { stroke: colours.faint, 'stroke-width': 0.75 }));
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
        'stroke-width': 2.5,
        'stroke-linejoin': 'round',
        'paint-order': 'stroke',
      }),
    );
  }
  return parts;
}
