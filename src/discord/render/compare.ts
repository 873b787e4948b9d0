/**
 * /compare as one embed: the two machines named once as A and B, the numeric rows as an
 * aligned table in a code block with the better side of each row marked, the text rows
 * as lines, where each runs the model, published measurements and the better value.
 */
import { EmbedBuilder } from 'discord.js';
import type { CompareResult, CompareRow, MachineEstimate } from '../../advisor/index.ts';
import { discordLimits, embedField, joinWithin, truncate } from '../limits.ts';
import { colours, escapeCatalogText, formatEur, formatNumber, formatTokens, measurementLine, resultFooter, sourceLink, workloadWords } from './format.ts';
import { replyPayload, type ReplyPayload } from './payload.ts';

export const betterMark = '✅';

/** Short labels so the table stays narrow enough for a phone. */
const tableLabels: Record<string, string> = {
  price: 'Price EUR',
  memory: 'Memory GB',
  bandwidth: 'Bandwidth GB/s',
  'gpu-memory': 'GPU memory GB',
  compute: 'FP16 TFLOPS',
  usb4: 'USB4/TB ports',
  ethernet: 'Ethernet Gbit/s',
  power: 'Load W',
  headroom: 'Headroom GB',
  tg: 'tg tok/s',
  pp: 'pp tok/s',
  ttft: 'First token s',
  value: 'tg per 1k EUR',
};

const isNumericRow = (row: CompareRow) => typeof row.a !== 'string' && typeof row.b !== 'string';

function cellText(value: CompareRow['a'], marked: boolean): string {
  const text = value === null ? '—' : typeof value === 'number' ? formatNumber(value) : value;
  return marked ? `${text} ${betterMark}` : text;
}

/** Monospace width: the mark is drawn two columns wide. */
const displayWidth = (text: string) => [...text].length + (text.includes(betterMark) ? 1 : 0);
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** A code-block table: label, A, B, the better cell of each row marked. */
export function alignedTable(rows: readonly CompareRow[]): string {
  const cells = rows.map((row) => ({
    label: tableLabels[row.key] ?? `${row.label}${row.unit ? ` ${row.unit}` : ''}`,
    a: cellText(row.a, row.better === 'a'),
    b: cellText(row.b, row.better === 'b'),
  }));
  const labelWidth = Math.max(0, ...cells.map((cell) => displayWidth(cell.label)));
  const aWidth = Math.max(1, ...cells.map((cell) => displayWidth(cell.a)));
  const line = (label: string, a: string, b: string) => `${padEnd(label, labelWidth)}  ${padEnd(a, aWidth)}  ${b}`.trimEnd();
  const body = [line('', 'A', 'B'), ...cells.map((cell) => line(cell.label, cell.a, cell.b))];
  const fence = '```';
  return `${fence}\n${joinWithin(body, discordLimits.fieldValue - 2 * fence.length - 2)}\n${fence}`;
}

function textRowLines(rows: readonly CompareRow[]): string[] {
  return rows.map((row) => {
    const side = (value: CompareRow['a'], marked: boolean) => escapeCatalogText(cellText(value, marked));
    return `**${row.label}** — A: ${side(row.a, row.better === 'a')} · B: ${side(row.b, row.better === 'b')}`;
  });
}

function placementLines(result: CompareResult): string[] {
  const line = (side: 'A' | 'B', entry: MachineEstimate) => {
    const estimate = entry.estimate;
    const where = estimate.fits ? estimate.placement.description : `does not fit${estimate.reason ? `: ${estimate.reason}` : ''}`;
    return `**${side}** ${escapeCatalogText(where)}`;
  };
  return [line('A', result.a), line('B', result.b)];
}

function measuredLines(result: CompareResult): string[] {
  const lines: string[] = [];
  for (const [side, entry] of [['A', result.a], ['B', result.b]] as const) {
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
  const entry = result.betterValue === 'a' ? result.a : result.b;
  const against = typeof loser === 'number' ? ` against ${formatNumber(loser)}` : ' (the other does not run it)';
  return `**${side}, ${escapeCatalogText(entry.machine.name)}**: ${typeof winner === 'number' ? formatNumber(winner) : winner} tok/s of generation per 1000 EUR${against}.`;
}

export function renderCompare(result: CompareResult): ReplyPayload {
  const { a, b } = result;
  const model = a.estimate.model;
  const workload = a.estimate.workload;
  const modelNote = result.modelIsDefault ? ' (the default; choose another with `model:`)' : '';
  const title = `${truncate(a.machine.name, 120)} vs ${truncate(b.machine.name, 120)}`;
  const machineLine = (side: 'A' | 'B', entry: MachineEstimate) =>
    `**${side}** ${escapeCatalogText(entry.machine.name)} — ${formatEur(entry.machine.priceEur)} (${sourceLink(entry.machine.priceSource, 'price')})`;
  const embed = new EmbedBuilder()
    .setColor(colours.compare)
    .setTitle(truncate(title, discordLimits.embedTitle))
    .setDescription(
      joinWithin(
        [machineLine('A', a), machineLine('B', b), `On **${escapeCatalogText(model.name)} ${model.quantization}** at ${formatTokens(workload.contextTokens)} tokens of context${modelNote}. ${betterMark} marks the better side.`],
        discordLimits.embedDescription,
      ),
    );
  const numericSpecs = result.specRows.filter(isNumericRow);
  const textSpecs = result.specRows.filter((row) => !isNumericRow(row));
  const numericEstimates = result.estimateRows.filter(isNumericRow);
  const textEstimates = result.estimateRows.filter((row) => !isNumericRow(row));
  embed.addFields(
    embedField('Specs', alignedTable(numericSpecs)),
    embedField('Hardware', joinWithin(textRowLines(textSpecs), discordLimits.fieldValue)),
    embedField(`${model.name} ${model.quantization}`, alignedTable(numericEstimates)),
    embedField('Where it runs', joinWithin([...textRowLines(textEstimates), ...placementLines(result)], discordLimits.fieldValue)),
    embedField('Better value', betterValueText(result)),
  );
  const measured = measuredLines(result);
  if (measured.length > 0) embed.addFields(embedField('Published measurements', joinWithin(measured, discordLimits.fieldValue)));
  embed.setFooter(resultFooter([a.machine.priceAsOf, b.machine.priceAsOf], workloadWords(workload)));
  return replyPayload([embed]);
}
