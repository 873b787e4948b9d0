/**
 * `--discord`: the reply the bot would send for a command, as Discord receives it — the
 * interaction callback (type 4) with the message data, attachments as discord.js lists
 * them in `payload_json` (the PNG itself travels beside it in the multipart body). Built by
 * the bot's own renderers, so what is printed is what a channel would show. A deferred
 * command (/recommend) sends the same `data` as an edit after its "thinking…".
 * Imported only for --discord: it loads discord.js, which the terminal otherwise never does.
 */
import type { CommandResult, OptionValues } from '../../commands/index.ts';
import type { Advisor } from '../advisor/index.ts';
import { chartFor } from '../charts/index.ts';
import { withChart } from '../discord/render/chart.ts';
import { renderCommandResult } from '../discord/render/index.ts';

export function discordPayload(
  advisor: Advisor,
  answer: CommandResult,
  options: OptionValues,
): { type: 4; data: Record<string, unknown> } {
  const payload = renderCommandResult(answer, options);
  const chart = chartFor(advisor, answer);
  const { files, ...data } = chart ? withChart(payload, chart) : payload;
  const attachments = files?.map((file, index) => ({ id: String(index), description: file.description }));
  return { type: 4, data: { ...data, ...(attachments ? { attachments } : {}) } };
}
