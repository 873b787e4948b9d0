/**
 * SVG → PNG with resvg compiled to WebAssembly and the DejaVu Sans font shipped by the
 * dejavu-fonts-ttf package. System fonts are off, so a chart renders to the same bytes
 * on every machine.
 *
 * Why WebAssembly and not the native @resvg/resvg-js: the native renderer keeps ~1.6 MB
 * (its font database and pixmap) per chart until a garbage collection finalises the
 * wrapper objects and the event loop runs the finalisers, and V8 sees none of that
 * memory, so nothing hurries the collection: 2 GB after 1 200 charts back to back. The
 * WebAssembly build frees each render explicitly and reuses its own memory.
 *
 * The PNG is written from resvg's pixels by indexed-png.ts, with a palette: ~18 kB
 * instead of the ~46 kB of resvg's own RGBA PNG, and faster to write.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { encodeIndexedPng } from './indexed-png.ts';
import { fontFamily } from './svg.ts';

const require = createRequire(import.meta.url);

/** The bundled TTF the charts are drawn with. */
export const fontPath = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSans.ttf',
);
const font = readFileSync(fontPath);

/** Discord refuses attachments over 10 MB (the charts are far smaller). */
export const maxAttachmentBytes = 10 * 1024 * 1024;

// V8 compiles all of a WebAssembly module with its baseline compiler, then recompiles hot
// code with its optimising one; for this 2.5 MB module that costs ~100 MB of resident
// memory to draw a recommend chart in ~17 ms instead of ~30. Baseline only, and only the
// functions a chart calls. Only this module is WebAssembly, so the flags touch nothing else.
setFlagsFromString('--liftoff-only');
setFlagsFromString('--wasm-lazy-compilation');
await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));

export function renderPng(svg: string): Buffer {
  const renderer = new Resvg(svg, {
    font: { fontBuffers: [font], defaultFontFamily: fontFamily },
    fitTo: { mode: 'original' },
  });
  try {
    const image = renderer.render();
    try {
      return encodeIndexedPng(image.pixels, image.width, image.height);
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
