/**
 * npm run preview [-- --out file.html] [--screenshots dir]: the sample questions' real reply
 * payloads drawn like Discord's dark theme in one HTML page (default dist/preview/index.html),
 * with each reply's size in characters and, where Chromium is installed, its drawn height at
 * phone and laptop width (a phone screen is 844 px tall); with --screenshots, full-page shots
 * at both widths, and what overflows at phone width.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAdvisor } from '../src/advisor/index.ts';
import { formatProblem, loadCatalog } from '../src/catalog/index.ts';
import {
  drawnHeights,
  findChromium,
  horizontalOverflow,
  laptopWidthPx,
  openBrowser,
  phoneScreenHeightPx,
  phoneWidthPx,
  type DrawnHeight,
} from '../src/preview/browser.ts';
import { previewPage, replyCharacters, type PreviewSample } from '../src/preview/page.ts';
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

const sizeOf = (sample: PreviewSample): string =>
  sample.componentsV2
    ? `${componentsV2TextLength(sample.componentsV2.components)} characters`
    : sample.reply
      ? `${replyCharacters(sample.reply)} characters`
      : `${sample.choices?.length ?? 0} choices`;

const executable = findChromium();
if (!executable) {
  for (const sample of samples) console.log(`${sizeOf(sample).padStart(16)}  ${sample.invocation}`);
  const why = 'Chromium is not installed (apt-get install -y --no-install-recommends chromium fonts-dejavu-core)';
  if (values.screenshots !== undefined) {
    console.error(`no screenshots: ${why}`);
    process.exit(1);
  }
  console.log(`no drawn heights: ${why}`);
  process.exit(0);
}

const directory = values.screenshots === undefined ? undefined : path.resolve(values.screenshots);
if (directory) mkdirSync(directory, { recursive: true });
const browser = await openBrowser(executable);
const heights = new Map<string, Map<string, DrawnHeight>>();
const overflows: string[] = [];
try {
  for (const [name, width] of [
    ['laptop', laptopWidthPx],
    ['phone', phoneWidthPx],
  ] as const) {
    const page = await browser.page(width);
    await page.goto(`file://${out}`);
    heights.set(name, new Map((await drawnHeights(page)).map((height) => [height.invocation, height])));
    // One shot per sample, so each can be looked at on its own.
    if (directory)
      for (const [index, sample] of samples.entries()) {
        const file = path.join(
          directory,
          `${String(index + 1).padStart(2, '0')}-${slug(sample.invocation)}.${name}.png`,
        );
        await page.locator(`#sample-${index}`).screenshot({ path: file });
      }
    const overflow = await horizontalOverflow(page);
    overflows.push(
      overflow.length === 0
        ? `${name} (${width} px): nothing overflows`
        : `${name} (${width} px) overflows:\n  ${overflow.join('\n  ')}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
}

// Heights of the reply itself (embeds, chart, components); the message adds its ~40 px header.
console.log(`${'size'.padStart(16)}  ${'phone px'.padStart(8)}  ${'laptop px'.padStart(9)}  sample`);
for (const sample of samples) {
  const phone = heights.get('phone')?.get(sample.invocation)?.replyPx;
  const laptop = heights.get('laptop')?.get(sample.invocation)?.replyPx;
  const over = phone !== undefined && phone > phoneScreenHeightPx ? ' (over a phone screen)' : '';
  console.log(
    `${sizeOf(sample).padStart(16)}  ${String(phone ?? '-').padStart(8)}  ${String(laptop ?? '-').padStart(9)}  ${sample.invocation}${over}`,
  );
}
console.log(overflows.join('\n'));
if (directory) console.log(`screenshots in ${directory}`);

function slug(invocation: string): string {
  return invocation
    .replace(/^\//, '')
    .replace(/[^a-z0-9.]+/gi, '-')
    .replace(/-+$/, '')
    .slice(0, 80);
}
