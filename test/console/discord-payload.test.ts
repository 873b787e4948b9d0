/**
 * `--discord` prints what the bot sends: the requests in order (a deferred command's type-5
 * callback, then the edit of its original response), the message built by its own renderers,
 * valid against Discord's OpenAPI description, chart attachment listed as discord.js lists it.
 */
import { describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { callbackPath, discordRequests, originalResponsePath } from '../../src/console/discord-payload.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { renderCommandResult } from '../../src/discord/render/index.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';
import { schemaErrors, schemaNames } from '../helpers/discord-schema.ts';

const advisor = createAdvisor(fixtureCatalog());
const options = { commands: commandsByName, context: { advisor }, json: true };

function requestsOf(line: string) {
  const outcome = executeLine(line, options);
  if (!outcome.answer || !outcome.options) throw new Error(`"${line}" was not answered: ${outcome.output}`);
  const deferred = commandsByName.get(outcome.answer.command)?.defer ?? false;
  return {
    requests: discordRequests(advisor, outcome.answer, outcome.options, deferred).requests,
    bot: renderCommandResult(outcome.answer, outcome.options),
  };
}

/** The message as the bot renders it: its embeds and buttons, the chart's image pointing at the attachment listed. */
function expectBotMessage(
  data: Record<string, unknown>,
  bot: ReturnType<typeof renderCommandResult>,
  chart: 'inline' | 'behind its button' = 'inline',
) {
  expect(data.components).toEqual(bot.components);
  expect(data.allowed_mentions).toEqual({ parse: [] });
  const embeds = data.embeds as { title?: string; image?: { url: string } }[];
  expect(embeds.map((embed) => embed.title)).toEqual(bot.embeds.map((embed) => embed.title));
  if (chart === 'behind its button') {
    expect(embeds[0]?.image).toBeUndefined();
    expect(data.attachments).toBeUndefined();
    return;
  }
  expect(embeds[0]?.image?.url).toBe('attachment://chart.png');
  expect(data.attachments).toEqual([{ id: '0', description: expect.stringMatching(/\S/) as unknown }]);
}

describe('--discord', () => {
  it.each([
    '/specs machine:test-mini',
    '/compare machine_a:test-mini machine_b:test-desktop-gpu model:test-dense-8b quant:Q4_0',
  ])('prints the one callback of a command answered at once, as Discord accepts it: %s', (line) => {
    const { requests, bot } = requestsOf(line);
    expect(requests.map((request) => [request.method, request.path])).toEqual([['POST', callbackPath]]);
    const [callback] = requests;
    expect(schemaErrors(schemaNames.createMessageCallback, callback?.body)).toEqual([]);
    expect(callback?.body.type).toBe(4);
    expectBotMessage(callback?.body.data as Record<string, unknown>, bot);
  });

  it('prints a deferred command as the bot sends it: "thinking…" first, then the answer edited in', () => {
    const { requests, bot } = requestsOf('/recommend model:test-dense-8b quant:Q4_0 budget:5k');
    expect(requests.map((request) => [request.method, request.path])).toEqual([
      ['POST', callbackPath],
      ['PATCH', originalResponsePath],
    ]);
    const [deferral, edit] = requests;
    expect(deferral?.body).toEqual({ type: 5 });
    expect(schemaErrors(schemaNames.createMessageCallback, deferral?.body)).toEqual([]);
    expect(schemaErrors(schemaNames.editOriginalResponse, edit?.body)).toEqual([]);
    // /recommend's chart is one button away: a phone has no room for it beside five picks.
    expectBotMessage(edit?.body ?? {}, bot, 'behind its button');
  });

  it('survives JSON, as it is printed', () => {
    const { requests } = requestsOf('/specs machine:test-mini');
    expect(schemaErrors(schemaNames.createMessageCallback, JSON.parse(JSON.stringify(requests[0]?.body)))).toEqual([]);
  });
});
