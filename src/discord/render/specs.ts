/**
 * /specs in pages, the first one screen long: the sheet (price with its date, chip, memory
 * and what the GPU can address, GPUs, the NPU runtimes cannot use, expansion, power) and
 * one line per model estimate, where they run said once. Buttons turn to the pages it
 * rests on: compute engines and published measurements, then the price part by part and
 * every source as a named link (specs-pages.ts).
 */
import { ButtonStyle, EmbedBuilder } from 'discord.js';
import type { OptionValues } from '../../../commands/index.ts';
import type { MachineEstimate, SpecsResult } from '../../advisor/index.ts';
import { placementLabel, placementPhrase, priceWords } from '../../format/index.ts';
import { decimalGb } from '../../estimator/placement.ts';
import { specsPageId, type SpecsPage } from '../custom-ids.ts';
import { discordLimits, embedField, joinWithin, truncate } from '../limits.ts';
import {
  code,
  colours,
  escapeCatalogText,
  formatGb,
  formatNumber,
  formatRate,
  formatSeconds,
  isUrl,
  resultFooter,
  sourceLink,
  workloadWords,
} from './format.ts';
import { replyPayload, type ButtonSpec, type ReplyPayload } from './payload.ts';
import { fitWords } from './recommend.ts';
import { renderSpecsMeasured, renderSpecsSources, sourcesOverflow } from './specs-pages.ts';

const maxNotes = 2;
const maxNoteLength = 160;

/** "Radeon 8060S (40 CU RDNA 3.5, gfx1151, 2.9 GHz)" → "Radeon 8060S": the internals are on the next page. */
export const withoutDetails = (name: string): string => name.replace(/\s*\([^()]*\)/g, '').trim() || name;

function processorLine(result: SpecsResult): string {
  const { chip, machine } = result;
  if (!chip) return code(machine.chip);
  const cores = chip.cpu
    ? ` · ${chip.cpu.cores} cores / ${chip.cpu.threads} threads, up to ${chip.cpu.boost_clock_ghz} GHz`
    : '';
  return `**${escapeCatalogText(withoutDetails(chip.name))}**${cores}`;
}

function memoryLine(result: SpecsResult): string {
  const { memory } = result.machine;
  const base = `**${formatNumber(memory.capacity_gb)} GB** ${memory.type}-${memory.transfer_rate_mts} at **${formatNumber(memory.bandwidth_gbps)} GB/s**`;
  const { igpu, dgpus } = result.profile;
  if (dgpus.length > 0) return base;
  if (!igpu) return base;
  const assumed = memory.gpu_addressable_gb === undefined ? ' (assumed)' : '';
  // Memory is sold in binary gigabytes, model files and "spare" below are decimal: the GPU's
  // share said once in both, so "96" here and "57.6 GB spare" of 103 below do not disagree.
  return `${base}; the GPU can use **${formatNumber(igpu.addressableGb)} GiB = ${formatGb(decimalGb(igpu.addressableGb))}**${assumed}`;
}

function gpuLine(result: SpecsResult): string {
  if (result.gpus.length === 0) {
    const igpu = result.profile.igpu;
    return igpu ? `GPU: integrated ${escapeCatalogText(withoutDetails(igpu.name))}` : 'GPU: none (CPU only)';
  }
  const cards = result.gpus.map(({ chip, count }) => {
    const memory =
      chip.memory.vram_gb === undefined
        ? ''
        : `, ${formatNumber(chip.memory.vram_gb)} GB at ${formatNumber(chip.memory.bandwidth_gbps)} GB/s`;
    return `${count}× **${escapeCatalogText(withoutDetails(chip.name))}**${memory}`;
  });
  return `GPU${result.gpus.length === 1 && result.gpus[0]?.count === 1 ? '' : 's'}: ${cards.join(' + ')}`;
}

/** An NPU that no LLM runtime can use is the one engine worth a line on the sheet. */
function unusedEngineLines(result: SpecsResult): string[] {
  return (result.chip?.engines ?? [])
    .filter((engine) => engine.backends.length === 0)
    .map(
      (engine) =>
        `${engine.kind.toUpperCase()} ${escapeCatalogText(withoutDetails(engine.name))}: **not used**, LLM runtimes such as llama.cpp have no backend for it`,
    );
}

function expansionLine(result: SpecsResult): string {
  const { expansion } = result.machine;
  const slots = expansion.pcie_slots.map(
    (slot) =>
      `${slot.count}× PCIe ${slot.gen}.0 x${slot.lanes}${slot.note ? ` (${escapeCatalogText(truncate(slot.note, 60))})` : ''}`,
  );
  const ports = [
    expansion.usb4_ports > 0 ? `USB4 ×${expansion.usb4_ports}` : undefined,
    expansion.thunderbolt_ports > 0 ? `Thunderbolt ×${expansion.thunderbolt_ports}` : undefined,
  ].filter(Boolean);
  return `Expansion: ${[slots.length > 0 ? slots.join(', ') : 'no PCIe slots', ...ports, `Ethernet ${formatNumber(expansion.ethernet_gbps)} Gbit/s`].join(' · ')}`;
}

function powerLine(result: SpecsResult): string {
  const { power } = result.machine;
  if (!power) return 'Power: not in the catalog';
  const parts = [
    power.psu_w === undefined ? undefined : `PSU ${power.psu_w} W`,
    power.load_w === undefined ? undefined : `${power.load_w} W at load`,
    power.idle_w === undefined ? undefined : `${power.idle_w} W idle`,
  ].filter(Boolean);
  return `Power: ${parts.length > 0 ? parts.join(' · ') : 'no figures'}`;
}

/** The placement most estimates share, said once in the field's first line. */
function commonPlacement(estimates: readonly MachineEstimate[]): MachineEstimate['estimate']['placement'] | undefined {
  const counts = new Map<string, { count: number; placement: MachineEstimate['estimate']['placement'] }>();
  for (const { estimate } of estimates) {
    if (!estimate.fits) continue;
    const key = `${estimate.placement.kind}|${estimate.placement.backend}`;
    const entry = counts.get(key) ?? { count: 0, placement: estimate.placement };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.placement;
}

/** "**Llama 3.1 8B** Q4_K_M: **37.9 tok/s** · first token 0.67 s · fits, 90 GB spare". */
function estimateRow(entry: MachineEstimate, common: ReturnType<typeof commonPlacement>): string {
  const { estimate } = entry;
  const name = `**${escapeCatalogText(estimate.model.name)}** ${escapeCatalogText(estimate.model.quantization)}`;
  if (!estimate.tg)
    return `${name}: does not fit (needs ${formatGb(estimate.memory.neededGb)} of ${formatGb(estimate.memory.availableGb)})`;
  const firstToken =
    estimate.timeToFirstTokenSeconds === undefined
      ? ''
      : ` · first token ${formatSeconds(estimate.timeToFirstTokenSeconds)}`;
  // Only what differs from the field's first line: the placement is said there once.
  const elsewhere = !common
    ? ''
    : estimate.placement.kind !== common.kind
      ? ` · ${placementLabel[estimate.placement.kind]}, ${estimate.placement.backend}`
      : estimate.placement.backend !== common.backend
        ? ` · on ${estimate.placement.backend}`
        : '';
  const measured = entry.measurements.find(
    (measurement) => measurement.tgTokensPerSecond !== undefined,
  )?.tgTokensPerSecond;
  const measuredWords = measured === undefined ? '' : ` (measured ${formatRate(measured)})`;
  return `${name}: **${formatRate(estimate.tg.tokensPerSecond)} tok/s**${measuredWords}${firstToken} · ${fitWords(entry)}${elsewhere}`;
}

function estimatesField(result: SpecsResult) {
  const common = commonPlacement(result.estimates);
  const workload = result.estimates[0]?.estimate.workload;
  const where = common ? `Runs ${placementPhrase[common.kind]}, ${common.backend}:` : 'Estimates:';
  const name = workload ? `Speed at ${formatNumber(workload.contextTokens, 0)} tokens of context` : 'Speed';
  return embedField(
    name,
    joinWithin([where, ...result.estimates.map((entry) => estimateRow(entry, common))], discordLimits.fieldValue),
  );
}

/** The buttons to the other pages, carrying the machine and the question's model and workload. */
const withoutPage = (options: OptionValues): OptionValues => {
  const { page: _page, machine: _machine, ...carried } = options;
  return carried;
};

export function pageButtons(result: SpecsResult, options: OptionValues, current: SpecsPage): ButtonSpec[] {
  const carried = withoutPage(options);
  const id = (page: SpecsPage) => specsPageId(result.machine.id, page, carried);
  const buttons: ButtonSpec[] = [];
  if (current !== 'sheet')
    buttons.push({ customId: id('sheet'), label: 'Back to the sheet', style: ButtonStyle.Primary });
  if (!current.startsWith('measured'))
    buttons.push({
      customId: id('measured'),
      label:
        result.measurements.length > 0 ? `Measurements (${result.measurements.length}) and compute` : 'Compute engines',
    });
  if (current !== 'sources') buttons.push({ customId: id('sources'), label: 'Price and sources' });
  if (current === 'sources' && sourcesOverflow(result))
    buttons.push({ customId: id('sources-2'), label: 'More sources' });
  return buttons;
}

function renderSheet(result: SpecsResult, options: OptionValues): ReplyPayload {
  const { machine, summary } = result;
  const link = machine.links.find(isUrl);
  const notes = machine.notes.slice(0, maxNotes).map((note) => `• ${escapeCatalogText(truncate(note, maxNoteLength))}`);
  const parts = machine.price.parts?.length ?? 0;
  const price = `**${formatNumber(summary.priceEur, 0)} EUR** · ${priceWords(summary)} · ${sourceLink(summary.priceSource, 'price source')}${parts > 0 ? ` · ${parts} parts on "Price and sources"` : ''}`;
  const embed = new EmbedBuilder()
    .setColor(colours.specs)
    .setTitle(truncate(machine.name, discordLimits.embedTitle))
    .setDescription(
      joinWithin(
        [`${escapeCatalogText(machine.vendor)} · ${machine.category} · ${code(machine.id)}`, price, ...notes],
        discordLimits.embedDescription,
      ),
    );
  if (link && link.length <= 2048) embed.setURL(link);
  const hardware = [
    processorLine(result),
    memoryLine(result),
    gpuLine(result),
    ...unusedEngineLines(result),
    expansionLine(result),
    powerLine(result),
  ];
  embed.addFields(embedField('Hardware', joinWithin(hardware, discordLimits.fieldValue)));
  if (result.estimates.length > 0) embed.addFields(estimatesField(result));
  const workload = result.estimates[0]?.estimate.workload;
  embed.setFooter(resultFooter([summary.priceAsOf], workload ? workloadWords(workload) : undefined));
  return replyPayload([embed], { buttons: pageButtons(result, options, 'sheet') });
}

/** The page the options name (a page button sets `page`); the sheet by default. */
export function renderSpecs(result: SpecsResult, options: OptionValues = {}): ReplyPayload {
  switch (options.page) {
    case 'measured':
    case 'measured-2':
    case 'measured-3':
    case 'measured-4':
    case 'measured-5':
    case 'measured-6':
      return renderSpecsMeasured(result, options.page, pageButtons(result, options, options.page), (page) =>
        specsPageId(result.machine.id, page, withoutPage(options)),
      );
    case 'sources':
    case 'sources-2':
      return renderSpecsSources(result, options.page, pageButtons(result, options, options.page));
    default:
      return renderSheet(result, options);
  }
}
