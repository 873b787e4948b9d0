/**
 * Where a model runs on a machine: on its GPU(s), on the GPU share of unified memory,
 * split between GPU and system RAM, or on the CPU. Each candidate placement says what
 * it needs and what it has, so "does not fit" comes with its reason.
 */
import type { Backend } from '../catalog/schema.ts';
import type { HardwareProfile } from './hardware.ts';
import { discreteGpuPlacements } from './placement-gpu.ts';
import { integratedGpuPlacements } from './placement-igpu.ts';
import type { MemoryNeed } from './placement-memory.ts';
import {
  placementContext,
  placementOf,
  type Placement,
  type PlacementContext,
  type PlacementRequest,
} from './placement-parts.ts';

export {
  engineClassOf,
  expertHandoffSecondsPerLayer,
  expertNodeShare,
  stageOf,
  type EngineClass,
  type Placement,
  type PlacementKind,
  type PlacementShortfall,
  type PlacementRequest,
  type Stage,
} from './placement-parts.ts';
export {
  buffersGb,
  cardUsableGb,
  decimalGb,
  memoryNeed,
  osReserveGb,
  systemUsableGb,
  vramReservePerCardGb,
  type MemoryNeed,
} from './placement-memory.ts';

/** Every placement worth considering, fitting or not, for the requested engine. */
export function candidatePlacements(
  profile: HardwareProfile,
  need: MemoryNeed,
  request: PlacementRequest,
): Placement[] {
  const context = placementContext(profile, need);
  const wantsBackend = (backend: Backend) => request.backend === undefined || request.backend === backend;
  return [
    ...(request.engine !== 'cpu' ? discreteGpuPlacements(context, wantsBackend) : []),
    ...(request.engine !== 'cpu' ? integratedGpuPlacements(context, wantsBackend) : []),
    ...(request.engine !== 'gpu' && wantsBackend('cpu') ? [cpuPlacement(context)] : []),
  ];
}

/** The CPU alone, in system RAM. */
function cpuPlacement(context: PlacementContext): Placement {
  const { profile, need, usableGb, cpuStage } = context;
  const fits = need.totalGb <= usableGb;
  return placementOf(context, {
    kind: 'cpu',
    backend: 'cpu',
    stages: [cpuStage(1)],
    availableGb: usableGb,
    fits,
    llamaCppFlags: ['-ngl 0', `-t ${profile.cpu.threads}`],
    shortfall: fits
      ? undefined
      : { code: 'exceeds-ram', neededGb: need.totalGb, usableGb, installedGb: profile.systemMemoryGb },
  });
}

/**
 * The same placement with its CPU stages on `threads` threads instead of one per core (llama.cpp
 * -t): their compute scales with the cores used, their barriers with the threads that cross them.
 * Applied to a placement as built (one thread per core).
 */
export function withCpuThreads(placement: Placement, threads: number): Placement {
  if (!placement.stages.some((stage) => stage.engine === 'cpu' && stage.syncThreads !== threads)) return placement;
  return {
    ...placement,
    stages: placement.stages.map((stage) =>
      stage.engine !== 'cpu' || stage.syncThreads === threads
        ? stage
        : {
            ...stage,
            syncThreads: threads,
            computeTflops: (stage.computeTflops * Math.min(threads, stage.syncThreads)) / stage.syncThreads,
          },
    ),
  };
}

/** Cores of the placement's CPU stage when it holds part of the model. */
export function cpuCoresOf(placement: Placement): number | undefined {
  return placement.stages.find((stage) => stage.engine === 'cpu' && stage.share > 0)?.syncThreads;
}
