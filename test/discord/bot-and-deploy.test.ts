import { EventEmitter } from 'node:events';
import { GatewayIntentBits, IntentsBitField, Routes, type RouteLike } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createClient, exitOnSignals } from '../../src/discord/bot.ts';
import { commandsRoute, deployCommands } from '../../src/discord/deploy.ts';
import { captureLogger } from '../helpers/capture-logger.ts';

describe('the client', () => {
  it('asks for the Guilds intent only and never allows mentions', async () => {
    const client = createClient();
    expect(new IntentsBitField(client.options.intents).toArray()).toEqual(['Guilds']);
    expect(client.options.intents.bitfield).toBe(GatewayIntentBits.Guilds);
    expect(client.options.allowedMentions).toEqual({ parse: [] });
    await client.destroy();
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

describe('deploy-commands', () => {
  function fakeRegistry() {
    const puts: { route: RouteLike; body: unknown }[] = [];
    return { puts, registry: { put: async (route: RouteLike, options: { body: unknown }) => void puts.push({ route, body: options.body }) } };
  }
  const definitions = commands.map((command) => command.definition);

  it('registers every command to one guild when a guild id is given', async () => {
    const { puts, registry } = fakeRegistry();
    const result = await deployCommands({ registry, clientId: '111111111111111111', guildId: '222222222222222222', definitions });
    expect(result).toEqual({ scope: 'guild', route: Routes.applicationGuildCommands('111111111111111111', '222222222222222222'), count: 4 });
    expect(puts).toEqual([{ route: '/applications/111111111111111111/guilds/222222222222222222/commands', body: definitions }]);
  });

  it('registers globally without a guild id', async () => {
    const { puts, registry } = fakeRegistry();
    const result = await deployCommands({ registry, clientId: '111111111111111111', definitions });
    expect(result.scope).toBe('global');
    expect(puts[0]?.route).toBe('/applications/111111111111111111/commands');
    expect(commandsRoute('1', undefined)).toBe(Routes.applicationCommands('1'));
  });
});
