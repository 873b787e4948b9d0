/**
 * `--discord` prints what the bot sends: the interaction callback its own renderers build,
 * valid against Discord's OpenAPI description, chart attachment listed as discord.js lists it.
 */
import { describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { discordPayload } from '../../src/console/discord-payload.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { renderCommandResult } from '../../src/discord/render/index.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';
import { schemaErrors, schemaNames } from '../helpers/discord-schema.ts';

const advisor = createAdvisor(fixtureCatalog());
const options = { commands: commandsByName, context: { advisor }, json: true };

function payloadOf(line: string) {
  const outcome = executeLine(line, options);
  if (!outcome.answer || !outcome.options) throw new Error(`"${line}" was not answered: ${outcome.output}`);
  return {
    payload: discordPayload(advisor, outcome.answer, outcome.options),
    bot: renderCommandResult(outcome.answer, outcome.options),
  };
}

describe('--discord', () => {
  it.each([
    '/recommend model:test-dense-8b quant:Q4_0 budget:5k',
    '/specs machine:test-mini',
    '/compare machine_a:test-mini machine_b:test-desktop-gpu model:test-dense-8b quant:Q4_0',
  ])('prints a callback Discord accepts, built by the bot: %s', (line) => {
    const { payload, bot } = payloadOf(line);
    expect(schemaErrors(schemaNames.createMessageCallback, payload)).toEqual([]);
    expect(payload.type).toBe(4);
    // The bot's embeds and buttons, with the chart's image pointing at the attachment listed.
    expect(payload.data.components).toEqual(bot.components);
    expect(payload.data.allowed_mentions).toEqual({ parse: [] });
    const embeds = payload.data.embeds as { title?: string; image?: { url: string } }[];
    expect(embeds.map((embed) => embed.title)).toEqual(bot.embeds.map((embed) => embed.title));
    expect(embeds[0]?.image?.url).toBe('attachment://chart.png');
    expect(payload.data.attachments).toEqual([{ id: '0', description: expect.stringMatching(/\S/) as unknown }]);
  });

  it('survives JSON, as it is printed', () => {
    const { payload } = payloadOf('/specs machine:test-mini');
    expect(schemaErrors(schemaNames.createMessageCallback, JSON.parse(JSON.stringify(payload)))).toEqual([]);
  });
});
