import { EventEmitter } from 'node:events';
import {
  Events,
  GatewayIntentBits,
  IntentsBitField,
  Routes,
  type Client,
  type Interaction,
  type RouteLike,
} from 'discord.js';
import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.ts';
import {
  createClient,
  exitOnFatalClose,
  exitOnSignals,
  maxCachedPeople,
  restQueueSweepMs,
} from '../../src/discord/bot.ts';
import { commandsRoute, createRegistry, deployCommands } from '../../src/discord/deploy.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import {
  botUserId,
  interactionPayload,
  localBotToken,
  startLocalDiscord,
  teamChannelId,
  teamGuildCreate,
  teamGuildId,
} from '../helpers/local-discord.ts';

type LocalDiscord = Awaited<ReturnType<typeof startLocalDiscord>>;

/** The bot's client logged in to a stand-in Discord, with its own interaction listener; both closed after. */
async function withLoggedInClient(
  onInteraction: (interaction: Interaction) => void,
  test: (client: Client, discord: LocalDiscord) => Promise<void>,
): Promise<void> {
  const discord = await startLocalDiscord();
  const client = createClient(discord.apiUrl);
  client.on(Events.InteractionCreate, onInteraction);
  try {
    await client.login(localBotToken);
    await test(client, discord);
  } finally {
    await client.destroy();
    await discord.close();
  }
}

/** Answers as the bot answers a slash command that takes time: deferred, then edited. */
async function deferAndEdit(interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  await interaction.deferReply();
  await interaction.editReply('ok');
}

describe('the client', () => {
  it('asks for the Guilds intent only and never allows mentions', async () => {
    const client = createClient();
    expect(new IntentsBitField(client.options.intents).toArray()).toEqual(['Guilds']);
    expect(client.options.intents.bitfield).toBe(GatewayIntentBits.Guilds);
    expect(client.options.allowedMentions).toEqual({ parse: [] });
    await client.destroy();
  });

  it('keeps a bounded number of users and members, itself always, and no reply messages, however many people ask', async () => {
    const people = maxCachedPeople + 50;
    const userId = (person: number) => String(300000000000000000n + BigInt(person));
    let received = 0;
    let answered = 0;
    // The first few are answered; the rest only arrive.
    const onInteraction = (interaction: Interaction) => {
      received += 1;
      if (received <= 3) void deferAndEdit(interaction).then(() => (answered += 1));
    };
    await withLoggedInClient(onInteraction, async (client, discord) => {
      discord.dispatch('GUILD_CREATE', teamGuildCreate(people));
      await discord.until(() => client.guilds.cache.has(teamGuildId));
      for (let person = 0; person < people; person += 1)
        discord.dispatch(
          'INTERACTION_CREATE',
          interactionPayload(2, person, userId(person), { name: 'specs', options: [] }, true),
        );
      await discord.until(() => received === people && answered === 3, 20_000);
      expect(client.users.cache.size).toBe(maxCachedPeople);
      expect(client.users.cache.has(botUserId)).toBe(true);
      expect(client.users.cache.has(userId(people - 1))).toBe(true); // the latest stay
      expect(client.guilds.cache.get(teamGuildId)?.members.cache.size).toBe(maxCachedPeople);
      const channel = client.channels.cache.get(teamChannelId);
      expect(channel?.isTextBased()).toBe(true);
      expect(channel?.isTextBased() && channel.messages.cache.size).toBe(0);
    });
  }, 30_000);

  it('drops the REST queue each edited answer leaves behind within a minute, not an hour', async () => {
    // Only intervals are faked: the sweep is one, while the stand-in's I/O and polling run for real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const answers = 20;
    let answered = 0;
    try {
      await withLoggedInClient(
        (interaction) => void deferAndEdit(interaction).then(() => (answered += 1)),
        async (client, discord) => {
          for (let serial = 0; serial < answers; serial += 1)
            discord.dispatch(
              'INTERACTION_CREATE',
              interactionPayload(2, serial, String(300000000000000000n + BigInt(serial)), {
                name: 'specs',
                options: [],
              }),
            );
          await discord.until(() => answered === answers);
          // One queue per interaction token for the edits; the callbacks share one that is never idle.
          const editQueues = () => [...client.rest.handlers.keys()].filter((key) => key.includes('/webhooks/')).length;
          expect(editQueues()).toBe(answers);
          vi.advanceTimersByTime(restQueueSweepMs - 1);
          expect(editQueues()).toBe(answers);
          vi.advanceTimersByTime(1);
          expect(editQueues()).toBe(0);
        },
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('on SIGTERM destroys the client, then exits 0, once', async () => {
    const order: string[] = [];
    const signals = new EventEmitter();
    const exited = new Promise<number>((resolve) => {
      const host = {
        once: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => signals.once(signal, listener),
        exit: (code: number) => {
          order.push(`exit ${code}`);
          resolve(code);
        },
      };
      exitOnSignals({ destroy: async () => void order.push('destroy') }, captureLogger().logger, host);
    });
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(await exited).toBe(0);
    expect(order).toEqual(['destroy', 'exit 0']);
  });
});

describe('a gateway close discord.js will not retry (D3)', () => {
  it.each([4004, 4014])('close %i: logs at fatal and exits 1, so a supervisor restarts the bot', async (code) => {
    const { logger, entries } = captureLogger();
    let exitCode: number | undefined;
    await withLoggedInClient(
      () => undefined,
      async (client, discord) => {
        exitOnFatalClose(client, logger, { exit: (exited) => void (exitCode = exited) });
        discord.closeGateway(code);
        await discord.until(() => exitCode !== undefined, 5000);
      },
    );
    expect(exitCode).toBe(1);
    expect(entries().find((entry) => entry.msg === 'gateway closed for good; exiting')).toMatchObject({
      level: 60,
      code,
    });
  });
});

describe('deploy-commands', () => {
  function fakeRegistry() {
    const puts: { route: RouteLike; body: unknown }[] = [];
    return {
      puts,
      registry: {
        put: async (route: RouteLike, options: { body: unknown }) => void puts.push({ route, body: options.body }),
      },
    };
  }
  const definitions = commands.map((command) => command.definition);

  it('registers every command to one guild when a guild id is given', async () => {
    const { puts, registry } = fakeRegistry();
    const result = await deployCommands({
      registry,
      clientId: '111111111111111111',
      guildId: '222222222222222222',
      definitions,
    });
    expect(result).toEqual({
      scope: 'guild',
      route: Routes.applicationGuildCommands('111111111111111111', '222222222222222222'),
      count: 4,
    });
    expect(puts).toEqual([
      { route: '/applications/111111111111111111/guilds/222222222222222222/commands', body: definitions },
    ]);
  });

  it('registers globally without a guild id', async () => {
    const { puts, registry } = fakeRegistry();
    const result = await deployCommands({ registry, clientId: '111111111111111111', definitions });
    expect(result.scope).toBe('global');
    expect(puts[0]?.route).toBe('/applications/111111111111111111/commands');
    expect(commandsRoute('1', undefined)).toBe(Routes.applicationCommands('1'));
  });

  it('sends the PUT to DISCORD_API_URL when one is set', async () => {
    const discord = await startLocalDiscord();
    try {
      await deployCommands({
        registry: createRegistry(localBotToken, discord.apiUrl),
        clientId: '111111111111111111',
        definitions,
      }).catch(() => undefined);
      expect(discord.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
        'PUT /api/v10/applications/111111111111111111/commands',
      ]);
    } finally {
      await discord.close();
    }
  });
});
