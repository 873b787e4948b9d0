/**
 * The fault-injecting stand-in Discord (test/helpers/local-discord.ts) against the real bot
 * (startBot, discord.js, the router): one bounded case per fault of reliability-probe.md
 * not covered elsewhere. Loopback only. D2 drain: drain.test.ts; D3 fatal closes:
 * bot-and-deploy.test.ts; D4 burst: burst.test.ts; D6: watch.test.ts.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAdvisorStore, type AdvisorStore } from '../../src/advisor/store.ts';
import { loadCatalog } from '../../src/catalog/index.ts';
import { startBot } from '../../src/discord/bot.ts';
import { captureLogger, logLevels } from '../helpers/capture-logger.ts';
import { interactionPayload, localBotToken, startLocalDiscord } from '../helpers/local-discord.ts';

let store: AdvisorStore;
beforeAll(async () => {
  const loaded = await loadCatalog('data');
  if (!loaded.ok) throw new Error('the live catalog is broken');
  store = createAdvisorStore('data', loaded.catalog);
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function loggedInBot(options: Parameters<typeof startLocalDiscord>[0] = {}) {
  const discord = await startLocalDiscord(options);
  cleanups.push(() => discord.close());
  const log = captureLogger();
  const host = Object.assign(new EventEmitter(), { exit: () => undefined });
  const client = await startBot({
    token: localBotToken,
    store,
    logger: log.logger,
    apiUrl: discord.apiUrl,
    shutdownHost: host,
  });
  cleanups.push(() => client.destroy());
  return { discord, ...log };
}

let serial = 0;
const specs = () =>
  interactionPayload(2, (serial += 1), String(300000000000000000n + BigInt(serial)), {
    name: 'specs',
    options: [{ name: 'machine', type: 3, value: 'asus-ascent-gx10' }],
  });
const recommend = () =>
  interactionPayload(2, (serial += 1), String(300000000000000000n + BigInt(serial)), {
    name: 'recommend',
    options: [{ name: 'model', type: 3, value: 'qwen3-30b-a3b' }],
  });
const requestsFor = (discord: Awaited<ReturnType<typeof startLocalDiscord>>, token: string) =>
  discord.requests.filter((request) => request.path.includes(`/${token}`)).map((request) => request.method);
const resumedOrReidentified = (discord: Awaited<ReturnType<typeof startLocalDiscord>>) =>
  discord.gatewayFrames.some((frame) => frame.op === 6) ||
  discord.gatewayFrames.filter((frame) => frame.op === 2).length === 2;
const answered = (discord: Awaited<ReturnType<typeof startLocalDiscord>>, token: string) => {
  const fate = discord.fates.get(token);
  return fate?.callbackType === 4 || (fate?.edits ?? 0) > 0;
};

describe('Discord faults, through the stand-in', { timeout: 20_000 }, () => {
  it('D11: a callback answered 429 retry-after 4 s is sent once, logged at warn, never retried into expiry', async () => {
    const { discord, entries } = await loggedInBot();
    discord.inject({ route: /\/callback$/, status: 429, retryAfterSeconds: 4 });
    const payload = specs();
    discord.dispatch('INTERACTION_CREATE', payload);
    await discord.until(() => entries().some((entry) => entry.msg === 'interaction not answered'));
    expect(requestsFor(discord, payload.token)).toEqual(['POST']);
    expect(
      entries()
        .filter((entry) => entry.level >= logLevels.warn && entry.msg !== 'rate limited by Discord')
        .map((entry) => [entry.level, entry.msg]),
    ).toEqual([[logLevels.warn, 'interaction not answered']]);
  });

  it('D9: a callback past the 3 s deadline (10062) is one warn line, with no second callback', async () => {
    const { discord, entries } = await loggedInBot();
    discord.inject({ route: /\/callback$/, delayMs: 3200 });
    const payload = specs();
    discord.dispatch('INTERACTION_CREATE', payload);
    await discord.until(() => entries().some((entry) => entry.msg === 'interaction not answered'));
    expect(discord.fates.get(payload.token)?.expired).toBe(true);
    expect(requestsFor(discord, payload.token)).toEqual(['POST']);
    expect(
      entries()
        .filter((entry) => entry.level >= logLevels.warn)
        .map((entry) => entry.msg),
    ).toEqual(['interaction not answered']);
  });

  it('5xx: an edit that keeps failing ends with the "thinking…" removed and an apology only the user sees', async () => {
    const { discord, entries } = await loggedInBot();
    discord.inject({ route: /^PATCH /, status: 502 });
    const payload = recommend();
    discord.dispatch('INTERACTION_CREATE', payload);
    const followUp = () =>
      discord.requests.find(
        (request) =>
          request.method === 'POST' && request.path.endsWith(`/webhooks/100000000000000002/${payload.token}`),
      );
    await discord.until(() => followUp() !== undefined);
    // discord.js retried the 502 (its `retries`), then the router gave up on the edit.
    const methods = requestsFor(discord, payload.token);
    expect(methods.filter((method) => method === 'PATCH').length).toBeGreaterThan(1);
    expect(methods).toContain('DELETE');
    expect((JSON.parse(followUp()?.body ?? '{}') as { flags?: number }).flags).toBe(64);
    expect(
      entries()
        .filter((entry) => entry.level === logLevels.error)
        .map((entry) => entry.msg),
    ).toEqual(['command failed']);
  });

  it.each([4000, 1001])(
    'a gateway close %i (one discord.js retries): resumed, and the next interaction answered',
    async (code) => {
      const { discord } = await loggedInBot();
      discord.closeGateway(code);
      await discord.until(() => discord.connections === 2);
      await discord.until(() => resumedOrReidentified(discord));
      const payload = specs();
      discord.dispatch('INTERACTION_CREATE', payload);
      await discord.until(() => answered(discord, payload.token));
    },
  );

  it('missed heartbeat acks (a half-open connection): the bot reconnects by itself and answers again', async () => {
    const { discord } = await loggedInBot({ heartbeatIntervalMs: 400 });
    discord.acknowledgeHeartbeats(false);
    await discord.until(() => discord.connections === 2, 10_000);
    discord.acknowledgeHeartbeats(true);
    await discord.until(() => resumedOrReidentified(discord));
    const payload = specs();
    discord.dispatch('INTERACTION_CREATE', payload);
    await discord.until(() => answered(discord, payload.token));
  });
});
