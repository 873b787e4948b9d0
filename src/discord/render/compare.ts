/**
 * /compare as one embed that reads on a phone: the two machines named once as A and B,
 * then each row as "label: A · B unit" with the better side in bold. No table, so nothing
 * depends on a monospace width or an emoji's; where it runs in a few words, no chip internals.
 */
import { EmbedBuilder } from 'discord.js';
import type { CompareResult, CompareRow, MachineEstimate } from '../../advisor/index.ts';
import { compareRowLabel, estimateReasonText, placementPhrase } from '../../format/index.ts';
import { discordLimits, embedField, joinWithin, truncate } from '../limits.ts';
import {
  colours,
  escapeCatalogText,
  formatEur,
  formatNumber,
  formatTokens,
  measurementLine,
  resultFooter,
  shortMachineName,
  sourceLink,
  workloadWords,
} from './format.ts';
import { replyPayload, type ReplyPayload } from './payload.ts';

/** Short labels, so a row stays on one phone line. */
const rowLabels: Record<string, string> = {
  price: 'Price',
  memory: 'Memory',
  bandwidth: 'Bandwidth',
  'gpu-memory': 'GPU memory',
  compute: 'FP16 compute',
  usb4: 'USB4/TB ports',
  ethernet: 'Ethernet',
  power: 'Power at load',
  headroom: 'Memory spare',
  tg: 'Generation',
  pp: 'Prompt',
  ttft: 'First token',
  'eur-per-tps': 'EUR per tok/s',
  electricity: 'Power per 1M tokens',
};

/** Rows said elsewhere: generation per 1000 EUR is the "Better value" line. */
const omittedRows = new Set(['value', 'fits']);

const valueText = (value: CompareRow['a']) =>
  value === null ? 'unknown' : typeof value === 'number' ? formatNumber(value) : escapeCatalogText(value);

/** "**Bandwidth**: 256 · **273** GB/s", "Memory: both 128 GB": the better side in bold. */
export function rowLine(row: CompareRow): string {
  const label = row.years ? `Price + ${row.years} y power` : (rowLabels[row.key] ?? compareRowLabel(row));
  const unit = row.unit ? ` ${row.unit}` : '';
  const a = valueText(row.a);
  const b = valueText(row.b);
  if (a === b) return `${label}: both ${a}${unit}`;
  const side = (text: string, better: boolean) => (better ? `**${text}**` : text);
  // A unit after a missing value would read "unknown GB": then each side carries its own.
  if (row.a === null || row.b === null)
    return `${label}: ${side(row.a === null ? a : `${a}${unit}`, row.better === 'a')} · ${side(row.b === null ? b : `${b}${unit}`, row.better === 'b')}`;
  return `${label}: ${side(a, row.better === 'a')} · ${side(b, row.better === 'b')}${unit}`;
}

/** "Runs: both on the integrated GPU (unified memory)", or each side's, or why it does not fit. */
function placementLine(result: CompareResult): string {
  const where = (entry: MachineEstimate) =>
    entry.estimate.fits ? placementPhrase[entry.estimate.placement.kind] : '**does not fit**';
  const [a, b] = [where(result.a), where(result.b)];
  return a === b ? `Runs: both ${a}` : `Runs: A ${a} · B ${b}`;
}

function measuredLines(result: CompareResult): string[] {
  const lines: string[] = [];
  for (const [side, entry] of [
    ['A', result.a],
    ['B', result.b],
  ] as const) {
    const measured = measurementLine(entry.measurements, entry.estimate);
    if (measured) lines.push(`**${side}** ${measured}`);
  }
  return lines;
}

function betterValueText(result: CompareResult): string {
  const valueRow = result.estimateRows.find((row) => row.key === 'value');
  if (result.betterValue === null || !valueRow) {
    if (!result.a.estimate.fits && !result.b.estimate.fits) return 'Neither machine runs this model as asked.';
    return 'Neither is clearly better value on this model.';
  }
  const [winner, loser] = result.betterValue === 'a' ? [valueRow.a, valueRow.b] : [valueRow.b, valueRow.a];
  const side = result.betterValue === 'a' ? 'A' : 'B';
  const other = side === 'A' ? 'B' : 'A';
  const against =
    typeof loser === 'number' ? `, against ${formatNumber(loser)} for ${other}` : ` (${other} does not run it)`;
  return `**${side}**: ${typeof winner === 'number' ? formatNumber(winner) : winner} tok/s of generation per 1000 EUR${against}.`;
}

/** Why a side does not run the model, in its own words. */
function unfitLines(result: CompareResult): string[] {
  return (['A', 'B'] as const).flatMap((side) => {
    const entry = side === 'A' ? result.a : result.b;
    const reason = estimateReasonText(entry.estimate);
    return entry.estimate.fits || !reason ? [] : [`${side} does not fit: ${escapeCatalogText(truncate(reason, 200))}`];
  });
}

export function renderCompare(result: CompareResult): ReplyPayload {
  const { a, b } = result;
  const model = a.estimate.model;
  const workload = a.estimate.workload;
  const modelNote = result.modelIsDefault ? ' (the default; choose another with `model:`)' : '';
  const title = `${shortMachineName(a.machine.name)} vs ${shortMachineName(b.machine.name)}`;
  const machineLine = (side: 'A' | 'B', entry: MachineEstimate) =>
    `**${side}** ${escapeCatalogText(entry.machine.name)} — ${formatEur(entry.machine.priceEur)} (${sourceLink(entry.machine.priceSource, 'price')})`;
  const embed = new EmbedBuilder()
    .setColor(colours.compare)
    .setTitle(truncate(title, discordLimits.embedTitle))
    .setDescription(
      joinWithin(
        [
          machineLine('A', a),
          machineLine('B', b),
          `On **${escapeCatalogText(model.name)} ${model.quantization}**, ${formatTokens(workload.contextTokens)} tokens of context${modelNote}. Each row: A · B, the better in **bold**.`,
        ],
        discordLimits.embedDescription,
      ),
    );
  const rows = (list: readonly CompareRow[]) => list.filter((row) => !omittedRows.has(row.key)).map(rowLine);
  const textKeys = new Set(['category', 'chip', 'gpus', 'pcie']);
  const numericSpecs = result.specRows.filter((row) => !textKeys.has(row.key));
  const textSpecs = result.specRows.filter((row) => textKeys.has(row.key));
  embed.addFields(
    embedField(
      `${model.name} ${model.quantization}`,
      joinWithin(
        [placementLine(result), ...unfitLines(result), ...rows(result.estimateRows)],
        discordLimits.fieldValue,
      ),
    ),
    embedField('Better value', betterValueText(result)),
    embedField('Specs', joinWithin(rows(numericSpecs), discordLimits.fieldValue)),
    embedField('Hardware', joinWithin(rows(textSpecs), discordLimits.fieldValue)),
  );
  const measured = measuredLines(result);
  if (measured.length > 0)
    embed.addFields(embedField('Published measurements', joinWithin(measured, discordLimits.fieldValue)));
  embed.setFooter(resultFooter([a.machine.priceAsOf, b.machine.priceAsOf], workloadWords(workload)));
  return replyPayload([embed]);
}
