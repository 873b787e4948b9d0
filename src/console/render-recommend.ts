/** /recommend as terminal text: the picks' table, each pick's reasons, what was left out. */
import type { RecommendResult } from '../advisor/index.ts';
import {
  exclusionText,
  runWords,
  formatGb,
  formatNumber,
  formatSeconds,
  placementLabel,
  powerSourceText,
  priceWords,
  variantsNote,
  reasonText,
  uncertaintyText,
} from '../format/index.ts';
import { table } from './table.ts';
import { wrap } from './wrap.ts';
import { footer, measuredText, speed, width } from './render-common.ts';

function modelLine(result: { model: RecommendResult['model']; workload: RecommendResult['workload'] }): string {
  const model = result.model;
  const moe =
    model.architecture === 'moe'
      ? `, MoE ${formatNumber(model.activeParamsBillions)} B active of ${formatNumber(model.paramsBillions)} B`
      : `, ${formatNumber(model.paramsBillions)} B`;
  return `${model.name} ${model.quantization}${moe}; context ${result.workload.contextTokens} tokens, prompt ${result.workload.promptTokens}; ${runWords(result.workload)}`;
}

export function renderRecommend(result: RecommendResult): string {
  const lines = [wrap(`Recommend — ${modelLine(result)}`, width, 2)];
  const filters = [
    result.budgetEur === undefined ? undefined : `budget ${formatNumber(result.budgetEur, 0)} EUR`,
    result.category ? `category ${result.category}` : undefined,
    result.minTgTokensPerSecond === undefined ? undefined : `at least ${result.minTgTokensPerSecond} tok/s`,
    `ranked by ${result.priority}`,
  ].filter(Boolean);
  lines.push(wrap(filters.join(', '), width, 2), '');
  if (result.picks.length > 0) {
    lines.push(
      table(
        [
          { header: '#', align: 'right' },
          { header: 'machine', shrink: true },
          { header: 'EUR', align: 'right' },
          { header: 'tg tok/s (range)', align: 'right' },
          { header: 'first token', align: 'right' },
          { header: 'headroom', align: 'right' },
        ],
        result.picks.map((pick) => [
          String(pick.rank),
          pick.machine.id,
          formatNumber(pick.machine.priceEur, 0),
          speed(pick.estimate.tg),
          pick.estimate.timeToFirstTokenSeconds === undefined
            ? '—'
            : formatSeconds(pick.estimate.timeToFirstTokenSeconds),
          formatGb(pick.estimate.memory.headroomGb),
        ]),
        width,
      ),
      '',
    );
    // The table's long ids may be cut to fit: each pick's full id, placement and pp are here.
    for (const pick of result.picks) {
      const pp = `pp ${formatNumber(pick.estimate.pp?.tokensPerSecond ?? Number.NaN, 0)} tok/s`;
      lines.push(
        wrap(`${pick.rank}. ${pick.machine.name}`, width, 3),
        wrap(
          `   ${pick.machine.id} · ${placementLabel[pick.estimate.placement.kind]}, ${pick.estimate.placement.backend} · ${pp}`,
          width,
          3,
        ),
        wrap(`   ${reasonText(pick.reason)}`, width, 3),
        wrap(`   price: ${priceWords(pick.machine)}`, width, 5),
      );
      const variants = variantsNote(pick.variants ?? []);
      if (variants) lines.push(wrap(`   ${variants} (the same GPUs and estimate)`, width, 5));
      const measured = measuredText(pick.measurements[0]);
      if (measured) lines.push(wrap(`   ${measured}`, width, 5));
      const uncertainty = uncertaintyText(pick.estimate);
      if (uncertainty) lines.push(wrap(`   ${uncertainty}`, width, 5));
      const cost = pick.runningCost;
      if (cost)
        lines.push(
          wrap(
            `   power: ${formatNumber(cost.eurPerMillionTokens, 2)} EUR per million tokens; ${formatNumber(cost.totalCostEur, 0)} EUR with ${cost.settings.years} years at ${cost.settings.electricityEurPerKwh} EUR/kWh, ${cost.settings.loadHoursPerDay} h/day at load (${powerSourceText(cost.powerSource)})`,
            width,
            5,
          ),
        );
    }
    const shown = result.offset + result.picks.length;
    if (shown < result.qualifying) lines.push(`… ${result.qualifying - shown} more qualify (add offset:${shown})`);
  } else {
    lines.push('No machine in the catalog qualifies.');
    if (result.cheapestOverBudget)
      lines.push(
        wrap(
          `Cheapest that runs it: ${result.cheapestOverBudget.machine.name}, ${formatNumber(result.cheapestOverBudget.machine.priceEur, 0)} EUR, tg ${speed(result.cheapestOverBudget.estimate.tg)} tok/s.`,
          width,
          2,
        ),
      );
    if (result.largestModelInBudget)
      lines.push(
        wrap(
          `Largest catalog model within budget: ${result.largestModelInBudget.name} ${result.largestModelInBudget.quantization} on ${result.largestModelInBudget.pick.machine.name} (${reasonText(result.largestModelInBudget.pick.reason)}).`,
          width,
          2,
        ),
      );
  }
  if (result.excluded.length > 0)
    lines.push(
      '',
      wrap(`Left out: ${result.excluded.map((exclusion) => exclusionText(exclusion, result)).join('; ')}.`, width, 2),
    );
  lines.push('', footer(result.picks.map((pick) => pick.machine.priceAsOf)));
  return lines.join('\n');
}
