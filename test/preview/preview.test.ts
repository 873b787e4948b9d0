/**
 * npm run preview's page: the sample questions' real payloads, valid for Discord, drawn in
 * headless Chromium at a phone's 390 px without anything sticking out sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdvisor } from '../../src/advisor/index.ts';
import { loadCatalog } from '../../src/catalog/index.ts';
import { limitProblems } from '../../src/discord/limits.ts';
import {
  drawnHeights,
  findChromium,
  horizontalOverflow,
  laptopWidthPx,
  openBrowser,
  phoneScreenHeightPx,
  phoneWidthPx,
  type PreviewBrowser,
} from '../../src/preview/browser.ts';
import { markdownToHtml } from '../../src/preview/markdown.ts';
import { previewPage, type PreviewSample } from '../../src/preview/page.ts';
import { componentsV2Samples, previewSamples, sampleButtons, sampleCommands } from '../../src/preview/samples.ts';
import {
  componentsV2Count,
  componentsV2Limits,
  componentsV2TextLength,
} from '../../src/discord/render/components-v2.ts';
import { deliveryErrors, schemaErrors, schemaNames } from '../helpers/discord-schema.ts';

let samples: PreviewSample[];
beforeAll(async () => {
  const loaded = await loadCatalog('data');
  if (!loaded.ok) throw new Error('the live catalog is broken');
  samples = previewSamples(createAdvisor(loaded.catalog));
});

describe('the preview samples', () => {
  it('answer every sample command with a payload Discord accepts', () => {
    const replies = samples.filter((sample) => sample.reply);
    expect(replies.map((sample) => sample.invocation).slice(0, sampleCommands.length)).toEqual(sampleCommands);
    // Every button sample found its button: a page of /specs, pressed as the router would.
    expect(replies).toHaveLength(sampleCommands.length + sampleButtons.length);
    for (const sample of replies) {
      if (!sample.reply) continue;
      expect(deliveryErrors(sample.reply), sample.invocation).toEqual([]);
      expect(limitProblems(sample.reply), sample.invocation).toEqual([]);
    }
  });

  it('draw /recommend as Components V2 too, a payload Discord accepts within its V2 limits', () => {
    const drawn = samples.filter((sample) => sample.componentsV2);
    expect(drawn.map((sample) => sample.invocation)).toEqual(
      componentsV2Samples.map((invocation) => `${invocation} [Components V2]`),
    );
    for (const sample of drawn) {
      const payload = sample.componentsV2;
      if (!payload) continue;
      // The files go as multipart attachments, not in the JSON body.
      const { files: _files, ...body } = payload;
      expect(schemaErrors(schemaNames.createMessageCallback, { type: 4, data: body }), sample.invocation).toEqual([]);
      const { flags: _flags, ...edit } = body;
      expect(schemaErrors(schemaNames.editOriginalResponse, { ...edit, flags: body.flags }), sample.invocation).toEqual(
        [],
      );
      expect(componentsV2Count(payload.components)).toBeLessThanOrEqual(componentsV2Limits.components);
      expect(componentsV2TextLength(payload.components)).toBeLessThanOrEqual(componentsV2Limits.text);
      const [container] = payload.components;
      expect(container && 'components' in container ? container.components.length : 0).toBeLessThanOrEqual(
        componentsV2Limits.containerChildren,
      );
      // Each pick is a section whose button opens its details.
      const sections = container && 'components' in container ? container.components.filter((c) => c.type === 9) : [];
      expect(sections.length).toBe(5);
      for (const section of sections)
        if (section.type === 9 && section.accessory.type === 2 && 'custom_id' in section.accessory)
          expect(section.accessory.custom_id).toMatch(/^specs:one:/);
    }
  });

  it('draw one section per sample, each naming its invocation', () => {
    const page = previewPage(samples);
    expect(page.match(/<section class="sample"/g)).toHaveLength(samples.length);
    expect(page).toContain('data-invocation="/compare machine_a:gmktec-evo-x2-128gb');
  });
});

describe('Discord markdown in the preview', () => {
  it('draws bold, escapes, inline code, links and code blocks as Discord does', () => {
    expect(markdownToHtml('**6.2 tok/s** generating')).toBe(
      '<div class="md-line"><strong>6.2 tok/s</strong> generating</div>',
    );
    expect(markdownToHtml('Q4\\_K\\_M and Q4_K_M')).toBe('<div class="md-line">Q4_K_M and Q4_K_M</div>');
    expect(markdownToHtml('_italic_ `a<b`')).toBe('<div class="md-line"><em>italic</em> <code>a&lt;b</code></div>');
    expect(markdownToHtml('[Radeon](https://amd.com/x)')).toBe(
      '<div class="md-line"><a href="https://amd.com/x">Radeon</a></div>',
    );
    expect(markdownToHtml('top\n```\nA  B\n1  2\n```\nend')).toBe(
      '<div class="md-line">top</div><pre class="md-codeblock">A  B\n1  2</pre><div class="md-line">end</div>',
    );
  });
});

const chromium = findChromium();
if (!chromium)
  console.warn(
    'preview test in Chromium skipped: no /usr/bin/chromium (apt-get install -y --no-install-recommends chromium fonts-dejavu-core; .ci/run does)',
  );

describe.skipIf(!chromium)('the preview page in headless Chromium', () => {
  let browser: PreviewBrowser;
  beforeAll(async () => {
    if (chromium) browser = await openBrowser(chromium);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const overflowAt = async (html: string, widthPx: number) => {
    const page = await browser.page(widthPx);
    try {
      await page.setContent(html);
      return await horizontalOverflow(page);
    } finally {
      await page.close();
    }
  };

  it('sees a 60-column code block stick out of a phone screen (the check can fail)', async () => {
    const wide: PreviewSample = {
      invocation: '/wide',
      reply: { embeds: [{ description: `\`\`\`\n${'x'.repeat(60)}\n\`\`\`` }], allowed_mentions: { parse: [] } },
    };
    const overflow = await overflowAt(previewPage([wide]), phoneWidthPx);
    expect(overflow.join('\n')).toContain('/wide: <pre class="md-codeblock">');
  }, 60_000);

  const heightsAt = async (html: string, widthPx: number) => {
    const page = await browser.page(widthPx);
    try {
      await page.setContent(html);
      return await drawnHeights(page);
    } finally {
      await page.close();
    }
  };

  it('measures a reply by its drawn height: one embed line and its padding, then 18 px a line', async () => {
    const lines = (count: number): PreviewSample => ({
      invocation: `/lines ${count}`,
      reply: {
        embeds: [{ description: Array.from({ length: count }, (_, index) => `line ${index}`).join('\n') }],
        allowed_mentions: { parse: [] },
      },
    });
    const [one, forty] = await heightsAt(previewPage([lines(1), lines(40)]), phoneWidthPx);
    // An embed line is 18 px (line-height 1.125rem) inside 4 + 8 + 12 px of margin and padding.
    expect(one).toMatchObject({ invocation: '/lines 1', replyPx: 4 + 8 + 8 + 18 + 12 });
    expect(forty?.replyPx).toBe((one?.replyPx ?? 0) + 39 * 18);
    expect(forty?.messagePx).toBeGreaterThan(forty?.replyPx ?? Infinity);
  }, 60_000);

  it('fits each /recommend reply, picks, menu and buttons, in one phone screen (844 px at 390 px wide)', async () => {
    // The Components V2 drawings are a comparison, not what the bot sends.
    const recommend = samples.filter(
      (sample) => sample.reply && sample.invocation.startsWith('/recommend ') && !sample.invocation.endsWith(']'),
    );
    expect(recommend.length).toBeGreaterThanOrEqual(6);
    const heights = await heightsAt(previewPage(recommend), phoneWidthPx);
    expect(heights.map((height) => height.invocation)).toEqual(recommend.map((sample) => sample.invocation));
    const over = heights.filter((height) => height.replyPx > phoneScreenHeightPx);
    expect(over, over.map((height) => `${height.invocation}: ${height.replyPx} px`).join('\n')).toEqual([]);
  }, 60_000);

  it('fits every sample reply in a phone 390 px wide, nothing overflowing sideways', async () => {
    expect(await overflowAt(previewPage(samples), phoneWidthPx)).toEqual([]);
  }, 60_000);

  it('fits every sample reply at laptop width', async () => {
    expect(await overflowAt(previewPage(samples), laptopWidthPx)).toEqual([]);
  }, 60_000);
});
