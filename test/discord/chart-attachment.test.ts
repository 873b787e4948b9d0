import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { chartFor } from '../../src/charts/index.ts';
import { renderCommandResult } from '../../src/discord/render/index.ts';
import { chartFileName, maxAttachmentDescription, withChart } from '../../src/discord/render/chart.ts';
import { createInteractionHandler } from '../../src/discord/router.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { deliveryErrors } from '../helpers/discord-schema.ts';
import { fakeChatInput } from '../helpers/fake-interactions.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

/** PNG width and height from the IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('charts in Discord replies', () => {
  for (const [command, options] of [
    ['recommend', { model: 'llama-3.3-70b', quant: 'Q4_K_M', budget: 3000 }],
    ['compare', { machine_a: 'gmktec-evo-x2-128gb', machine_b: 'nvidia-dgx-spark' }],
    ['specs', { machine: 'framework-desktop-128gb' }],
  ] as const) {
    it(`/${command} shows its chart inside the embed, with alt text, within Discord's limits`, () => {
      const outcome = commandsByName.get(command)?.run(options, { advisor });
      if (!outcome?.ok) throw new Error('the command must answer');
      const chart = chartFor(advisor, outcome.value);
      if (!chart) throw new Error(`/${command} must have a chart`);
      const payload = withChart(renderCommandResult(outcome.value, options), chart);
      expect(payload.embeds[0]?.image?.url).toBe(`attachment://${chartFileName}`);
      const file = payload.files?.[0];
      expect(file?.name).toBe(chartFileName);
      expect(file?.description.length).toBeLessThanOrEqual(maxAttachmentDescription);
      expect(file?.description).toMatch(/\d/); // states key numbers
      expect(pngSize(file?.data ?? Buffer.alloc(0))).toEqual({ width: chart.width, height: chart.height });
      expect(file?.data.length).toBeLessThan(10 * 1024 * 1024);
      const { files: _files, ...json } = payload;
      expect(deliveryErrors(json)).toEqual([]);
    });
  }

  it('the router sends the chart as a file with the reply', async () => {
    const { logger } = captureLogger();
    const handle = createInteractionHandler({ advisor, logger, commands: commandsByName });
    const { interaction, calls } = fakeChatInput('specs', { machine: 'gmktec-evo-x2-128gb' });
    await handle(interaction);
    const options = calls[0]?.options;
    const files = options && 'files' in options ? options.files : undefined;
    expect(Array.isArray(files) ? files.length : 0).toBe(1);
  });
});
