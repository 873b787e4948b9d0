/**
 * /compare: two machines side by side, spec by spec and estimate by estimate, the
 * better side of each row marked.
 */
import type { Machine } from '../catalog/schema.ts';
import { machineWatts } from './running-cost.ts';
import type { Advisor } from './advisor.ts';
import { estimateMachine, type MachineEstimate } from './estimate-machine.ts';
import { userError, type Outcome } from './outcome.ts';
import { resolveMachine, resolveModelQuery, type ModelQuery } from './resolve.ts';
import { resolveWorkload, type WorkloadQuery } from './workload.ts';

export interface CompareQuery extends ModelQuery, WorkloadQuery {
  machineA: string;
  machineB: string;
}

export type CellValue = number | string | null;

/** Every row /compare shows, spec rows then estimate rows (src/format/compare.ts labels them). */
export type CompareRowKey =
  | 'price'
  | 'category'
  | 'chip'
  | 'gpus'
  | 'memory'
  | 'bandwidth'
  | 'gpu-memory'
  | 'compute'
  | 'pcie'
  | 'usb4'
  | 'ethernet'
  | 'power'
  | 'fits'
  | 'headroom'
  | 'tg'
  | 'pp'
  | 'ttft'
  | 'value'
  | 'eur-per-tps'
  | 'electricity'
  | 'total-cost';

export interface CompareRow {
  key: CompareRowKey;
  unit?: string;
  /** ttft: the prompt the first token waits for, tokens. */
  promptTokens?: number;
  /** total-cost: the years of electricity added to the price. */
  years?: number;
  a: CellValue;
  b: CellValue;
  /** Which side is better on this row; null when equal or not comparable. */
  better: 'a' | 'b' | null;
}

export interface CompareResult {
  a: MachineEstimate;
  b: MachineEstimate;
  /** The model compared on: the one asked for, or the default. */
  modelIsDefault: boolean;
  specRows: CompareRow[];
  estimateRows: CompareRow[];
  /** The machine that runs the model when only one does; else the one with more generation speed per euro. */
  betterValue: 'a' | 'b' | null;
}

/** Without a model, machines are compared on the question most buyers ask about. */
export const defaultCompareModel = { model: 'llama-3.3-70b', quant: 'Q4_K_M' };

function row(
  key: CompareRowKey,
  a: CellValue,
  b: CellValue,
  direction: 'higher' | 'lower' | 'none',
  unit?: string,
  figures: Pick<CompareRow, 'promptTokens' | 'years'> = {},
): CompareRow {
  // An unknown side (no power figure, model does not fit) is never "worse": no mark then.
  let better: CompareRow['better'] = null;
  if (direction !== 'none' && typeof a === 'number' && typeof b === 'number' && a !== b)
    better = (direction === 'higher') === a > b ? 'a' : 'b';
  return { key, a, b, better, ...(unit ? { unit } : {}), ...figures };
}

function gpuMemoryGb(advisor: Advisor, machine: Machine): number | null {
  const vram = machine.gpus.reduce(
    (total, gpu) => total + (advisor.catalog.chip(gpu.chip)?.memory.vram_gb ?? 0) * gpu.count,
    0,
  );
  if (vram > 0) return vram;
  return machine.memory.gpu_addressable_gb ?? null;
}

/** The fastest FP16 engine an LLM runtime can use (NPUs excluded), summed over GPUs. */
function usableTflops(advisor: Advisor, machine: Machine): number {
  const chip = advisor.catalog.chip(machine.chip);
  const own = Math.max(
    0,
    ...(chip?.engines ?? []).filter((engine) => engine.backends.length > 0).map((engine) => engine.fp16_tflops),
  );
  const gpus = machine.gpus.reduce((total, gpu) => {
    const engine = advisor.catalog.chip(gpu.chip)?.engines.find((candidate) => candidate.kind === 'dgpu');
    return total + (engine?.fp16_tflops ?? 0) * gpu.count;
  }, 0);
  return Math.max(own, gpus);
}

function pcieText(machine: Machine): string {
  if (machine.expansion.pcie_slots.length === 0) return 'none';
  return machine.expansion.pcie_slots.map((slot) => `${slot.count}× PCIe ${slot.gen}.0 x${slot.lanes}`).join(', ');
}

export function compare(advisor: Advisor, query: CompareQuery): Outcome<CompareResult> {
  const machineA = resolveMachine(advisor.catalog, query.machineA);
  if (!machineA.ok) return machineA;
  const machineB = resolveMachine(advisor.catalog, query.machineB);
  if (!machineB.ok) return machineB;
  if (machineA.value.id === machineB.value.id)
    return userError(
      { code: 'same-machine' },
      advisor.catalog.machineSearch
        .suggest(query.machineB, 4)
        .map((found) => found.id)
        .filter((id) => id !== machineA.value.id),
    );

  const modelIsDefault = query.model === undefined && query.modelSizeGb === undefined;
  const spec = resolveModelQuery(
    advisor,
    modelIsDefault ? { ...defaultCompareModel, ...(query.quant ? { quant: query.quant } : {}) } : query,
  );
  if (!spec.ok) return spec;
  const workload = resolveWorkload(spec.value, query);
  if (!workload.ok) return workload;

  const [a, b] = [machineA.value, machineB.value];
  const estimateA = estimateMachine(advisor, a, spec.value, workload.value);
  const estimateB = estimateMachine(advisor, b, spec.value, workload.value);
  const chipName = (machine: Machine) => advisor.catalog.chip(machine.chip)?.name ?? machine.chip;
  const gpuNames = (machine: Machine) =>
    machine.gpus.length === 0
      ? 'integrated only'
      : machine.gpus.map((gpu) => `${gpu.count}× ${advisor.catalog.chip(gpu.chip)?.name ?? gpu.chip}`).join(' + ');

  const specRows: CompareRow[] = [
    row('price', estimateA.machine.priceEur, estimateB.machine.priceEur, 'lower', 'EUR'),
    row('category', a.category, b.category, 'none'),
    row('chip', chipName(a), chipName(b), 'none'),
    row('gpus', gpuNames(a), gpuNames(b), 'none'),
    row('memory', a.memory.capacity_gb, b.memory.capacity_gb, 'higher', 'GB'),
    row('bandwidth', a.memory.bandwidth_gbps, b.memory.bandwidth_gbps, 'higher', 'GB/s'),
    row('gpu-memory', gpuMemoryGb(advisor, a), gpuMemoryGb(advisor, b), 'higher', 'GB'),
    row('compute', usableTflops(advisor, a), usableTflops(advisor, b), 'higher', 'TFLOPS'),
    row('pcie', pcieText(a), pcieText(b), 'none'),
    row(
      'usb4',
      a.expansion.usb4_ports + a.expansion.thunderbolt_ports,
      b.expansion.usb4_ports + b.expansion.thunderbolt_ports,
      'higher',
    ),
    row('ethernet', a.expansion.ethernet_gbps, b.expansion.ethernet_gbps, 'higher', 'Gbit/s'),
    // The same watts the electricity rows use, so the rows agree (QA #19).
    row(
      'power',
      machineWatts(advisor.catalog, a)?.load ?? null,
      machineWatts(advisor.catalog, b)?.load ?? null,
      'none',
      'W',
    ),
  ];
  const tg = (entry: MachineEstimate) => entry.estimate.tg?.tokensPerSecond ?? null;
  const pp = (entry: MachineEstimate) => entry.estimate.pp?.tokensPerSecond ?? null;
  const eurPerTps = (entry: MachineEstimate) => {
    const speed = tg(entry);
    return speed === null || speed <= 0 ? null : entry.machine.priceEur / speed;
  };
  const perEuro = (entry: MachineEstimate) => {
    const speed = tg(entry);
    return speed === null ? null : (speed / entry.machine.priceEur) * 1000;
  };
  const estimateRows: CompareRow[] = [
    row('fits', estimateA.estimate.fits ? 'yes' : 'no', estimateB.estimate.fits ? 'yes' : 'no', 'none'),
    row('headroom', estimateA.estimate.memory.headroomGb, estimateB.estimate.memory.headroomGb, 'higher', 'GB'),
    row('tg', tg(estimateA), tg(estimateB), 'higher', 'tok/s'),
    row('pp', pp(estimateA), pp(estimateB), 'higher', 'tok/s'),
    row(
      'ttft',
      estimateA.estimate.timeToFirstTokenSeconds ?? null,
      estimateB.estimate.timeToFirstTokenSeconds ?? null,
      'lower',
      's',
      { promptTokens: workload.value.promptTokens },
    ),
    row('value', perEuro(estimateA), perEuro(estimateB), 'higher', 'tok/s'),
    // Price over speed needs no power figure (QA #18: a machine without one showed none while the chart did).
    row('eur-per-tps', eurPerTps(estimateA), eurPerTps(estimateB), 'lower', 'EUR'),
    row(
      'electricity',
      estimateA.runningCost?.eurPerMillionTokens ?? null,
      estimateB.runningCost?.eurPerMillionTokens ?? null,
      'lower',
      'EUR',
    ),
    row(
      'total-cost',
      estimateA.runningCost?.totalCostEur ?? null,
      estimateB.runningCost?.totalCostEur ?? null,
      'lower',
      'EUR',
      { years: advisor.costs.years },
    ),
  ];
  // Fits beats not fitting, whatever the number rows say.
  const fitsRow = estimateRows[0];
  if (fitsRow && estimateA.estimate.fits !== estimateB.estimate.fits)
    fitsRow.better = estimateA.estimate.fits ? 'a' : 'b';
  const valueRow = estimateRows.find((candidate) => candidate.key === 'value');
  const onlyOneFits = estimateA.estimate.fits !== estimateB.estimate.fits;
  const betterValue = onlyOneFits ? (estimateA.estimate.fits ? 'a' : 'b') : (valueRow?.better ?? null);
  return { ok: true, value: { a: estimateA, b: estimateB, modelIsDefault, specRows, estimateRows, betterValue } };
}
