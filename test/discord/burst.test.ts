/**
 * D4: a burst acknowledged within Discord's 3 s. 120 /specs (each ~30 ms of estimate and
 * chart, answered without a deferral when the bot is idle) plus /recommend and autocomplete
 * arrive at once over the stand-in's gateway, which applies the 3 s rule: before the fix,
 * every handler's chart ran before any callback left, and ~all of them expired together.
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdvisorStore, type AdvisorStore } from '../../src/advisor/store.ts';
import { loadCatalog } from '../../src/catalog/index.ts';
import { startBot } from '../../src/discord/bot.ts';
import { WorkGate } from '../../src/discord/work-gate.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { interactionPayload, localBotToken, startLocalDiscord } from '../helpers/local-discord.ts';

let store: AdvisorStore;
beforeAll(async () => {
  const loaded = await loadCatalog('data');
  if (!loaded.ok) throw new Error('the live catalog is broken');
  store = createAdvisorStore('data', loaded.catalog);
});

const machines = ['framework-desktop-128gb', 'asus-ascent-gx10', 'gmktec-evo-x2-128gb', 'mac-studio-m4-max-128gb'];

describe('a burst of 150 interactions (D4)', () => {
  it("is acknowledged within Discord's 3 s, every one, and then answered", async () => {
    const discord = await startLocalDiscord();
    const host = Object.assign(new EventEmitter(), { exit: () => undefined });
    const client = await startBot({
      token: localBotToken,
      store,
      logger: captureLogger().logger,
      apiUrl: discord.apiUrl,
      shutdownHost: host,
    });
    try {
      const payloads = Array.from({ length: 150 }, (_unused, serial) => {
        const user = String(300000000000000000n + BigInt(serial));
        if (serial % 10 === 8)
          return interactionPayload(2, serial, user, {
            name: 'recommend',
            options: [
              { name: 'model', type: 3, value: 'llama-3.3-70b' },
              { name: 'budget', type: 4, value: 2000 + serial },
            ],
          });
        if (serial % 10 === 9)
          return interactionPayload(4, serial, user, {
            name: 'specs',
            options: [{ name: 'machine', type: 3, value: 'fra', focused: true }],
          });
        return interactionPayload(2, serial, user, {
          name: 'specs',
          options: [{ name: 'machine', type: 3, value: machines[serial % 4] }],
        });
      });
      for (const payload of payloads) discord.dispatch('INTERACTION_CREATE', payload);
      const fates = () => payloads.map((payload) => discord.fates.get(payload.token));
      const settled = () =>
        fates().every(
          (fate) =>
            fate !== undefined &&
            (fate.expired ||
              (fate.callbackType !== undefined &&
                (fate.callbackType === 4 || fate.callbackType === 8 || fate.edits > 0))),
        );
      await discord.until(settled, 40_000);
      expect(fates().filter((fate) => fate?.expired).length).toBe(0);
      // Answered: replies and choices at once, the rest deferred and then edited.
      expect(fates().filter((fate) => fate?.callbackType === 8).length).toBe(15);
      expect(fates().filter((fate) => fate?.callbackType === 5 && fate.edits === 1).length).toBeGreaterThanOrEqual(130);
    } finally {
      await client.destroy();
      await discord.close();
    }
  }, 60_000);
});

describe('WorkGate', () => {
  it('runs one job per turn, in order, after the acknowledgements in flight; busy while any is queued', async () => {
    const gate = new WorkGate(10_000);
    const order: string[] = [];
    let answerAck: () => void = () => undefined;
    const ack = gate
      .acknowledging(new Promise<void>((resolve) => (answerAck = resolve)))
      .then(() => order.push('ack answered'));
    expect(gate.busy).toBe(false);
    const first = gate.run(() => order.push('job 1'));
    const second = gate.run(() => {
      throw new Error('job 2 failed');
    });
    expect(gate.busy).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]); // waiting for the acknowledgement
    answerAck();
    await ack;
    await first;
    await expect(second).rejects.toThrow('job 2 failed');
    expect(order).toEqual(['ack answered', 'job 1']);
    expect(gate.busy).toBe(false);
  });

  it('runs anyway once an acknowledgement has been pending for the bound', async () => {
    const gate = new WorkGate(50);
    void gate.acknowledging(new Promise(() => undefined));
    expect(await gate.run(() => 'ran')).toBe('ran');
  });
});
