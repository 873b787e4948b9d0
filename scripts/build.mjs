// npm run build: the bundles npm start and npm run bench run. Plain JavaScript, so it
// needs nothing but esbuild. dist/ is emptied first: chunk names carry content hashes,
// and stale chunks would otherwise pile up.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts', 'bench/bench.ts', 'bench/serving.ts'],
  outdir: 'dist',
  bundle: true,
  // Code behind a dynamic import (the Discord client, chart files) stays in its own chunk,
  // loaded only when used: a one-shot terminal command never loads discord.js.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
