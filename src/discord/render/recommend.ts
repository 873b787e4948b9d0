/**
 * /recommend as an embed: one field per pick (speed with its range, a published
 * measurement beside the estimate, memory headroom, placement, reason, price), what was
 * left out and why, the answers when nothing qualifies, and buttons for more and compare.
 */
import { ButtonStyle, EmbedBuilder } from 'discord.js';
import type { OptionValues } from '../../../commands/index.ts';
import { defaultPickCount, type MachineEstimate, type Pick, type RecommendResult } from '../../advisor/index.ts';
import { defaultQuantization } from '../../advisor/common.ts';
import { comparePairId, recommendMoreId } from '../custom-ids.ts';
import { discordLimits, embedField, joinWithin, truncate } from '../limits.ts';
import {
  code,
  colours,
  escapeCatalogText,
  formatEur,
  formatGb,
  formatNumber,
  formatRate,
  formatSeconds,
  formatSpeed,
  formatTokens,
  measurementLine,
  priceLine,
  resultFooter,
  workloadWords,
} from './format.ts';
import { replyPayload, type ButtonSpec, type ReplyPayload } from './payload.ts';

/** The lines every machine answer shares: speed, measurement, memory and placement, price. */
export function estimateLines(entry: MachineEstimate): string[] {
  const { estimate } = entry;
  const lines: string[] = [];
  if (estimate.tg && estimate.pp) {
    const firstToken = estimate.timeToFirstTokenSeconds === undefined ? '' : ` · first token ${formatSeconds(estimate.timeToFirstTokenSeconds)}`;
    lines.push(`**tg ${formatSpeed(estimate.tg)}** · pp ${formatSpeed(estimate.pp)}${firstToken}`);
  } else {
    lines.push(`**does not fit**${estimate.reason ? `: ${escapeCatalogText(estimate.reason)}` : ''}`);
  }
  const measured = measurementLine(entry.measurements, estimate);
  if (measured) lines.push(measured);
  const memory = estimate.memory;
  lines.push(`needs ${formatGb(memory.neededGb)} of ${formatGb(memory.availableGb)} · ${formatGb(memory.headroomGb)} headroom · ${escapeCatalogText(estimate.placement.description)}`);
  lines.push(priceLine(entry.machine));
  return lines;
}

function pickField(pick: Pick, title = `#${pick.rank} ${pick.machine.name}`) {
  const name = `${truncate(title, discordLimits.fieldName - 16)} — ${formatEur(pick.machine.priceEur)}`;
  return embedField(name, joinWithin([`*${escapeCatalogText(pick.reason)}*`, ...estimateLines(pick)], discordLimits.fieldValue));
}

function queryLine(result: RecommendResult): string {
  const parts = [`**${formatTokens(result.workload.contextTokens)}** tokens of context`];
  if (result.budgetEur !== undefined) parts.push(`budget **${formatEur(result.budgetEur)}**`);
  if (result.minTgTokensPerSecond !== undefined) parts.push(`at least **${formatRate(result.minTgTokensPerSecond)} tok/s**`);
  if (result.category !== undefined) parts.push(`only **${result.category}**`);
  parts.push(`ranked by **${result.priority}**`);
  return parts.join(' · ');
}

function countLine(result: RecommendResult): string {
  if (result.qualifying === 0) return '**No machine in the catalog qualifies.**';
  const first = result.offset + 1;
  const last = result.offset + result.picks.length;
  if (result.picks.length === 0) return `**${result.qualifying}** machines qualify; there is nothing past #${result.qualifying}.`;
  const shown = first === last ? `#${first}` : `#${first}–#${last}`;
  return `**${result.qualifying}** machine${result.qualifying === 1 ? '' : 's'} qualif${result.qualifying === 1 ? 'ies' : 'y'}; ${shown} shown.`;
}

function description(result: RecommendResult): string {
  const lines = [queryLine(result), countLine(result)];
  const { model } = result;
  if (model.architecture === 'moe')
    lines.push(`${escapeCatalogText(model.name)} is a mixture of experts: ${formatNumber(model.paramsBillions)} B parameters, ${formatNumber(model.activeParamsBillions)} B read per token.`);
  return joinWithin(lines, discordLimits.embedDescription);
}

function exclusionsField(result: RecommendResult) {
  const lines = result.excluded.map((exclusion) => `• ${escapeCatalogText(exclusion.text)} (e.g. ${exclusion.examples.map(code).join(', ')})`);
  return embedField('Left out', joinWithin(lines, discordLimits.fieldValue));
}

function noResultFields(result: RecommendResult) {
  const fields = [];
  if (result.cheapestOverBudget) {
    const pick = result.cheapestOverBudget;
    fields.push(pickField(pick, `Cheapest that runs it: ${pick.machine.name}`));
  }
  if (result.largestModelInBudget) {
    const { name, quantization, pick } = result.largestModelInBudget;
    const lead = `**${escapeCatalogText(name)} ${quantization}** is the largest model a machine within budget runs: ${escapeCatalogText(pick.machine.name)}, ${formatEur(pick.machine.priceEur)}.`;
    fields.push(embedField('Largest model within budget', joinWithin([lead, ...estimateLines(pick)], discordLimits.fieldValue)));
  }
  if (fields.length === 0) {
    const hint = result.budgetEur === undefined ? 'try a smaller quantization or a shorter context' : 'try a bigger budget, a smaller quantization or a shorter context';
    fields.push(embedField('Nothing runs it as asked', `No catalog machine meets every condition; ${hint}.`));
  }
  return fields;
}

function buttons(result: RecommendResult, options: OptionValues): ButtonSpec[] {
  const specs: ButtonSpec[] = [];
  if (result.offset > 0) specs.push({ customId: recommendMoreId(options, Math.max(0, result.offset - defaultPickCount)), label: 'Previous' });
  const next = result.offset + result.picks.length;
  if (result.picks.length > 0 && result.qualifying > next) specs.push({ customId: recommendMoreId(options, next), label: 'Show more', style: ButtonStyle.Primary });
  const [first, second] = result.picks;
  if (first && second)
    specs.push({ customId: comparePairId(first.machine.id, second.machine.id, options), label: `Compare #${first.rank} vs #${second.rank}` });
  return specs;
}

/**
 * Options the buttons carry: the query as asked, with the model and quantization as the
 * catalog spells them, and the default quantization left out to keep the custom_id short.
 */
function canonicalOptions(result: RecommendResult, options: OptionValues): OptionValues {
  if (options.model === undefined) return options;
  const { quant: _asTyped, ...rest } = options;
  const isDefault = result.model.quantization.toUpperCase() === defaultQuantization.toUpperCase();
  return { ...rest, model: result.model.id, ...(isDefault ? {} : { quant: result.model.quantization }) };
}

export function renderRecommend(result: RecommendResult, options: OptionValues): ReplyPayload {
  const embed = new EmbedBuilder()
    .setColor(colours.recommend)
    .setTitle(truncate(`${result.model.name} ${result.model.quantization} — machines that run it`, discordLimits.embedTitle))
    .setDescription(description(result));
  const fields = result.picks.length > 0 ? result.picks.map((pick) => pickField(pick)) : result.qualifying === 0 ? noResultFields(result) : [];
  if (result.excluded.length > 0) fields.push(exclusionsField(result));
  embed.addFields(fields.slice(0, discordLimits.embedFields));
  const priced = [...result.picks, ...(result.cheapestOverBudget ? [result.cheapestOverBudget] : []), ...(result.largestModelInBudget ? [result.largestModelInBudget.pick] : [])];
  embed.setFooter(resultFooter(priced.map((pick) => pick.machine.priceAsOf), `${workloadWords(result.workload)}; ranges from the calibration back-test`));
  return replyPayload([embed], { buttons: buttons(result, canonicalOptions(result, options)) });
}
