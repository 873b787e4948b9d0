/**
 * The bot as `npm start` runs it, minus the gateway: the live catalog loaded, the
 * discord.js client made (not logged in), the catalog watcher on, and the router
 * answering a day's worth of interactions — slash commands with their charts,
 * "Show more" buttons, autocomplete keystrokes — through typed fake interactions.
 * Prints the process's memory as JSON: what the bot costs to keep running. `npm run
 * bench` builds this like main.ts and runs it with the same Node flags.
 */
import { performance } from 'node:perf_hooks';
import { commandsByName } from '../commands/index.ts';
import { createAdvisorStore } from '../src/advisor/store.ts';
import { loadCatalog } from '../src/catalog/index.ts';
import { createClient } from '../src/discord/bot.ts';
import { createInteractionHandler } from '../src/discord/router.ts';
import { watchCatalog } from '../src/discord/watch.ts';
import { createLogger } from '../src/logger.ts';
import { megabytes } from './megabytes.ts';
import {
  buttonsOf,
  fakeAutocomplete,
  fakeButton,
  fakeChatInput,
  type OptionValue,
} from '../test/helpers/fake-interactions.ts';

const started = performance.now();
const logger = createLogger('silent');
const loaded = await loadCatalog('data');
if (!loaded.ok) throw new Error('the catalog must load for the bench');
const store = createAdvisorStore('data', loaded.catalog);
const client = createClient();
const watcher = watchCatalog('data', store, logger);
const handle = createInteractionHandler({ advisor: store.current(), store, logger, commands: commandsByName });
const readyMs = performance.now() - started;
const rssReadyMb = megabytes(process.memoryUsage().rss);

const advisor = store.current();
const models = advisor.catalog.models.map((model) => model.id);
const machines = advisor.catalog.machines.map((machine) => machine.id);
const typed = ['', 'fra', 'mac studio', 'rtx 4090', 'framwork', 'gx10', 'llama 70', 'q4', 'epyc'];
let served = 0;
/** Between two interactions the event loop turns, as it does between gateway events. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

for (let round = 0; round < 200; round += 1) {
  const model = models[round % models.length] ?? 'llama-3.3-70b';
  const slash: [string, Record<string, OptionValue>][] = [
    ['recommend', { model, budget: 1500 + (round % 8) * 1000, context: [4096, 8192, 32768][round % 3] ?? 4096 }],
    [
      'compare',
      {
        machine_a: machines[round % machines.length] ?? '',
        machine_b: machines[(round * 7 + 3) % machines.length] ?? '',
        model,
      },
    ],
    ['specs', { machine: machines[(round * 11) % machines.length] ?? '' }],
  ];
  for (const [name, options] of slash) {
    const { interaction, calls } = fakeChatInput(name, options, {
      userId: `3000000000000${String(round).padStart(5, '0')}`,
    });
    await handle(interaction);
    await nextTurn();
    served += 1;
    const more = buttonsOf(calls.at(-1)).find((button) => button.customId.startsWith('recommend:more'));
    if (more) {
      await handle(fakeButton(more.customId).interaction);
      await nextTurn();
      served += 1;
    }
  }
  for (const text of typed) {
    await handle(fakeAutocomplete('recommend', { name: 'model', value: text }).interaction);
    await handle(fakeAutocomplete('specs', { name: 'machine', value: text }).interaction);
    await nextTurn();
    served += 2;
  }
}

const memory = process.memoryUsage();
console.log(
  JSON.stringify({
    serving_ready_ms: Math.round(readyMs),
    serving_interactions: served,
    serving_rss_ready_mb: rssReadyMb,
    serving_rss_mb: megabytes(memory.rss),
    serving_peak_rss_mb: megabytes(process.resourceUsage().maxRSS * 1024),
    serving_heap_used_mb: megabytes(memory.heapUsed),
  }),
);
watcher.close();
await client.destroy();
