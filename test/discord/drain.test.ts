/**
 * D2: SIGTERM while answers are in flight. The real bot (startBot) logged in to the stand-in
 * Discord, whose webhook edits are slowed so an answer is mid-way when the signal comes.
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdvisorStore, type AdvisorStore } from '../../src/advisor/store.ts';
import { loadCatalog } from '../../src/catalog/index.ts';
import { startBot } from '../../src/discord/bot.ts';
import { InFlight } from '../../src/discord/in-flight.ts';
import { captureLogger, logLevels } from '../helpers/capture-logger.ts';
import { interactionPayload, localBotToken, startLocalDiscord } from '../helpers/local-discord.ts';

let store: AdvisorStore;
beforeAll(async () => {
  const loaded = await loadCatalog('data');
  if (!loaded.ok) throw new Error('the live catalog is broken');
  store = createAdvisorStore('data', loaded.catalog);
});

function fakeProcess() {
  const signals = new EventEmitter();
  const host = {
    exitCode: undefined as number | undefined,
    once: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => signals.once(signal, listener),
    exit: (code: number) => void (host.exitCode = code),
  };
  return { host, signal: (name: 'SIGINT' | 'SIGTERM') => signals.emit(name) };
}

const recommend = (serial: number) =>
  interactionPayload(2, serial, String(300000000000000000n + BigInt(serial)), {
    name: 'recommend',
    options: [{ name: 'model', type: 3, value: 'llama-3.3-70b' }],
  });

describe('SIGTERM with answers in flight (D2)', () => {
  it.each([
    [
      'the deferred answer is finished before exit 0; one arriving after the signal is not taken',
      'SIGTERM' as const,
      10_000,
      { finished: 1, abandoned: 0 },
    ],
    [
      'an answer that outlasts the bound is logged as abandoned, and the bot still exits 0',
      'SIGINT' as const,
      200,
      { finished: 0, abandoned: 1 },
    ],
  ])(
    '%s',
    async (_name, signalName, drainTimeoutMs, drained) => {
      const discord = await startLocalDiscord();
      const { logger, entries } = captureLogger();
      const { host, signal } = fakeProcess();
      const client = await startBot({
        token: localBotToken,
        store,
        logger,
        apiUrl: discord.apiUrl,
        shutdownHost: host,
        drainTimeoutMs,
      });
      try {
        discord.inject({ route: /^PATCH \/api\/v10\/webhooks\//, delayMs: 1500 });
        const first = recommend(1);
        discord.dispatch('INTERACTION_CREATE', first);
        // Deferred, and its edit is on the wire (answered 1.5 s later).
        await discord.until(() =>
          discord.requests.some((request) => request.method === 'PATCH' && request.path.includes(first.token)),
        );
        signal(signalName);
        const late = recommend(2);
        discord.dispatch('INTERACTION_CREATE', late);
        await discord.until(() => host.exitCode !== undefined, 8000);
        expect(host.exitCode).toBe(0);
        expect(discord.fates.get(first.token)).toMatchObject({ callbackType: 5, edits: drained.finished });
        // Not started, so never half-answered: Discord tells that user the app did not respond.
        expect(discord.requests.filter((request) => request.path.includes(late.token))).toEqual([]);
        expect(entries().find((entry) => entry.msg === 'drained')).toMatchObject(drained);
        const abandoned = entries().filter((entry) => entry.msg === 'abandoned at shutdown: no answer will come');
        expect(abandoned.map((entry) => [entry.level, entry.interactionId, entry.command])).toEqual(
          drained.abandoned ? [[logLevels.error, first.id, 'recommend']] : [],
        );
      } finally {
        await client.destroy();
        await discord.close();
      }
    },
    20_000,
  );
});

describe('InFlight', () => {
  it('drain resolves as soon as the last one settles (a rejection counts as settled), or at the bound with what is left', async () => {
    const inFlight = new InFlight();
    let finish: () => void = () => undefined;
    inFlight.track('a', 'specs', new Promise<void>((resolve) => (finish = resolve)));
    inFlight.track('b', 'compare', Promise.reject(new Error('handled elsewhere')));
    inFlight.track('c', 'recommend', new Promise(() => undefined));
    await Promise.resolve();
    expect(inFlight.size).toBe(2);
    const draining = inFlight.drain(300);
    finish();
    const report = await draining;
    expect(report.finished).toBe(1);
    expect(report.abandoned.map((lost) => [lost.interactionId, lost.command])).toEqual([['c', 'recommend']]);
    expect(await new InFlight().drain(10_000)).toMatchObject({ finished: 0, abandoned: [] });
  });
});
