/**
 * RGBA pixels → a PNG with a palette: one byte per pixel instead of four. A chart is a few
 * flat colours and the anti-aliased shades of its text and lines, 99–436 colours in all,
 * so it fits a palette of 256 exactly or nearly: the PNG is ~18 kB instead of the ~46 kB
 * resvg writes in RGBA. Every reply with a chart uploads it, and discord.js and undici
 * copy it twice on the way, so the bytes matter for the bot's memory as well.
 *
 * Beyond 256 colours the 256 most frequent are kept and each other colour is drawn in its
 * nearest kept one: in the catalog's charts that moves 0–192 pixels of 384 000, all of
 * them faint anti-aliasing shades.
 */
import { crc32, deflateSync } from 'node:zlib';

export const maxPaletteColours = 256;

/** The palette an image is drawn with, and which palette entry each of its colours takes. */
interface Palette {
  /** Colour keys (see `colourKeys`), the most frequent first. */
  colours: number[];
  entryOf: Map<number, number>;
}

/** One 32-bit key per pixel, its four bytes read as a number: equal colours, equal keys. */
function colourKeys(rgba: Uint8Array): Uint32Array {
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
}

function channelsOf(key: number): [number, number, number, number] {
  const bytes = new Uint8Array(new Uint32Array([key]).buffer);
  return [bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0];
}

function distance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let channel = 0; channel < 4; channel += 1) {
    const difference = (a[channel] ?? 0) - (b[channel] ?? 0);
    sum += difference * difference;
  }
  return sum;
}

/**
 * The most frequent colours (ties: the smaller key first, so the same pixels always give
 * the same PNG), and for every other colour its nearest kept one by RGBA distance.
 */
function paletteFor(keys: Uint32Array): Palette {
  const counts = new Map<number, number>();
  // Charts are long runs of one colour: count runs, not pixels.
  for (let index = 0; index < keys.length;) {
    const key = keys[index] ?? 0;
    let end = index + 1;
    while (end < keys.length && keys[end] === key) end += 1;
    counts.set(key, (counts.get(key) ?? 0) + end - index);
    index = end;
  }
  const ranked = [...counts]
    .sort(([keyA, countA], [keyB, countB]) => countB - countA || keyA - keyB)
    .map(([key]) => key);
  const colours = ranked.slice(0, maxPaletteColours);
  const entryOf = new Map(colours.map((key, entry) => [key, entry]));
  const kept = colours.map(channelsOf);
  for (const key of ranked.slice(maxPaletteColours)) {
    const channels = channelsOf(key);
    let nearest = 0;
    for (let entry = 1; entry < kept.length; entry += 1) {
      if (distance(channels, kept[entry] ?? []) < distance(channels, kept[nearest] ?? [])) nearest = entry;
    }
    entryOf.set(key, nearest);
  }
  return { colours, entryOf };
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const framed = Buffer.alloc(typeAndData.length + 8);
  framed.writeUInt32BE(data.length, 0);
  typeAndData.copy(framed, 4);
  framed.writeUInt32BE(crc32(typeAndData), typeAndData.length + 4);
  return framed;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit indexed PNG of `width` × `height` RGBA pixels (row by row, 4 bytes each). */
export function encodeIndexedPng(rgba: Uint8Array, width: number, height: number): Buffer {
  if (
    !(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0) ||
    rgba.length !== width * height * 4
  )
    throw new RangeError(`${rgba.length} bytes are not ${width} × ${height} RGBA pixels`);
  const keys = colourKeys(rgba);
  const { colours, entryOf } = paletteFor(keys);
  // Each row: filter type 0 (none, the usual choice for palette images), then one index per pixel.
  const rows = Buffer.alloc(height * (width + 1));
  let previousKey = Number.NaN;
  let previousEntry = 0;
  for (let row = 0; row < height; row += 1) {
    const start = row * (width + 1) + 1;
    for (let column = 0; column < width; column += 1) {
      const key = keys[row * width + column] ?? 0;
      if (key !== previousKey) {
        previousKey = key;
        previousEntry = entryOf.get(key) ?? 0;
      }
      rows[start + column] = previousEntry;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (indexed), deflate, adaptive filtering, no interlace
  const channels = colours.map(channelsOf);
  const palette = Uint8Array.from(channels.flatMap(([red, green, blue]) => [red, green, blue]));
  const alphas = channels.map(([, , , alpha]) => alpha);
  const opaque = alphas.every((alpha) => alpha === 255);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('PLTE', palette),
    ...(opaque ? [] : [chunk('tRNS', Uint8Array.from(alphas))]),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
