// npm run build: the bundles npm start and npm run bench run. Plain JavaScript, so it
// needs nothing but esbuild. Skipped when nothing it is built from has changed since the
// last build: a one-shot `npm start -- "/specs …"` then costs Node's start, not a 1.4 s
// bundle. The check hashes every input's bytes (not mtimes, which git checkouts and
// copies reset), ~10 ms; `--force` rebuilds anyway.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const entryPoints = ['src/main.ts', 'bench/bench.ts', 'bench/serving.ts', 'bench/connected.ts', 'bench/burst.ts'];
/** Everything the bundle is made from: the sources (the bench imports test/helpers), this script, the dependency versions, the TS settings. */
const inputs = [
  'src',
  'commands',
  'bench',
  'test/helpers',
  'scripts/build.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
const stampFile = 'dist/.inputs-sha256';

function inputsHash() {
  const hash = createHash('sha256');
  const add = (relative) => {
    if (!existsSync(relative)) return void hash.update(`missing ${relative}\0`);
    if (statSync(relative).isDirectory()) {
      for (const name of readdirSync(relative).sort()) add(path.join(relative, name));
      return;
    }
    hash.update(`${relative}\0`).update(readFileSync(relative)).update('\0');
  };
  for (const input of inputs) add(input);
  return hash.digest('hex');
}

const outputs = entryPoints.map((entry) => path.join('dist', entry.replace(/\.ts$/, '.js')));
const hash = inputsHash();
const fresh =
  !process.argv.includes('--force') &&
  outputs.every((output) => existsSync(output)) &&
  existsSync(stampFile) &&
  readFileSync(stampFile, 'utf8') === hash;
if (!fresh) {
  const { build } = await import('esbuild');
  // dist/ is emptied first: chunk names carry content hashes, and stale chunks would otherwise pile up.
  rmSync('dist', { recursive: true, force: true });
  await build({
    entryPoints,
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
    banner: {
      js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
    },
    // The bundle knows what it was built from: the catalog cache it writes is keyed by it (src/build-info.ts).
    define: { __RIG_ADVISOR_BUILD_SHA256__: JSON.stringify(hash) },
    sourcemap: true,
    logLevel: 'warning',
  });
  // Written last: a build that failed half-way leaves no stamp, so the next run rebuilds.
  writeFileSync(stampFile, hash);
}
