/**
 * /specs: one machine's full sheet with sources and the price's date, its published
 * measurements, and estimates for a few common model sizes.
 */
import type { Chip, Machine } from '../catalog/schema.ts';
import type { HardwareProfile } from '../estimator/index.ts';
import type { Advisor } from './advisor.ts';
import { estimateMachine, type MachineEstimate } from './estimate-machine.ts';
import { measurementsFor, type Measurement } from './measurements.ts';
import type { Outcome } from './outcome.ts';
import { resolveMachine, resolveModelQuery, type ModelQuery } from './resolve.ts';
import { asList, summariseMachine, type MachineSummary } from './summary.ts';
import { resolveWorkload, runOptions, type WorkloadQuery } from './workload.ts';

export interface SpecsQuery extends ModelQuery, WorkloadQuery {
  machine: string;
}

export interface SpecsResult {
  summary: MachineSummary;
  machine: Machine;
  chip?: Chip;
  gpus: { chip: Chip; count: number }[];
  profile: HardwareProfile;
  /** The model the user asked about, first, then the standard set. */
  estimates: MachineEstimate[];
  measurements: Measurement[];
  sources: string[];
}

/** The standard sizes every sheet estimates: small, mid, large dense at Q4_K_M, and the survey's 10 GB model. */
export const standardModels: readonly ModelQuery[] = [
  { model: 'llama-3.1-8b', quant: 'Q4_K_M' },
  { model: 'qwen3-32b', quant: 'Q4_K_M' },
  { model: 'llama-3.3-70b', quant: 'Q4_K_M' },
  { model: 'gpt-oss-120b', quant: 'MXFP4' },
  { modelSizeGb: 10 },
];

export function specs(advisor: Advisor, query: SpecsQuery): Outcome<SpecsResult> {
  const found = resolveMachine(advisor.catalog, query.machine);
  if (!found.ok) return found;
  const machine = found.value;

  const asked = query.model !== undefined || query.modelSizeGb !== undefined ? [query] : [];
  const estimates: MachineEstimate[] = [];
  for (const modelQuery of [...asked, ...standardModels]) {
    const spec = resolveModelQuery(advisor, modelQuery);
    if (!spec.ok) {
      if (modelQuery === query) return spec;
      continue; // a standard model missing from an edited catalog is skipped, not an error
    }
    if (
      estimates.some(
        (entry) =>
          entry.estimate.model.id === spec.value.id && entry.estimate.model.quantization === spec.value.quantization,
      )
    )
      continue;
    // The standard rows answer the same question of how it is run: backend, KV type, users.
    const workload = resolveWorkload(
      spec.value,
      modelQuery === query ? query : { contextTokens: query.contextTokens ?? 4096, ...runOptions(query) },
    );
    if (!workload.ok) {
      if (modelQuery === query) return workload;
      continue;
    }
    estimates.push(estimateMachine(advisor, machine, spec.value, workload.value));
  }

  const chip = advisor.catalog.chip(machine.chip);
  const gpus = machine.gpus.flatMap((gpu) => {
    const gpuChip = advisor.catalog.chip(gpu.chip);
    return gpuChip ? [{ chip: gpuChip, count: gpu.count }] : [];
  });
  const sources = [
    ...asList(machine.memory.source),
    ...asList(machine.expansion.source),
    ...asList(machine.price.source),
    ...(machine.power ? asList(machine.power.source) : []),
    ...(chip ? asList(chip.memory.source) : []),
  ].filter((source, index, all) => source.startsWith('http') && all.indexOf(source) === index);

  return {
    ok: true,
    value: {
      summary: summariseMachine(advisor.catalog, machine, advisor.today),
      machine,
      ...(chip ? { chip } : {}),
      gpus,
      profile: advisor.estimator.profile(machine),
      estimates,
      measurements: measurementsFor(advisor.catalog, machine),
      sources,
    },
  };
}
