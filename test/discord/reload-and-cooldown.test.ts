import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord-api-types/v10';
import { commandsByName } from '../../commands/index.ts';
import { createAdvisorStore } from '../../src/advisor/store.ts';
import { loadCatalogSync } from '../../src/catalog/index.ts';
import { Cooldown } from '../../src/discord/cooldown.ts';
import { createInteractionHandler } from '../../src/discord/router.ts';
import { watchCatalog } from '../../src/discord/watch.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { fixtureDirectory } from '../helpers/catalog.ts';
import { fakeChatInput, methodsOf, sentMessage } from '../helpers/fake-interactions.ts';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A private copy of the fixture catalog that a test may break. */
function catalogCopy() {
  const directory = mkdtempSync(path.join(tmpdir(), 'rig-catalog-'));
  directories.push(directory);
  cpSync(fixtureDirectory, directory, { recursive: true });
  const loaded = loadCatalogSync(directory);
  if (!loaded.ok) throw new Error('fixture copy must load');
  return { directory, catalog: loaded.catalog };
}

const breakMachines = (directory: string) => {
  const file = path.join(directory, 'machines.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(
      'bandwidth_gbps: 256\n      capacity_gb: 128',
      'bandwidth_gbps: fast\n      capacity_gb: 128',
    ),
  );
};

describe('catalog reload', () => {
  it('keeps serving the last good catalog when the new one has problems, and says where', () => {
    const { directory, catalog } = catalogCopy();
    const store = createAdvisorStore(directory, catalog);
    const before = store.current();
    breakMachines(directory);
    const report = store.reload();
    expect(report.ok).toBe(false);
    if (!report.ok)
      expect(report.problems).toEqual([
        `${path.join(directory, 'machines.yaml')}:11:23 machines[0].memory.bandwidth_gbps: Invalid input: expected number, received string`,
      ]);
    expect(store.current()).toBe(before);
  });

  it('takes a fixed catalog on the next reload', () => {
    const { directory, catalog } = catalogCopy();
    const store = createAdvisorStore(directory, catalog);
    const file = path.join(directory, 'machines.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Test Mini 128', 'name: Test Mini 128 (renamed)'));
    expect(store.reload()).toMatchObject({ ok: true, machines: 3 });
    expect(store.current().catalog.machine('test-mini')?.name).toBe('Test Mini 128 (renamed)');
  });

  it('reloads by itself when a file is written mid-run, refusing the broken one', async () => {
    const { directory, catalog } = catalogCopy();
    const store = createAdvisorStore(directory, catalog);
    const { logger, entries } = captureLogger();
    const watcher = watchCatalog(directory, store, logger, 20);
    try {
      breakMachines(directory);
      await waitFor(() => entries().some((entry) => entry.msg.startsWith('catalog not reloaded')));
      const refusal = entries().find((entry) => entry.msg.startsWith('catalog not reloaded'));
      expect(refusal?.problems).toEqual([
        expect.stringMatching(/machines\.yaml:11:23 machines\[0\]\.memory\.bandwidth_gbps/),
      ]);
      expect(store.current().catalog.machine('test-mini')?.memory.bandwidth_gbps).toBe(256);
    } finally {
      watcher.close();
    }
  });

  it('answers /catalog reload privately, with the problems when it refuses', async () => {
    const { directory, catalog } = catalogCopy();
    const store = createAdvisorStore(directory, catalog);
    breakMachines(directory);
    const { logger } = captureLogger();
    const handle = createInteractionHandler({ advisor: store.current(), store, logger, commands: commandsByName });
    const { interaction, calls } = fakeChatInput('catalog');
    await handle(interaction);
    expect(methodsOf(calls)).toEqual(['deferReply', 'editReply']);
    expect(calls[0]?.options).toEqual({ flags: MessageFlags.Ephemeral });
    const sent = sentMessage(calls[1]);
    expect(sent.embeds[0]?.title).toBe('Catalog not reloaded: 1 problem');
    expect(sent.embeds[0]?.description).toContain('machines.yaml:11:23');
  });

  it.each([
    ['a member without Manage Server', 0n],
    ['a member with other permissions only (Send Messages, Kick)', (1n << 11n) | (1n << 1n)],
    ['a direct message', 'dm' as const],
  ])('refuses /catalog reload for %s, whatever the registration says (D10)', async (_who, permissions) => {
    const { directory, catalog } = catalogCopy();
    const store = createAdvisorStore(directory, catalog);
    let reloads = 0;
    const counting = { ...store, reload: () => ((reloads += 1), store.reload()) };
    const { logger } = captureLogger();
    const handle = createInteractionHandler({
      advisor: store.current(),
      store: counting,
      logger,
      commands: commandsByName,
    });
    const { interaction, calls } = fakeChatInput('catalog', {}, { permissions });
    await handle(interaction);
    expect(reloads).toBe(0);
    expect(methodsOf(calls)).toEqual(['reply']);
    expect(sentMessage(calls[0]).flags).toBe(MessageFlags.Ephemeral);
  });

  it('lets a member with Manage Server (bit 5, 0x20) reload', async () => {
    const { directory, catalog } = catalogCopy();
    const store = createAdvisorStore(directory, catalog);
    const { logger } = captureLogger();
    const handle = createInteractionHandler({ advisor: store.current(), store, logger, commands: commandsByName });
    const { interaction, calls } = fakeChatInput('catalog', {}, { permissions: 0x20n });
    await handle(interaction);
    expect(sentMessage(calls[1]).embeds[0]?.title).toMatch(/^Catalog reloaded/);
  });
});

describe('cooldown', () => {
  it('lets a user in once per period and says how long to wait', () => {
    const cooldown = new Cooldown(3);
    expect(cooldown.hit('a', 0)).toEqual({ ok: true });
    expect(cooldown.hit('a', 1000)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(cooldown.hit('b', 1000)).toEqual({ ok: true });
    expect(cooldown.hit('a', 3000)).toEqual({ ok: true });
  });

  it('keeps at most its bound of users, forgetting the least recent', () => {
    const cooldown = new Cooldown(60, 2);
    cooldown.hit('a', 0);
    cooldown.hit('b', 1);
    cooldown.hit('c', 2);
    expect(cooldown.size).toBe(2);
    expect(cooldown.hit('a', 3)).toEqual({ ok: true }); // forgotten, so allowed again
  });

  it('answers a second command within the cooldown politely and privately, without running it', async () => {
    const { directory, catalog } = catalogCopy();
    const store = createAdvisorStore(directory, catalog);
    const { logger } = captureLogger();
    let clock = 0;
    const handle = createInteractionHandler({
      advisor: store.current(),
      store,
      logger,
      commands: commandsByName,
      cooldownSeconds: 5,
      now: () => clock,
    });
    await handle(fakeChatInput('specs', { machine: 'test-mini' }, { userId: '300000000000000001' }).interaction);
    clock = 2000;
    const second = fakeChatInput('specs', { machine: 'test-mini' }, { userId: '300000000000000001' });
    await handle(second.interaction);
    expect(methodsOf(second.calls)).toEqual(['reply']);
    const sent = sentMessage(second.calls[0]);
    expect(sent.flags).toBe(MessageFlags.Ephemeral);
    expect(sent.embeds[0]?.description).toContain('You can ask again in 3 seconds');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
