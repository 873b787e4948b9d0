/** /compare as terminal text: two machines' specs and estimates side by side, the better side marked. */
import type { CompareResult, CompareRow } from '../advisor/index.ts';
import { compareRowLabel, estimateReasonText, runWords, formatNumber } from '../format/index.ts';
import { table } from './table.ts';
import { wrap } from './wrap.ts';
import { footer, measuredText, width } from './render-common.ts';

function cell(row: CompareRow, side: 'a' | 'b'): string {
  const value = row[side];
  const text =
    value === null ? '—' : typeof value === 'number' ? formatNumber(value, value < 10 ? 2 : undefined) : value;
  const unit = row.unit && value !== null && typeof value === 'number' ? ` ${row.unit}` : '';
  return `${text}${unit}${row.better === side ? ' ✓' : ''}`;
}

export function renderCompare(result: CompareResult): string {
  const { a, b } = result;
  const rows = (list: readonly CompareRow[]) =>
    list.map((row) => [compareRowLabel(row), cell(row, 'a'), cell(row, 'b')]);
  const model = a.estimate.model;
  const sides = [
    { header: '', shrink: true },
    { header: a.machine.id, shrink: true },
    { header: b.machine.id, shrink: true },
  ];
  const lines = [
    wrap(`Compare — ${a.machine.name} vs ${b.machine.name}`, width, 2),
    '',
    table(sides, rows(result.specRows), width),
    '',
    wrap(
      `${model.name} ${model.quantization}, context ${a.estimate.workload.contextTokens}, ${runWords(a.estimate.workload)}${result.modelIsDefault ? ' (default model: add model: to choose)' : ''}`,
      width,
      2,
    ),
    table(sides, rows(result.estimateRows), width),
  ];
  for (const entry of [a, b]) {
    const measured = measuredText(entry.measurements[0]);
    if (measured) lines.push(wrap(`${entry.machine.id}: ${measured}`, width, 2));
    const reason = estimateReasonText(entry.estimate);
    if (!entry.estimate.fits && reason) lines.push(wrap(`${entry.machine.id}: does not fit — ${reason}`, width, 2));
  }
  const better = result.betterValue === 'a' ? a : result.betterValue === 'b' ? b : undefined;
  lines.push(
    '',
    wrap(
      better
        ? `Better value: ${better.machine.name} (more generation speed per euro).`
        : 'No better value: not both run the model.',
      width,
      2,
    ),
  );
  lines.push('', footer([a.machine.priceAsOf, b.machine.priceAsOf]));
  return lines.join('\n');
}
