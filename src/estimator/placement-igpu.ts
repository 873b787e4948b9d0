/** Placements on a SoC's integrated GPU, in unified memory. */
import type { Backend } from '../catalog/schema.ts';
import { decimalGb } from './placement-memory.ts';
import {
  engineClassOf,
  placementOf,
  stageOf,
  type Placement,
  type PlacementContext,
  type Stage,
} from './placement-parts.ts';

/** A SoC's iGPU: in its addressable share of unified memory, or spilling the rest to the CPU. */
export function integratedGpuPlacements(
  context: PlacementContext,
  wantsBackend: (backend: Backend) => boolean,
): Placement[] {
  const { profile, need, usableGb, cpuStage } = context;
  const igpu = profile.igpu;
  if (!igpu) return [];
  const addressableGb = decimalGb(igpu.addressableGb);
  return igpu.backends.filter(wantsBackend).map((backend): Placement => {
    const gpuStage = (share: number): Stage =>
      stageOf({
        engine: 'igpu',
        engineClass: engineClassOf('igpu', backend),
        device: igpu.name,
        share,
        bandwidthGbps: igpu.bandwidthGbps,
        computeTflops: igpu.fp16Tflops,
        syncThreads: 1,
      });
    if (need.totalGb <= addressableGb)
      return placementOf(context, {
        kind: 'unified-gpu',
        backend,
        stages: [gpuStage(1)],
        availableGb: addressableGb,
        fits: true,
        llamaCppFlags: ['-ngl 99'],
      });
    const gpuShare = Math.min(1, Math.max(0, addressableGb - need.kvCacheGb - need.buffersGb) / need.weightsGb);
    const fits = need.totalGb <= usableGb;
    return placementOf(context, {
      kind: 'gpu+cpu',
      backend,
      stages: [gpuStage(gpuShare), cpuStage(1 - gpuShare)],
      availableGb: usableGb,
      fits,
      llamaCppFlags: [`-ngl ${Math.floor(gpuShare * need.layers)}`],
      shortfall: fits
        ? { code: 'igpu-spills-to-cpu', neededGb: need.totalGb, addressableGb, cpuShare: 1 - gpuShare }
        : {
            code: 'exceeds-unified-memory',
            neededGb: need.totalGb,
            usableGb,
            installedGb: profile.systemMemoryGb,
          },
    });
  });
}
