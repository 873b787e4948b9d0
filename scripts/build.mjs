// npm run build: the bundles npm start and npm run bench run. Plain JavaScript, so it
// needs nothing but esbuild. dist/ is emptied first: chunk names carry content hashes,
// and stale chunks would otherwise pile up.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts', 'bench/bench.ts', 'bench/serving.ts', 'bench/connected.ts', 'bench/burst.ts'],
  outdir: 'dist',
  bundle: true,
  // Code behind a dynamic import (the Discord client, chart files) stays in its own chunk,
  // loaded only when used: a one-shot terminal command never loads discord.js.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies are bundled and minified too: V8 keeps the source text of every module
  // it loads for as long as the process lives, and discord.js, undici and zod are ~3 MB
  // of it with comments and whitespace. Serving peak 114-119 -> 111-114 MB.
  minify: true,
  // Left to Node: packages whose files are read at run time (the WebAssembly module, the
  // font), and optional native add-ons of ws and @discordjs/ws that are not installed.
  external: ['@resvg/resvg-wasm', 'dejavu-fonts-ttf', 'zlib-sync', 'bufferutil', 'utf-8-validate'],
  // CommonJS dependencies call require(); an ES module has none unless it makes one.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  sourcemap: true,
  logLevel: 'warning',
});
