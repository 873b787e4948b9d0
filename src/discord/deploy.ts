/**
 * Registers the slash commands: to one guild while developing (instant), globally for
 * release. A script's job, never a side effect of starting the bot.
 */
import { REST, Routes, type RouteLike } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

/** The part of discord.js's REST client that deployment uses (a fake in tests). */
export interface CommandRegistry {
  put(route: RouteLike, options: { body: unknown }): Promise<unknown>;
}

export interface DeployOptions {
  registry: CommandRegistry;
  clientId: string;
  guildId?: string;
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[];
}

export interface DeployResult {
  scope: 'guild' | 'global';
  route: RouteLike;
  count: number;
}

export function commandsRoute(clientId: string, guildId?: string): RouteLike {
  return guildId ? Routes.applicationGuildCommands(clientId, guildId) : Routes.applicationCommands(clientId);
}

/** Replaces the registered commands with these (a PUT overwrites the whole list). */
export async function deployCommands({
  registry,
  clientId,
  guildId,
  definitions,
}: DeployOptions): Promise<DeployResult> {
  const route = commandsRoute(clientId, guildId);
  await registry.put(route, { body: definitions });
  return { scope: guildId ? 'guild' : 'global', route, count: definitions.length };
}

/** `apiUrl`: DISCORD_API_URL, the same REST base the bot uses (a proxy or a stand-in). */
export function createRegistry(token: string, apiUrl?: string): CommandRegistry {
  return new REST({ version: '10', ...(apiUrl ? { api: apiUrl } : {}) }).setToken(token);
}
