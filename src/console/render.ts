/** The advisor's results as terminal text: the same facts the Discord embeds show. */
import type { CommandResult } from '../../commands/index.ts';
import {
  type CompareResult,
  type CompareRow,
  type MachineEstimate,
  type Measurement,
  type RecommendResult,
  type SpecsResult,
  type UserError,
} from '../advisor/index.ts';
import type { SpeedEstimate } from '../estimator/index.ts';
import type { ReloadReport } from '../advisor/store.ts';
import {
  compareRowLabel,
  dateSpan,
  estimateNoteText,
  estimateReasonText,
  exclusionText,
  runWords,
  formatGb,
  formatNumber,
  formatSeconds,
  formatWithRange,
  measurementCaveat,
  placementLabel,
  powerSourceText,
  priceWords,
  variantsNote,
  reasonText,
  uncertaintyText,
} from '../format/index.ts';
import { decimalGb } from '../estimator/placement.ts';
import { table } from './table.ts';
import { wrap } from './wrap.ts';

/** Every line fits a 100-column terminal; only a URL longer than that gets a line of its own. */
const width = 100;

const speed = (estimate?: SpeedEstimate, digits?: number) =>
  estimate ? formatWithRange(estimate.tokensPerSecond, estimate.low, estimate.high, digits) : '—';

function caveatSuffix(measurement: Measurement): string {
  const caveat = measurementCaveat(measurement);
  return caveat ? ` — ${caveat}` : '';
}

function measuredText(measurement: Measurement | undefined): string {
  if (!measurement?.tgTokensPerSecond) return '';
  const pp =
    measurement.ppTokensPerSecond === undefined
      ? ''
      : `, pp${measurement.ppTokens} ${formatNumber(measurement.ppTokensPerSecond, 0)}`;
  return `measured tg${measurement.tgTokens} ${formatNumber(measurement.tgTokensPerSecond)}${pp} tok/s (${measurement.quantization}, ${measurement.backend}, ${measurement.match}${measurement.measured ? `, ${measurement.measured}` : ''}) ${measurement.source[0] ?? ''}${caveatSuffix(measurement)}`;
}

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

function estimateRow(entry: MachineEstimate): string[] {
  const estimate = entry.estimate;
  const measured = entry.measurements.find((measurement) => measurement.tgTokensPerSecond !== undefined);
  return [
    `${estimate.model.name} ${estimate.model.quantization}`,
    estimate.fits ? `${placementLabel[estimate.placement.kind]}, ${estimate.placement.backend}` : 'does not fit',
    formatGb(estimate.memory.neededGb),
    speed(estimate.tg),
    speed(estimate.pp, 0),
    measured?.tgTokensPerSecond === undefined
      ? ''
      : `${formatNumber(measured.tgTokensPerSecond)} / ${formatNumber(measured.ppTokensPerSecond ?? Number.NaN, 0)} (${measured.backend})`,
  ];
}

export function renderSpecs(result: SpecsResult): string {
  const { machine, chip, profile, summary } = result;
  const lines = [wrap(`${machine.name} (${machine.id}) — ${machine.category}, ${machine.vendor}`, width, 2), ''];
  const facts: [string, string][] = [
    [
      'Price',
      `${formatNumber(summary.priceEur, 0)} EUR${summary.originalPrice ? ` (${formatNumber(summary.originalPrice.amount, 0)} ${summary.originalPrice.currency})` : ''}, ${priceWords(summary)}`,
    ],
    [
      'Processor',
      chip
        ? `${chip.name}${chip.cpu ? `, ${chip.cpu.cores} cores / ${chip.cpu.threads} threads, up to ${chip.cpu.boost_clock_ghz} GHz` : ''}`
        : machine.chip,
    ],
    [
      'Memory',
      `${machine.memory.capacity_gb} GB ${machine.memory.type}, ${machine.memory.bus_width_bits}-bit × ${machine.memory.transfer_rate_mts} MT/s = ${machine.memory.bandwidth_gbps} GB/s`,
    ],
  ];
  if (profile.igpu)
    facts.push([
      'Integrated GPU',
      `${profile.igpu.name}: ${formatNumber(profile.igpu.fp16Tflops)} FP16 TFLOPS, addresses ${formatNumber(profile.igpu.addressableGb)} GiB = ${formatGb(decimalGb(profile.igpu.addressableGb))} (${profile.igpu.backends.join(', ')})`,
    ]);
  for (const gpu of result.gpus)
    facts.push([
      'GPU',
      `${gpu.count}× ${gpu.chip.name}: ${gpu.chip.memory.vram_gb ?? '?'} GB ${gpu.chip.memory.type} at ${gpu.chip.memory.bandwidth_gbps} GB/s each`,
    ]);
  if (profile.cpu.bandwidthGbps < machine.memory.bandwidth_gbps)
    facts.push([
      'CPU bandwidth',
      `${formatNumber(profile.cpu.bandwidthGbps)} GB/s reachable by the cores (fabric-limited)`,
    ]);
  for (const unused of profile.unusedEngines) facts.push(['Not used', estimateNoteText(unused)]);
  const slots = machine.expansion.pcie_slots.map(
    (slot) => `${slot.count}× PCIe ${slot.gen}.0 x${slot.lanes}${slot.note ? ` (${slot.note})` : ''}`,
  );
  facts.push([
    'Expansion',
    [
      ...slots,
      `${machine.expansion.usb4_ports} USB4`,
      `${machine.expansion.thunderbolt_ports} Thunderbolt`,
      `${machine.expansion.ethernet_gbps} GbE`,
    ].join(', '),
  ]);
  if (machine.power)
    facts.push([
      'Power',
      [
        machine.power.load_w ? `${machine.power.load_w} W load` : '',
        machine.power.idle_w ? `${machine.power.idle_w} W idle` : '',
        machine.power.psu_w ? `${machine.power.psu_w} W PSU` : '',
      ]
        .filter(Boolean)
        .join(', '),
    ]);
  // A build, an eGPU set-up or a cluster is priced as the sum of its parts: each, with its source.
  const parts = (machine.price.parts ?? []).map((part): [string, string] => [
    '',
    `· ${part.item}: ${formatNumber(part.amount, 0)} ${part.currency} (${[part.source].flat()[0] ?? 'no source'})`,
  ]);
  facts.splice(1, 0, ...parts);
  for (const [label, text] of facts) lines.push(wrap(`${label.padEnd(15)} ${text}`, width, label === '' ? 18 : 16));
  for (const note of machine.notes) lines.push(wrap(`${''.padEnd(15)} · ${note}`, width, 18));

  const asked = result.estimates[0]?.estimate.workload;
  lines.push('', `Estimates (tok/s, likely range${asked ? `; ${runWords(asked)}` : ''}):`);
  lines.push(
    table(
      [
        { header: 'model', shrink: true },
        { header: 'runs on' },
        { header: 'needs', align: 'right' },
        { header: 'tg', align: 'right' },
        { header: 'pp', align: 'right' },
        { header: 'measured tg / pp', shrink: true },
      ],
      result.estimates.map(estimateRow),
      width,
    ),
  );
  for (const entry of result.estimates) {
    const uncertainty = uncertaintyText(entry.estimate);
    if (uncertainty) lines.push(wrap(`${entry.estimate.model.name}: ${uncertainty}`, width, 2));
  }
  if (result.measurements.length > 0) {
    lines.push('', 'Published measurements of this hardware:');
    for (const measurement of result.measurements)
      lines.push(wrap(`  ${measurement.benchmarkId}: ${measuredText(measurement)}`, width, 4));
  }
  lines.push('', 'Sources:', ...result.sources.slice(0, 8).map((source) => `  ${source}`));
  lines.push('', footer([summary.priceAsOf]));
  return lines.join('\n');
}

function footer(priceDates: readonly string[]): string {
  const when = priceDates.length === 0 ? '' : `Prices as of ${dateSpan(priceDates)}. `;
  return wrap(`${when}Speeds are estimates, not measurements, unless marked measured.`, width);
}

export function renderResult(result: CommandResult): string {
  switch (result.command) {
    case 'recommend':
      return renderRecommend(result.result);
    case 'compare':
      return renderCompare(result.result);
    case 'specs':
      return renderSpecs(result.result);
    case 'catalog':
      return renderReload(result.result);
  }
}

export function renderReload(report: ReloadReport): string {
  if (report.ok)
    return wrap(
      `Catalog reloaded in ${report.durationMs} ms: ${report.machines} machines (+${report.configurations} configurations), ${report.models} models, ${report.benchmarks} benchmarks.`,
      width,
      2,
    );
  return [
    wrap(
      `The catalog has ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}; still serving the last good one (${report.keptMachines} machines):`,
      width,
      2,
    ),
    ...report.problems.map((problem) => wrap(`  ${problem}`, width, 4)),
  ].join('\n');
}

export function renderUserError(error: UserError): string {
  return wrap(
    error.suggestions.length > 0 ? `${error.message}. Try: ${error.suggestions.join(', ')}` : error.message,
    width,
    2,
  );
}
