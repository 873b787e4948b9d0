/** The answer to /catalog reload: what was loaded, or every problem and that nothing changed. */
import { EmbedBuilder } from 'discord.js';
import type { ReloadReport } from '../../advisor/store.ts';
import { discordLimits, truncate } from '../limits.ts';
import { colours } from './format.ts';
import { replyPayload, type ReplyPayload } from './payload.ts';

export function renderReload(report: ReloadReport): ReplyPayload {
  if (report.ok) {
    const embed = new EmbedBuilder()
      .setColor(colours.ok)
      .setTitle('Catalog reloaded')
      .setDescription(
        `${report.machines} machines (+${report.configurations} builds, eGPU set-ups and clusters), ${report.models} models, ${report.benchmarks} benchmarks, in ${report.durationMs} ms.`,
      );
    return replyPayload([embed], { ephemeral: true });
  }
  const listed = report.problems.map((problem) => `\`${problem.replace(/`/g, "'")}\``).join('\n');
  const embed = new EmbedBuilder()
    .setColor(colours.error)
    .setTitle(`Catalog not reloaded: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`)
    .setDescription(
      truncate(
        `Still serving the last good catalog (${report.keptMachines} machines). Fix these and reload:\n${listed}`,
        discordLimits.embedDescription,
      ),
    );
  return replyPayload([embed], { ephemeral: true });
}
