/**
 * Where Discord shows a chart, and so what size the charts are drawn for: the one place
 * that says it. A chart goes out as an embed image, the smallest of the ways Discord
 * shows a picture (an attachment on its own or a Components V2 media gallery is shown
 * larger), and it is scaled down to fit, keeping its shape:
 *
 * - desktop: an embed image at most 400 px wide and 300 px tall (CSS px). Sources: the
 *   client as drawn in ../shared/research/discord-visual.md ("embed image at most 400×300,
 *   Discord's size for a large embed image") and https://opengraphplus.com/consumers/discord/images
 *   ("up to ~400px wide on desktop, ~300px max height").
 * - phone: as wide as the embed's content, 288 px on a 390 px screen (an iPhone 12–15):
 *   390 − 12 message padding − 40 avatar − 12 gap − 4 colour bar − 10 and 12 embed padding
 *   − 12 message padding, the phone layout of the same research (src/preview/page.ts draws
 *   it so). The height limit stays 300 px.
 *
 * A 4:3 canvas shows at 400×300 on desktop but at 288×216 on a phone, where its text is
 * 0.72 of its desktop size. A square one shows at 300×300 (height-bound) and 288×288
 * (width-bound): nearly the same everywhere. So the canvas is a 300×300 square, every
 * coordinate and font size in the SVG is a desktop CSS pixel, and the PNG is drawn at
 * twice that so it stays sharp on dense screens.
 */

export interface DisplayBox {
  name: string;
  maxWidthPx: number;
  maxHeightPx: number;
}

export const discordEmbedImage = {
  desktop: { name: 'desktop', maxWidthPx: 400, maxHeightPx: 300 },
  phone: { name: 'phone (390 px screen)', maxWidthPx: 288, maxHeightPx: 300 },
} as const satisfies Record<string, DisplayBox>;

/** The canvas in design pixels (= desktop CSS pixels), and the PNG's pixels per design pixel. */
export const chartCanvas = { widthPx: 300, heightPx: 300, pixelRatio: 2 } as const;

/** No chart text may show smaller than this, on a phone or a desktop (CSS px); an embed's footer is 12. */
export const minDisplayedTextPx = 11;

/**
 * CSS pixels on screen per pixel of a `widthPx` × `heightPx` image shown in `box`: Discord
 * scales an image down to fit, keeping its shape, and never up.
 */
export function displayScale(widthPx: number, heightPx: number, box: DisplayBox): number {
  return Math.min(1, box.maxWidthPx / widthPx, box.maxHeightPx / heightPx);
}
