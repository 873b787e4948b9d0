/**
 * /recommend as an embed sized for one phone screen (the preview test holds every sample's
 * reply to 844 px at 390 px wide): one field of at most three short lines per pick (name,
 * price with ~ when estimated and + when over six months old, and its month; generation speed
 * and time to first token; fit in words, a warning when tight or spilled to RAM), each number
 * said once and no chip internals; what was left out as counts in one line; the assumptions in
 * the footer. One menu reaches the details of any pick (/specs) and a comparison of any two
 * (/compare); a button the chart (~230 px on a phone) and the names of what was left out.
 *
 * Embeds, not Components V2 (decided from `npm run preview`, which draws both): V2 sections
 * with a Details button beside each pick wrap each pick to more lines, the button taking ~80 px
 * of a phone's width (the 70B answer: 745 px as an embed, 1,182 as V2).
 */
import { ButtonStyle, EmbedBuilder } from 'discord.js';
import type { OptionValues } from '../../../commands/index.ts';
import { defaultPickCount, type MachineEstimate, type Pick, type RecommendResult } from '../../advisor/index.ts';
import { defaultQuantization } from '../../advisor/index.ts';
import {
  assumedRunWords,
  estimateReasonText,
  exclusionCountText,
  exclusionShortText,
  priceMarkersFootnote,
  shortPriceWords,
} from '../../format/index.ts';
import {
  comparePairId,
  recommendChartId,
  recommendChartView,
  recommendMenuIds,
  recommendMoreId,
  specsOneId,
} from '../custom-ids.ts';
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
} from './format.ts';
import { componentsV2Of, type ComponentsV2Payload } from './components-v2.ts';
import { replyPayload, type ButtonSpec, type MenuSpec, type ReplyPayload } from './payload.ts';

/** Causes of exclusion named in the answer's one "Left out" line; past it they are counted together. */
const maxLeftOutCauses = 3;

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

/** "**6.2 tok/s** generating · 1st token 4.1 s" ("first" took the line past a phone's width at "0.24 s"), or why it does not run. */
function speedWords(entry: MachineEstimate): string {
  const { estimate } = entry;
  const reason = estimateReasonText(estimate);
  if (!estimate.tg) return `**does not fit**${reason ? `: ${escapeCatalogText(truncate(reason, 200))}` : ''}`;
  const firstToken =
    estimate.timeToFirstTokenSeconds === undefined
      ? ''
      : ` · 1st token ${keepTogether(formatSeconds(estimate.timeToFirstTokenSeconds))}`;
  return `**${formatRate(estimate.tg.tokensPerSecond)} tok/s** generating${firstToken}`;
}

/** "#4 Mac mini 64 GB — 2,489 EUR (Jan 2025, may be higher)": the name shortened before the price is. */
function pickTitle(title: string, machine: MachineEstimate['machine']): string {
  const price = ` — ${shortPriceWords(machine)}`;
  return `${truncate(title, discordLimits.fieldName - price.length)}${price}`;
}

/**
 * The fit, and how many dearer hosts the same GPUs come on at the same estimate: still one line
 * on a phone (their names took a second one; the chart view names them).
 */
function fitLine(pick: Pick): string {
  const count = pick.variants?.length ?? 0;
  return count > 0 ? `${fitWords(pick)} · +${count} dearer host${count === 1 ? '' : 's'}` : fitWords(pick);
}

/** A pick's two lines under its name and price: speed and first token; the fit in words. */
function pickLines(pick: Pick): string[] {
  return [speedWords(pick), ...(pick.estimate.tg ? [fitLine(pick)] : [])];
}

function compactPickField(pick: Pick, title = `#${pick.rank} ${shortMachineName(pick.machine.name)}`) {
  return embedField(pickTitle(title, pick.machine), joinWithin(pickLines(pick), discordLimits.fieldValue));
}

/** The question in a few words: "a **32,768**-token context · budget **3,000 EUR** · by **speed**". */
function queryLine(result: RecommendResult): string {
  const parts = [`**${formatTokens(result.workload.contextTokens)}**-token context`];
  if (result.budgetEur !== undefined) parts.push(`budget **${formatEur(result.budgetEur)}**`);
  if (result.minTgTokensPerSecond !== undefined)
    parts.push(`at least **${formatRate(result.minTgTokensPerSecond)} tok/s**`);
  if (result.category !== undefined) parts.push(`only **${result.category}**`);
  parts.push(`by **${result.priority}**`);
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

/**
 * "Left out: 126 over budget · 9 cannot hold it · 1 no longer sold": counts only, largest first,
 * one line under the count; the names are in the chart view. Dearer hosts of a pick's GPUs are
 * named on the pick they fold into.
 */
function leftOutLine(result: RecommendResult): string | undefined {
  const counted = result.excluded
    .filter((exclusion) => exclusion.kind !== 'same-gpus')
    .sort((a, b) => b.count - a.count);
  if (counted.length === 0) return undefined;
  // Two causes by name, the rest as a count: a third cause took a third line on a phone.
  const named = counted.length <= maxLeftOutCauses ? counted : counted.slice(0, maxLeftOutCauses - 1);
  const rest = counted.slice(named.length).reduce((sum, exclusion) => sum + exclusion.count, 0);
  const words = named.map((exclusion) => escapeCatalogText(exclusionCountText(exclusion, result)));
  return `Left out: ${[...words, ...(rest > 0 ? [`${rest} more`] : [])].join(' · ')}`;
}

/** The model and its quantization, and for a mixture of experts how much of it is read per token. */
function modelWords(result: RecommendResult): string {
  const { model } = result;
  const moe =
    model.architecture === 'moe'
      ? ` (MoE: ${formatNumber(model.activeParamsBillions)} of ${formatNumber(model.paramsBillions)} B active)`
      : '';
  return `${model.name} ${model.quantization}${moe}`;
}

function description(result: RecommendResult): string {
  const lines = [queryLine(result), countLine(result)];
  const leftOut = leftOutLine(result);
  if (leftOut) lines.push(leftOut);
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
  if (result.qualifyingPoints.length > 0 || result.excluded.length > 0)
    specs.push({
      customId: recommendChartId(options),
      label: result.qualifyingPoints.length > 0 ? 'Chart, left out' : 'Left out',
    });
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

/**
 * One menu for both: the details of any pick, then any two picks side by side (5 + 10 options
 * for five picks). Two menus cost a phone ~49 px more; a multi-select (pick one for details, two
 * to compare) would save the same but needs a tap to close it and says less about what it does.
 */
function menus(result: RecommendResult, options: OptionValues): MenuSpec[] {
  const { picks } = result;
  if (picks.length === 0) return [];
  const summary = (pick: Pick) =>
    [
      'details',
      formatEur(pick.machine.priceEur),
      pick.estimate.tg ? `${formatRate(pick.estimate.tg.tokensPerSecond)} tok/s` : 'does not fit',
    ].join(' · ');
  const details = picks.map((pick) => ({
    label: `#${pick.rank} ${shortMachineName(pick.machine.name)}`,
    description: summary(pick),
    value: specsOneId(pick.machine.id, options),
  }));
  const pairs = picks.flatMap((first, index) => picks.slice(index + 1).map((second) => [first, second] as const));
  const compare = pairs.map(([first, second]) => ({
    label: `Compare #${first.rank} and #${second.rank}`,
    description: `${shortMachineName(first.machine.name)} · ${shortMachineName(second.machine.name)}`,
    value: comparePairId(first.machine.id, second.machine.id, options),
  }));
  return [
    {
      customId: recommendMenuIds.picks,
      placeholder: pairs.length > 0 ? 'Details of a pick, or compare two…' : 'Details of the pick…',
      options: [...details, ...compare],
    },
  ];
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

function footer(result: RecommendResult): string {
  const priced = [
    ...result.picks,
    ...(result.cheapestOverBudget ? [result.cheapestOverBudget] : []),
    ...(result.largestModelInBudget ? [result.largestModelInBudget.pick] : []),
  ];
  // The context is in the question above; what a price's "~" and "+" mean is said once, here.
  return [
    `estimates, not measurements: ${assumedRunWords(result.workload)}`,
    priceMarkersFootnote({
      estimate: priced.some((pick) => pick.machine.priceIsEstimate),
      old: priced.some((pick) => pick.machine.priceOld),
    }),
  ]
    .filter(Boolean)
    .join(' · ');
}

const titleOf = (result: RecommendResult, what?: string) =>
  truncate(what ? `${modelWords(result)} — ${what}` : modelWords(result), discordLimits.embedTitle);

/**
 * The Chart button's answer, only for the one who pressed it: price against speed of every
 * machine that qualifies, and what was left out with an example of each.
 */
function renderChartView(result: RecommendResult): ReplyPayload {
  const embed = new EmbedBuilder()
    .setColor(colours.recommend)
    .setTitle(titleOf(result, 'price against speed'))
    .setDescription(joinWithin([queryLine(result), countLine(result)], discordLimits.embedDescription))
    .setFooter({ text: truncate(footer(result), discordLimits.footerText) });
  const hosts = result.picks.flatMap((pick) => {
    const note = variantsNote(pick.variants ?? []);
    return note ? [`#${pick.rank}: ${escapeCatalogText(note)}`] : [];
  });
  if (hosts.length > 0)
    embed.addFields(embedField('Same GPUs and estimate, dearer host', joinWithin(hosts, discordLimits.fieldValue)));
  if (result.excluded.length > 0) embed.addFields(exclusionsField(result));
  return replyPayload([embed], { ephemeral: true });
}

export function renderRecommend(result: RecommendResult, options: OptionValues): ReplyPayload {
  if (options.view === recommendChartView) return renderChartView(result);
  const embed = new EmbedBuilder()
    .setColor(colours.recommend)
    .setTitle(titleOf(result))
    .setDescription(description(result));
  const fields =
    result.picks.length > 0
      ? result.picks.map((pick) => compactPickField(pick))
      : result.qualifying === 0
        ? noResultFields(result)
        : [];
  embed.addFields(fields.slice(0, discordLimits.embedFields));
  embed.setFooter({ text: truncate(footer(result), discordLimits.footerText) });
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
  return componentsV2Of(payload, details, new Set());
}
