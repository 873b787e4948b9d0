/**
 * /specs as one embed: the machine's full sheet (chip, memory and bandwidth, what the
 * GPU can address, GPUs, compute engines with the NPU that runtimes cannot use,
 * expansion, power, price with date and source), estimates for the standard models,
 * and published measurements.
 */
import { EmbedBuilder } from 'discord.js';
import type { Chip, ComputeEngine } from '../../catalog/schema.ts';
import type { Measurement, SpecsResult } from '../../advisor/index.ts';
import { discordLimits, embedField, joinWithin, truncate } from '../limits.ts';
import { estimateLines } from './recommend.ts';
import { code, colours, escapeCatalogText, formatGb, formatNumber, formatRate, isUrl, priceLine, resultFooter, sourceLink, sourceLinks, workloadWords } from './format.ts';
import { replyPayload, type ReplyPayload } from './payload.ts';

const maxNotes = 3;
const maxSourceLinks = 10;

function processorLines(result: SpecsResult): string[] {
  const { chip, machine } = result;
  if (!chip) return [code(machine.chip)];
  const lines = [`**${escapeCatalogText(chip.name)}** (${escapeCatalogText(chip.vendor)})`];
  if (chip.cpu) {
    const clocks = chip.cpu.base_clock_ghz === undefined ? `${chip.cpu.boost_clock_ghz} GHz boost` : `${chip.cpu.base_clock_ghz}–${chip.cpu.boost_clock_ghz} GHz`;
    const cache = chip.cpu.l3_cache_mb === undefined ? '' : `, ${chip.cpu.l3_cache_mb} MB L3`;
    lines.push(`${chip.cpu.cores} cores / ${chip.cpu.threads} threads, ${clocks}${cache}`);
  }
  if (chip.tdp_w) lines.push(`TDP ${chip.tdp_w.watts} W`);
  return lines;
}

function memoryLines(result: SpecsResult): string[] {
  const { memory } = result.machine;
  const lines = [
    `${formatNumber(memory.capacity_gb)} GB ${memory.type}-${memory.transfer_rate_mts}, ${memory.bus_width_bits}-bit, **${formatNumber(memory.bandwidth_gbps)} GB/s** (${sourceLink([memory.source].flat())})`,
  ];
  const { igpu, dgpus } = result.profile;
  if (dgpus.length > 0) {
    const vram = dgpus.reduce((total, gpu) => total + gpu.vramGb, 0);
    lines.push(`VRAM ${formatGb(vram)} in all across ${dgpus.length} GPU${dgpus.length === 1 ? '' : 's'}`);
  } else if (igpu) {
    const stated = memory.gpu_addressable_gb !== undefined;
    const source = memory.gpu_addressable_source ? ` (${sourceLink([memory.gpu_addressable_source].flat())})` : '';
    lines.push(`GPU-addressable: **${formatGb(igpu.addressableGb)}** of ${formatGb(memory.capacity_gb)}${stated ? source : ' (assumed, no figure in the catalog)'}`);
  }
  return lines;
}

function gpuLines(result: SpecsResult): string[] {
  if (result.gpus.length === 0) {
    const igpu = result.profile.igpu;
    return [igpu ? `integrated only: ${escapeCatalogText(igpu.name)}` : 'none (CPU only)'];
  }
  return result.gpus.map(({ chip, count }) => {
    const memory = chip.memory.vram_gb === undefined ? '' : ` — ${formatNumber(chip.memory.vram_gb)} GB ${chip.memory.type} at ${formatNumber(chip.memory.bandwidth_gbps)} GB/s each`;
    return `${count}× **${escapeCatalogText(chip.name)}**${memory}`;
  });
}

function engineLine(engine: ComputeEngine, count = 1): string {
  const int8 = engine.int8_tops === undefined ? '' : `, ${formatNumber(engine.int8_tops)} TOPS INT8`;
  const figures = `${formatNumber(engine.fp16_tflops * count)} TFLOPS FP16${int8}`;
  const prefix = `${engine.kind.toUpperCase()} ${count > 1 ? `${count}× ` : ''}${escapeCatalogText(engine.name)}: ${figures}`;
  if (engine.backends.length === 0) return `${prefix} — **not used**: LLM runtimes such as llama.cpp have no backend for it`;
  return `${prefix} · ${engine.backends.join(', ')}`;
}

function engineLines(result: SpecsResult): string[] {
  const own = result.chip?.engines.map((engine) => engineLine(engine)) ?? [];
  const cards = result.gpus.flatMap(({ chip, count }: { chip: Chip; count: number }) =>
    chip.engines.filter((engine) => engine.kind === 'dgpu').map((engine) => engineLine(engine, count)),
  );
  return [...own, ...cards];
}

function expansionLines(result: SpecsResult): string[] {
  const { expansion } = result.machine;
  const slots = expansion.pcie_slots.map(
    (slot) => `${slot.count}× PCIe ${slot.gen}.0 x${slot.lanes}${slot.note ? ` (${escapeCatalogText(slot.note)})` : ''}`,
  );
  return [
    `PCIe: ${slots.length > 0 ? slots.join(', ') : 'no slots'}`,
    `USB4 ×${expansion.usb4_ports} · Thunderbolt ×${expansion.thunderbolt_ports} · Ethernet ${formatNumber(expansion.ethernet_gbps)} Gbit/s (${sourceLink([expansion.source].flat())})`,
  ];
}

function powerText(result: SpecsResult): string {
  const { power } = result.machine;
  if (!power) return 'not in the catalog';
  const parts = [
    power.psu_w === undefined ? undefined : `PSU ${power.psu_w} W`,
    power.load_w === undefined ? undefined : `load ${power.load_w} W`,
    power.idle_w === undefined ? undefined : `idle ${power.idle_w} W`,
  ].filter(Boolean);
  return `${parts.length > 0 ? parts.join(' · ') : 'no figures'} (${sourceLink([power.source].flat())})`;
}

function measurementLines(measurements: readonly Measurement[]): string[] {
  return measurements.map((measurement) => {
    const figures = [
      measurement.ppTokensPerSecond === undefined ? undefined : `pp${measurement.ppTokens} ${formatRate(measurement.ppTokensPerSecond)}`,
      measurement.tgTokensPerSecond === undefined ? undefined : `tg${measurement.tgTokens} ${formatRate(measurement.tgTokensPerSecond)}`,
    ].filter(Boolean);
    const depth = measurement.depthTokens > 0 ? ` at depth ${measurement.depthTokens}` : '';
    const match = measurement.match === 'same chip' ? ', same chip, other box' : '';
    return `${code(measurement.benchmarkId)} ${figures.join(' · ')} tok/s${depth} (${measurement.backend}${match}, ${sourceLink(measurement.source)})`;
  });
}

export function renderSpecs(result: SpecsResult): ReplyPayload {
  const { machine, summary } = result;
  const link = machine.links.find(isUrl);
  const notes = machine.notes.slice(0, maxNotes).map((note) => `• ${escapeCatalogText(note)}`);
  // A build, an eGPU set-up or a cluster is priced as the sum of its parts: each under the
  // price, with its source (the description has room for a BOM; a field of 1024 does not).
  const parts = (machine.price.parts ?? []).map((part) => `↳ ${escapeCatalogText(part.item)} — ${formatNumber(part.amount, 0)} ${part.currency} (${sourceLink([part.source].flat())})`);
  const embed = new EmbedBuilder()
    .setColor(colours.specs)
    .setTitle(truncate(machine.name, discordLimits.embedTitle))
    .setDescription(joinWithin([`${escapeCatalogText(machine.vendor)} · ${machine.category} · ${code(machine.id)}`, priceLine(summary), ...parts, ...notes], discordLimits.embedDescription));
  if (link && link.length <= 2048) embed.setURL(link);
  const lines = (values: string[]) => joinWithin(values, discordLimits.fieldValue);
  embed.addFields(
    embedField('Processor', lines(processorLines(result)), true),
    embedField('Memory', lines(memoryLines(result)), true),
    embedField('GPUs', lines(gpuLines(result))),
    embedField('Compute engines', lines(engineLines(result))),
    embedField('Expansion', lines(expansionLines(result))),
    embedField('Power', powerText(result)),
  );
  for (const entry of result.estimates) {
    const model = entry.estimate.model;
    // Price is on the sheet already: the last of the shared lines is left out.
    embed.addFields(embedField(`${model.name} ${model.quantization}`, lines(estimateLines(entry).slice(0, -1))));
  }
  if (result.measurements.length > 0) embed.addFields(embedField('Published measurements', lines(measurementLines(result.measurements))));
  const sources = sourceLinks(result.sources, maxSourceLinks);
  if (sources !== '') embed.addFields(embedField('Sources', sources));
  const workload = result.estimates[0]?.estimate.workload;
  embed.setFooter(resultFooter([summary.priceAsOf], workload ? workloadWords(workload) : undefined));
  return replyPayload([embed]);
}
