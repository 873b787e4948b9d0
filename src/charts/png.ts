/**
 * SVG → PNG with resvg and the DejaVu Sans font shipped by the dejavu-fonts-ttf
 * package. System fonts are off, so a chart renders to the same bytes on every machine.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { fontFamily } from './svg.ts';

const require = createRequire(import.meta.url);

/** The bundled TTF the charts are drawn with. */
export const fontPath = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

/** Discord refuses attachments over 10 MB (the charts are far smaller). */
export const maxAttachmentBytes = 10 * 1024 * 1024;

export function renderPng(svg: string): Buffer {
  const renderer = new Resvg(svg, {
    font: { fontFiles: [fontPath], loadSystemFonts: false, defaultFontFamily: fontFamily },
    fitTo: { mode: 'original' },
    logLevel: 'off',
  });
  return renderer.render().asPng();
}
