/**
 * /recommend as an embed sized for a phone: one field of at most three short lines per pick
 * (name, price and its month; generation speed and time to first token; fit in words, a
 * warning when tight or spilled to RAM), each number said once and no chip internals.
 * The rest (ranges, placement, measurements, reasons) is one menu away: details of any
 * pick (/specs) and a comparison of any two (/compare).
 *
 * Embeds, not Components V2 (decided from `npm run preview`, which draws both): at 390 px the
 * 70B Q4 32k 3,000 EUR answer is 1,396 px tall as an embed and 1,773 px as V2 sections with a
 * Details button beside each pick (qwen3-235b: 1,594 against 2,021), because the button takes
 * ~80 px of a phone's width and each pick wraps to six or seven lines instead of three or four.
 * The media gallery shows the chart no larger on a phone (both are bound by the width), and the
 * details menu reaches any pick in two taps. V2 would also allow no embeds or content beside it,
 * so the responder, withChart and every test reading embeds would change for a taller answer.
 */
import { ButtonStyle, EmbedBuilder } from 'discord.js';
import type { OptionValues } from '../../../commands/index.ts';
import { defaultPickCount, type MachineEstimate, type Pick, type RecommendResult } from '../../advisor/index.ts';
import { defaultQuantization } from '../../advisor/index.ts';
import { estimateReasonText, exclusionShortText, oldPriceFootnote, shortPriceWords } from '../../format/index.ts';
import { comparePairId, recommendMenuIds, recommendMoreId, specsOneId } from '../custom-ids.ts';
import { discordLimits, embedField, joinWithin, truncate } from '../limits.ts';
import {
  colours,
  escapeCatalogText,
  formatEur,
  formatGb,
  formatNumber,
  formatRate,
  formatSeconds,
  formatTokens,
  shortMachineName,
  variantsNote,
  workloadWords,
} from './format.ts';
import { componentsV2Of, type ComponentsV2Payload } from './components-v2.ts';
import { replyPayload, type ButtonSpec, type MenuSpec, type ReplyPayload } from './payload.ts';

/** Headroom below this share of what the model needs (or 2 GB) is called tight: a longer chat or another app tips it over. */
const tightShare = 0.05;
const tightMinimumGb = 2;

/** "fits, 64 GB spare" · "⚠️ **tight: 1.3 GB spare, spills to RAM**": the fit as a person says it. */
export function fitWords(entry: MachineEstimate): string {
  const { memory, placement } = entry.estimate;
  const spare = `${formatGb(memory.headroomGb)} spare`;
  const spills = placement.kind === 'gpu+cpu';
  const tight = memory.headroomGb < Math.max(tightMinimumGb, memory.neededGb * tightShare);
  const cpuOnly = placement.kind === 'cpu' ? ', CPU only' : '';
  if (tight) return `⚠️ **tight: ${spare}${spills ? ', spills to RAM' : ''}**${cpuOnly}`;
  if (spills) return `⚠️ **spills to RAM**, ${spare}`;
  return `fits, ${spare}${cpuOnly}`;
}

/** A number and its unit on one line: a phone wrapped "0.55 s" into "0.55" and a lone "s". */
const keepTogether = (text: string): string => text.replace(/ /g, '\u00a0');

/** "**6.2 tok/s** generating · first token 4.1 s", or why it does not run. */
function speedWords(entry: MachineEstimate): string {
  const { estimate } = entry;
  const reason = estimateReasonText(estimate);
  if (!estimate.tg) return `**does not fit**${reason ? `: ${escapeCatalogText(truncate(reason, 200))}` : ''}`;
  const firstToken =
    estimate.timeToFirstTokenSeconds === undefined
      ? ''
      : ` · first token ${keepTogether(formatSeconds(estimate.timeToFirstTokenSeconds))}`;
  return `**${formatRate(estimate.tg.tokensPerSecond)} tok/s** generating${firstToken}`;
}

/** "#4 Mac mini 64 GB — 2,489 EUR (Jan 2025, may be higher)": the name shortened before the price is. */
function pickTitle(title: string, machine: MachineEstimate['machine']): string {
  const price = ` — ${shortPriceWords(machine)}`;
  return `${truncate(title, discordLimits.fieldName - price.length)}${price}`;
}

/** The fit, and the dearer hosts the same GPUs come on at the same estimate (the first named): still one line. */
function fitLine(pick: Pick): string {
  const variants = variantsNote(pick.variants ?? [], 1);
  return variants ? `${fitWords(pick)} · ${escapeCatalogText(variants)}` : fitWords(pick);
}

/** A pick's two lines under its name and price: speed and first token; the fit in words. */
function pickLines(pick: Pick): string[] {
  return [speedWords(pick), ...(pick.estimate.tg ? [fitLine(pick)] : [])];
}

function compactPickField(pick: Pick, title = `#${pick.rank} ${shortMachineName(pick.machine.name)}`) {
  return embedField(pickTitle(title, pick.machine), joinWithin(pickLines(pick), discordLimits.fieldValue));
}

function queryLine(result: RecommendResult): string {
  const parts = [`**${formatTokens(result.workload.contextTokens)}** tokens of context`];
  if (result.budgetEur !== undefined) parts.push(`budget **${formatEur(result.budgetEur)}**`);
  if (result.minTgTokensPerSecond !== undefined)
    parts.push(`at least **${formatRate(result.minTgTokensPerSecond)} tok/s**`);
  if (result.category !== undefined) parts.push(`only **${result.category}**`);
  parts.push(`ranked by **${result.priority}**`);
  return parts.join(' · ');
}

function countLine(result: RecommendResult): string {
  if (result.qualifying === 0) return '**No machine in the catalog qualifies.**';
  const first = result.offset + 1;
  const last = result.offset + result.picks.length;
  if (result.picks.length === 0)
    return `**${result.qualifying}** machines qualify; there is nothing past #${result.qualifying}.`;
  const shown = first === last ? `#${first}` : `#${first}–#${last}`;
  return `**${result.qualifying}** machine${result.qualifying === 1 ? '' : 's'} qualif${result.qualifying === 1 ? 'ies' : 'y'}; ${shown} shown.`;
}

function description(result: RecommendResult): string {
  const lines = [queryLine(result), countLine(result)];
  const { model } = result;
  if (model.architecture === 'moe')
    lines.push(
      `${escapeCatalogText(model.name)} is a mixture of experts: ${formatNumber(model.paramsBillions)} B parameters, ${formatNumber(model.activeParamsBillions)} B read per token.`,
    );
  return joinWithin(lines, discordLimits.embedDescription);
}

function exclusionsField(result: RecommendResult) {
  // Short words and one example each, by short name, not id (ids break mid-word on a phone): the
  // question is said above, so "cannot hold it" needs no model name. Dearer hosts of a pick's
  // GPUs are named on the pick they fold into: a phone has no room to say it twice.
  const lines = result.excluded
    .filter((exclusion) => exclusion.kind !== 'same-gpus')
    .map((exclusion) => {
      const [example] = exclusion.exampleNames.map(shortMachineName);
      const text = escapeCatalogText(exclusionShortText(exclusion, result));
      if (example === undefined) return `• ${text}`;
      return `• ${text} (${exclusion.count > 1 ? 'e.g. ' : ''}${escapeCatalogText(example)})`;
    });
  return embedField('Left out', joinWithin(lines, discordLimits.fieldValue));
}

function noResultFields(result: RecommendResult) {
  const fields = [];
  if (result.cheapestOverBudget) {
    const pick = result.cheapestOverBudget;
    fields.push(compactPickField(pick, `Cheapest that runs it: ${shortMachineName(pick.machine.name)}`));
  }
  if (result.largestModelInBudget) {
    const { name, quantization, pick } = result.largestModelInBudget;
    const machine = `${escapeCatalogText(shortMachineName(pick.machine.name))} — ${shortPriceWords(pick.machine)}`;
    fields.push(
      embedField(
        truncate(`Largest model within budget: ${name} ${quantization}`, discordLimits.fieldName),
        joinWithin([machine, ...pickLines(pick)], discordLimits.fieldValue),
      ),
    );
  }
  if (fields.length === 0) {
    const hint =
      result.budgetEur === undefined
        ? 'try a smaller quantization or a shorter context'
        : 'try a bigger budget, a smaller quantization or a shorter context';
    fields.push(embedField('Nothing runs it as asked', `No catalog machine meets every condition; ${hint}.`));
  }
  return fields;
}

function buttons(result: RecommendResult, options: OptionValues): ButtonSpec[] {
  const specs: ButtonSpec[] = [];
  if (result.offset > 0) {
    const previous = Math.max(0, result.offset - defaultPickCount);
    specs.push({ customId: recommendMoreId(options, previous), label: `Previous: #${previous + 1}–#${result.offset}` });
  }
  const next = result.offset + result.picks.length;
  if (result.picks.length > 0 && result.qualifying > next) {
    const last = Math.min(result.qualifying, next + defaultPickCount);
    specs.push({
      customId: recommendMoreId(options, next),
      label: last === next + 1 ? `Show #${last}` : `Show #${next + 1}–#${last}`,
      style: ButtonStyle.Primary,
    });
  }
  return specs;
}

function menus(result: RecommendResult, options: OptionValues): MenuSpec[] {
  const { picks } = result;
  if (picks.length === 0) return [];
  const summary = (pick: Pick) =>
    [
      formatEur(pick.machine.priceEur),
      pick.estimate.tg ? `${formatRate(pick.estimate.tg.tokensPerSecond)} tok/s` : 'does not fit',
    ].join(' · ');
  const details: MenuSpec = {
    customId: recommendMenuIds.details,
    placeholder: 'Details of a pick…',
    options: picks.map((pick) => ({
      label: `#${pick.rank} ${shortMachineName(pick.machine.name)}`,
      description: summary(pick),
      value: specsOneId(pick.machine.id, options),
    })),
  };
  const pairs = picks.flatMap((first, index) => picks.slice(index + 1).map((second) => [first, second] as const));
  const compare: MenuSpec = {
    customId: recommendMenuIds.compare,
    placeholder: 'Compare two picks…',
    options: pairs.map(([first, second]) => ({
      label: `#${first.rank} vs #${second.rank}`,
      description: `${shortMachineName(first.machine.name)} · ${shortMachineName(second.machine.name)}`,
      value: comparePairId(first.machine.id, second.machine.id, options),
    })),
  };
  return pairs.length > 0 ? [details, compare] : [details];
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
    .setTitle(
      truncate(`${result.model.name} ${result.model.quantization} — machines that run it`, discordLimits.embedTitle),
    )
    .setDescription(description(result));
  const fields =
    result.picks.length > 0
      ? result.picks.map((pick) => compactPickField(pick))
      : result.qualifying === 0
        ? noResultFields(result)
        : [];
  if (result.excluded.length > 0) fields.push(exclusionsField(result));
  embed.addFields(fields.slice(0, discordLimits.embedFields));
  const priced = [
    ...result.picks,
    ...(result.cheapestOverBudget ? [result.cheapestOverBudget] : []),
    ...(result.largestModelInBudget ? [result.largestModelInBudget.pick] : []),
  ];
  // Each pick carries its price's month; what "may be higher" means is said once, here.
  const footer = [
    priced.some((pick) => pick.machine.priceOld) ? oldPriceFootnote : undefined,
    'estimates, not measurements',
    workloadWords(result.workload),
  ].filter(Boolean);
  embed.setFooter({ text: truncate(footer.join(' · '), discordLimits.footerText) });
  const carried = canonicalOptions(result, options);
  return replyPayload([embed], { buttons: buttons(result, carried), menus: menus(result, carried) });
}

/**
 * The same answer (chart included) as Components V2: each pick a section with its own Details
 * button, so the details menu goes; the compare menu and page buttons stay below.
 */
export function recommendAsComponentsV2(
  payload: ReplyPayload,
  result: RecommendResult,
  options: OptionValues,
): ComponentsV2Payload {
  const carried = canonicalOptions(result, options);
  const details = new Map<string, ButtonSpec>(
    result.picks.map((pick) => [
      `#${pick.rank} `,
      { customId: specsOneId(pick.machine.id, carried), label: 'Details' },
    ]),
  );
  return componentsV2Of(payload, details, new Set([recommendMenuIds.details]));
}
