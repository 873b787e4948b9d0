import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { defineCommand } from './command.ts';

/** Admin only: Manage Server, in servers, installed to the server. */
const definition = {
  name: 'catalog',
  description: 'Manage the hardware catalog',
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'reload',
      description: 'Reload data/ now; a catalog with problems is not taken, the last good one stays',
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const catalogCommand = defineCommand({
  name: 'catalog',
  definition,
  defer: true,
  ephemeral: true,
  run(_options, { store }) {
    if (!store)
      return {
        ok: false,
        error: {
          message:
            'the catalog can be reloaded only while the bot is serving; restart the terminal front to read data/ again',
          suggestions: [],
        },
      };
    return { ok: true, value: { command: 'catalog', result: store.reload() } };
  },
});
