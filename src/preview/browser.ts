/**
 * Headless Chromium for the preview: Debian's `chromium` driven by playwright-core, so no
 * browser is downloaded. Where none is installed the callers say so and go on without.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian and Ubuntu put the browser (`apt-get install chromium`). */
export const chromiumPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

export const findChromium = (): string | undefined => chromiumPaths.find((candidate) => existsSync(candidate));

/** Phone width the layout must fit (an iPhone 12–15's CSS pixels), and a laptop's. */
export const phoneWidthPx = 390;
export const laptopWidthPx = 900;

export interface PreviewBrowser {
  page(widthPx: number): Promise<Page>;
  close(): Promise<void>;
}

/** A browser with its own throw-away profile and nothing that phones home. */
export async function openBrowser(executablePath: string): Promise<PreviewBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'rig-preview-'));
  // playwright takes the profile as its own argument, not as --user-data-dir.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    page: async (widthPx) => {
      const page = await context.newPage();
      await page.setViewportSize({ width: widthPx, height: 900 });
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Runs in the page (the project compiles without the DOM's types, hence a string): the
 * innermost elements whose right edge passes the viewport, per sample.
 */
const overflowProbe = `(() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const sample of document.querySelectorAll('.sample')) {
    const wide = [...sample.querySelectorAll('*')].filter((element) => element.getBoundingClientRect().right > width + 0.5);
    const innermost = wide.filter((element) => !wide.some((other) => other !== element && element.contains(other)));
    for (const element of innermost.slice(0, 3)) {
      const right = Math.round(element.getBoundingClientRect().right);
      found.push(sample.dataset.invocation + ': <' + element.tagName.toLowerCase() + ' class="' + element.className + '"> ends at ' + right + ' px of ' + width + ': ' + (element.textContent || '').slice(0, 80));
    }
  }
  if (found.length === 0 && document.documentElement.scrollWidth > width) found.push('the page is ' + document.documentElement.scrollWidth + ' px wide, over ' + width);
  return found;
})()`;

/** What sticks out past the right edge of the viewport: one line per sample and element (at most three each). */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  const found: unknown = await page.evaluate(overflowProbe);
  if (!Array.isArray(found) || !found.every((entry) => typeof entry === 'string'))
    throw new Error('the overflow probe returned something else than a list of strings');
  return found;
}

/** A phone screen's height in CSS pixels (an iPhone 12–15): a reply taller than this needs scrolling. */
export const phoneScreenHeightPx = 844;

export interface DrawnHeight {
  invocation: string;
  /** The reply itself: content, embeds (chart included) and components, from its first line to its last. */
  replyPx: number;
  /** The whole message as Discord shows it: the "used /command" line and the bot's name above the reply. */
  messagePx: number;
}

/** Runs in the page: each drawn reply's height (autocomplete samples have none). */
const heightProbe = `(() => [...document.querySelectorAll('.sample')].flatMap((sample) => {
  const reply = sample.querySelector('.reply');
  const message = sample.querySelector('.message');
  if (!reply || !message) return [];
  return [{ invocation: sample.dataset.invocation, replyPx: Math.round(reply.getBoundingClientRect().height), messagePx: Math.round(message.getBoundingClientRect().height) }];
}))()`;

const isDrawnHeight = (value: unknown): value is DrawnHeight =>
  typeof value === 'object' &&
  value !== null &&
  'invocation' in value &&
  typeof value.invocation === 'string' &&
  'replyPx' in value &&
  typeof value.replyPx === 'number' &&
  'messagePx' in value &&
  typeof value.messagePx === 'number';

/**
 * How tall each reply is drawn at the page's width, images loaded (a chart's height is only
 * known once it is decoded).
 */
export async function drawnHeights(page: Page): Promise<DrawnHeight[]> {
  await page.waitForFunction('[...document.images].every((image) => image.complete)');
  const found: unknown = await page.evaluate(heightProbe);
  if (!Array.isArray(found) || !found.every(isDrawnHeight))
    throw new Error('the height probe returned something else than a list of heights');
  return found;
}
