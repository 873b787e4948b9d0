/** D9 and D11: an interaction that can no longer be answered is logged once at warn, with no second callback. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordAPIError, RateLimitError, Routes } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { createClient } from '../../src/discord/bot.ts';
import { createInteractionHandler } from '../../src/discord/router.ts';
import { captureLogger, logLevels } from '../helpers/capture-logger.ts';
import { fakeAutocomplete, fakeChatInput, methodsOf } from '../helpers/fake-interactions.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

const apiError = (code: number, status: number) => () =>
  new DiscordAPIError(
    { code, message: code === 10062 ? 'Unknown interaction' : 'Interaction has already been acknowledged.' },
    code,
    status,
    'POST',
    'http://127.0.0.1/api/v10/interactions/1/t/callback',
    { body: {} },
  );

describe('an interaction Discord no longer accepts', () => {
  it.each([
    ['10062 Unknown interaction (past 3 s)', 10062, 404],
    ['40060 already acknowledged', 40060, 400],
  ])('%s: one warn line, no error reply after it', async (_name, code, status) => {
    const { logger, entries } = captureLogger();
    const handle = createInteractionHandler({ advisor, logger, commands: commandsByName });
    const { interaction, calls } = fakeChatInput(
      'recommend',
      { model: 'llama-3.3-70b' },
      { failing: ['deferReply'], failWith: apiError(code, status) },
    );
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['deferReply']);
    expect(
      entries()
        .filter((entry) => entry.level >= logLevels.warn)
        .map((entry) => [entry.level, entry.msg]),
    ).toEqual([[logLevels.warn, 'interaction not answered']]);
  });

  it('10062 on autocomplete: one warn line, no empty second answer', async () => {
    const { logger, entries } = captureLogger();
    const handle = createInteractionHandler({ advisor, logger, commands: commandsByName });
    const { interaction, calls } = fakeAutocomplete(
      'specs',
      { name: 'machine', value: 'frame' },
      { failing: ['respond'], failWith: apiError(10062, 404) },
    );
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['respond']);
    expect(
      entries()
        .filter((entry) => entry.level >= logLevels.warn)
        .map((entry) => entry.msg),
    ).toEqual(['autocomplete not answered']);
  });

  it('a rate-limited callback fails at once instead of waiting out retry-after (D11)', async () => {
    let requests = 0;
    const server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '4' });
      response.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 4, global: false }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createClient(`http://127.0.0.1:${port}/api`);
    try {
      const sent = client.rest.post(Routes.interactionCallback('100000000000000001', 'tok'), {
        body: { type: 5 },
        auth: false,
      });
      await expect(sent).rejects.toBeInstanceOf(RateLimitError);
      expect(requests).toBe(1);
    } finally {
      await client.destroy();
      server.close();
    }
  });
});
