/** /specs as terminal text: one machine's sheet, its estimates, measurements and sources. */
import type { MachineEstimate, SpecsResult } from '../advisor/index.ts';
import {
  estimateNoteText,
  runWords,
  formatGb,
  formatNumber,
  placementLabel,
  priceWords,
  uncertaintyText,
} from '../format/index.ts';
import { decimalGb } from '../estimator/placement.ts';
import { table } from './table.ts';
import { wrap } from './wrap.ts';
import { footer, measuredText, speed, width } from './render-common.ts';

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
