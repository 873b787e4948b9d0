/**
 * npm run preview [-- --out file.html] [--screenshots dir]: the sample questions' real reply
 * payloads drawn like Discord's dark theme in one HTML page (default dist/preview/index.html),
 * with each reply's size in characters; with --screenshots, full-page shots at laptop and
 * phone width through headless Chromium, and what overflows at phone width.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAdvisor } from '../src/advisor/index.ts';
import { formatProblem, loadCatalog } from '../src/catalog/index.ts';
import { findChromium, horizontalOverflow, laptopWidthPx, openBrowser, phoneWidthPx } from '../src/preview/browser.ts';
import { previewPage, replyCharacters } from '../src/preview/page.ts';
import { previewSamples } from '../src/preview/samples.ts';
import { componentsV2TextLength } from '../src/discord/render/components-v2.ts';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'dist/preview/index.html' }, screenshots: { type: 'string' } },
});
const out = path.resolve(values.out);

const loaded = await loadCatalog('data');
if (!loaded.ok) {
  console.error(loaded.problems.map(formatProblem).join('\n'));
  process.exit(1);
}
const samples = previewSamples(createAdvisor(loaded.catalog));
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, previewPage(samples));
console.log(`wrote ${out}`);
for (const sample of samples) {
  const size = sample.componentsV2
    ? `${componentsV2TextLength(sample.componentsV2.components)} characters`
    : sample.reply
      ? `${replyCharacters(sample.reply)} characters`
      : `${sample.choices?.length ?? 0} choices`;
  console.log(`${size.padStart(16)}  ${sample.invocation}`);
}

if (values.screenshots !== undefined) {
  const executable = findChromium();
  if (!executable) {
    console.error(
      'no screenshots: Chromium is not installed (apt-get install -y --no-install-recommends chromium fonts-dejavu-core)',
    );
    process.exit(1);
  }
  const directory = path.resolve(values.screenshots);
  mkdirSync(directory, { recursive: true });
  const browser = await openBrowser(executable);
  try {
    for (const [name, width] of [
      ['laptop', laptopWidthPx],
      ['phone', phoneWidthPx],
    ] as const) {
      const page = await browser.page(width);
      await page.goto(`file://${out}`);
      // One shot per sample, so each can be looked at on its own.
      for (const [index, sample] of samples.entries()) {
        const file = path.join(
          directory,
          `${String(index + 1).padStart(2, '0')}-${slug(sample.invocation)}.${name}.png`,
        );
        await page.locator(`#sample-${index}`).screenshot({ path: file });
      }
      const overflow = await horizontalOverflow(page);
      console.log(
        overflow.length === 0
          ? `${name} (${width} px): nothing overflows`
          : `${name} (${width} px) overflows:\n  ${overflow.join('\n  ')}`,
      );
      await page.close();
    }
    console.log(`screenshots in ${directory}`);
  } finally {
    await browser.close();
  }
}

function slug(invocation: string): string {
  return invocation
    .replace(/^\//, '')
    .replace(/[^a-z0-9.]+/gi, '-')
    .replace(/-+$/, '')
    .slice(0, 80);
}
