/**
 * `npm start` builds only when an input changed: the bundle is reused while every source,
 * the build script and the dependency versions are byte-for-byte what it was built from,
 * and rebuilt as soon as one byte differs. Run in a scratch copy, so the real dist/ (which
 * the bundle test uses) is left alone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let root = '';
const marker = () => path.join(root, 'dist', 'marker');
/** Builds, and says whether it rebuilt: a rebuild empties dist/, taking the marker with it. */
function buildRebuilt(...args: string[]): boolean {
  writeFileSync(marker(), 'left by the test');
  execFileSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: root, stdio: 'pipe' });
  expect(existsSync(path.join(root, 'dist/src/main.js'))).toBe(true);
  return !existsSync(marker());
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'rig-build-'));
  for (const input of [
    'src',
    'commands',
    'bench',
    'test/helpers',
    'scripts/build.mjs',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
  ])
    cpSync(input, path.join(root, input), { recursive: true });
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the build', () => {
  it('is skipped when no input changed, even if a file was touched', () => {
    expect(buildRebuilt()).toBe(false);
    const file = path.join(root, 'src/main.ts');
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    expect(buildRebuilt()).toBe(false);
  }, 60_000);

  it('reruns when a source, the lock file or the build script changes, or an output is gone', () => {
    for (const input of ['commands/specs.ts', 'package-lock.json', 'scripts/build.mjs']) {
      const file = path.join(root, input);
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
      expect(buildRebuilt(), input).toBe(true);
      expect(buildRebuilt(), `${input} again`).toBe(false);
    }
    rmSync(path.join(root, 'dist/bench/bench.js'));
    expect(buildRebuilt()).toBe(true);
  }, 120_000);

  it('reruns when a source file is added, and with --force', () => {
    writeFileSync(path.join(root, 'src/new-file.ts'), 'export const x = 1;\n');
    expect(buildRebuilt()).toBe(true);
    expect(buildRebuilt('--force')).toBe(true);
  }, 60_000);
});
