import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-wasm';
import { describe, expect, it } from 'vitest';
import { encodeIndexedPng, maxPaletteColours } from '../../src/charts/indexed-png.ts';
import { fontPath, renderPng, specsChart } from '../../src/charts/index.ts'; // importing it also starts resvg's WebAssembly
import { fixtureSpecs } from './helpers.ts';

const font = readFileSync(fontPath);

/** What resvg draws for an SVG: RGBA, row by row. */
function pixelsOf(svg: string): Uint8Array {
  const renderer = new Resvg(svg, {
    font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'original' },
  });
  const image = renderer.render();
  try {
    return image.pixels;
  } finally {
    image.free();
    renderer.free();
  }
}

/** The PNG decoded by another decoder, resvg's, drawing it at its own size. */
function decodedByResvg(png: Buffer, width: number, height: number): Uint8Array {
  return pixelsOf(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
      `<image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`,
  );
}

interface Chunk {
  type: string;
  data: Buffer;
}

function chunksOf(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    chunks.push({
      type: png.subarray(offset + 4, offset + 8).toString('latin1'),
      data: png.subarray(offset + 8, offset + 8 + length),
    });
    offset += length + 12;
  }
  return chunks;
}

/** Colour keys as "r,g,b,a" strings, pixel by pixel. */
function coloursOf(rgba: Uint8Array): string[] {
  const colours: string[] = [];
  for (let index = 0; index < rgba.length; index += 4) colours.push(rgba.subarray(index, index + 4).join(','));
  return colours;
}

/** An opaque one-row image: `counts[i]` pixels of colour `colours[i]`. */
function imageOf(colours: [number, number, number][], counts: number[]): { rgba: Uint8Array; width: number } {
  const pixels = colours.flatMap((colour, index) => Array.from({ length: counts[index] ?? 0 }, () => [...colour, 255]));
  return { rgba: Uint8Array.from(pixels.flat()), width: pixels.length };
}

describe('encodeIndexedPng', () => {
  it('writes an image of at most 256 colours losslessly: another decoder gets every pixel back', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#fff"/>' +
      '<circle cx="90" cy="30" r="20" fill="#2255cc"/><path d="M5 55 L60 5" stroke="#c0392b" stroke-width="3"/>' +
      '<text x="4" y="22" font-size="14">Rig 8 t/s</text></svg>';
    const pixels = pixelsOf(svg);
    const colours = new Set(coloursOf(pixels)).size;
    expect(colours).toBeGreaterThan(20); // anti-aliasing: many shades, yet
    expect(colours).toBeLessThanOrEqual(maxPaletteColours);
    const png = encodeIndexedPng(pixels, 120, 60);
    expect(Buffer.from(decodedByResvg(png, 120, 60)).equals(Buffer.from(pixels))).toBe(true);
  });

  it('beyond 256 colours keeps the 256 most frequent exactly and draws each other colour in its nearest kept one', () => {
    // 256 greys seen 3 times each, then three rarer colours seen once.
    const greys = Array.from({ length: 256 }, (_, level): [number, number, number] => [level, level, level]);
    const rare: [number, number, number][] = [
      [250, 0, 0],
      [10, 12, 11],
      [200, 200, 203],
    ];
    const { rgba, width } = imageOf([...greys, ...rare], [...greys.map(() => 3), 1, 1, 1]);
    const decoded = coloursOf(decodedByResvg(encodeIndexedPng(rgba, width, 1), width, 1));
    expect(decoded.slice(0, 256 * 3)).toEqual(coloursOf(rgba).slice(0, 256 * 3));
    // Squared distance to grey g: (250-g)² + 2g² is least at g = 500/6 ≈ 83.3 (83: 41 667, 84: 41 668);
    // (10-g)² + (12-g)² + (11-g)² at g = 11; (200-g)² · 2 + (203-g)² at 201 (6, against 9 at 200 and 202).
    expect(decoded.slice(256 * 3)).toEqual(['83,83,83,255', '11,11,11,255', '201,201,201,255']);
  });

  it('gives transparent pixels their alpha through a tRNS chunk, and leaves it out for an opaque image', () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 0, 255, 128, 0, 0, 0, 0, 0, 0, 255, 128]);
    const chunks = chunksOf(encodeIndexedPng(rgba, 2, 2));
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
    const [header, palette, alphas, data] = chunks.map((chunk) => chunk.data);
    expect([...(header ?? [])].slice(8)).toEqual([8, 3, 0, 0, 0]); // 8-bit indexed
    // Decode by hand: filter byte 0, then one palette index per pixel.
    const rows = inflateSync(data ?? Buffer.alloc(0));
    const decoded: number[] = [];
    for (const row of [0, 1]) {
      expect(rows[row * 3]).toBe(0);
      for (const column of [0, 1]) {
        const entry = rows[row * 3 + 1 + column] ?? -1;
        decoded.push(...(palette ?? Buffer.alloc(0)).subarray(entry * 3, entry * 3 + 3), alphas?.[entry] ?? 255);
      }
    }
    expect(decoded).toEqual([...rgba]);
    expect(chunksOf(encodeIndexedPng(Uint8Array.from([1, 2, 3, 255]), 1, 1)).map((chunk) => chunk.type)).toEqual([
      'IHDR',
      'PLTE',
      'IDAT',
      'IEND',
    ]);
  });

  it('refuses pixels that are not width × height RGBA', () => {
    expect(() => encodeIndexedPng(new Uint8Array(12), 2, 2)).toThrow(RangeError);
    expect(() => encodeIndexedPng(new Uint8Array(0), 0, 0)).toThrow(RangeError);
    expect(() => encodeIndexedPng(new Uint8Array(8), 1.5, 1)).toThrow(RangeError);
  });

  it('makes a chart less than half the size of the RGBA PNG resvg writes, drawing the same picture', () => {
    const chart = specsChart(fixtureSpecs(), [
      { sizeGb: 4, tgTokensPerSecond: 40 },
      { sizeGb: 40, tgTokensPerSecond: 4 },
    ]);
    const renderer = new Resvg(chart.svg, {
      font: { fontBuffers: [font], defaultFontFamily: 'DejaVu Sans' },
      fitTo: { mode: 'original' },
    });
    const image = renderer.render();
    const rgbaPng = image.asPng();
    const pixels = image.pixels;
    image.free();
    renderer.free();
    const png = renderPng(chart.svg);
    expect(png.length).toBeLessThan(rgbaPng.length / 2);
    const original = coloursOf(pixels);
    const decoded = coloursOf(decodedByResvg(png, chart.width, chart.height));
    const moved = decoded.filter((colour, index) => colour !== original[index]).length;
    expect(moved).toBeLessThanOrEqual(original.length / 1000);
  });
});
