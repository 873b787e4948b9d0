/**
 * `--discord`: the requests the gateway bot makes to answer a command, in order, as Discord
 * receives them. A command that answers at once sends one interaction callback (type 4)
 * with the message; a deferred one (/recommend, /catalog) first sends type 5, which shows
 * "thinking…", then edits its original response with the message. Attachments are listed
 * as discord.js lists them in `payload_json` (the PNG itself travels beside it in the
 * multipart body). Built by the bot's own renderers, so what is printed is what a channel shows.
 * Imported only for --discord: it loads discord.js, which the terminal otherwise never does.
 */
import type { CommandResult, OptionValues } from '../../commands/index.ts';
import type { Advisor } from '../advisor/index.ts';
import { withChartFor } from '../discord/render/chart.ts';
import { renderCommandResult } from '../discord/render/index.ts';

/** One HTTP request to Discord; ids and tokens are left as placeholders. */
export interface DiscordRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

export const callbackPath = '/interactions/{interaction.id}/{interaction.token}/callback';
export const originalResponsePath = '/webhooks/{application.id}/{interaction.token}/messages/@original';

export function discordRequests(
  advisor: Advisor,
  answer: CommandResult,
  options: OptionValues,
  deferred: boolean,
): { requests: DiscordRequest[] } {
  const { files, ...message } = withChartFor(advisor, answer, options, renderCommandResult(answer, options));
  const attachments = files?.map((file, index) => ({ id: String(index), description: file.description }));
  const data = { ...message, ...(attachments ? { attachments } : {}) };
  if (!deferred) return { requests: [{ method: 'POST', path: callbackPath, body: { type: 4, data } }] };
  // An ephemeral answer defers ephemerally: whether a reply is private cannot change after the first response.
  const { flags, ...edit } = data;
  return {
    requests: [
      { method: 'POST', path: callbackPath, body: { type: 5, ...(flags === undefined ? {} : { data: { flags } }) } },
      { method: 'PATCH', path: originalResponsePath, body: edit },
    ],
  };
}
