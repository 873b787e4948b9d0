/**
 * Where a model runs on a machine: on its GPU(s), on the GPU share of unified memory,
 * split between GPU and system RAM, or on the CPU. Each candidate placement says what
 * it needs and what it has, so "does not fit" comes with its reason.
 */
import { Backend } from '../catalog/schema.ts';
import type { HardwareProfile } from './hardware.ts';
import { kvCacheGb, weightsGb, type ModelSpec } from './model-spec.ts';

export type EngineKind = 'cpu' | 'igpu' | 'dgpu';
/** Efficiencies are calibrated per engine kind and backend, e.g. dgpu-cuda. */
export type EngineClass = `${EngineKind}-${Backend}`;
export type PlacementKind = 'gpu' | 'multi-gpu' | 'unified-gpu' | 'gpu+igpu' | 'gpu+cpu' | 'cpu';

/**
 * `${kind}-${backend}` from a table: a template literal would build a new string for
 * every stage of every placement ranking tries, and each calibration lookup would hash it.
 */
const engineClasses = Object.fromEntries(
  (['cpu', 'igpu', 'dgpu'] as const).map((kind) => [kind, Object.fromEntries(Backend.options.map((backend) => [backend, `${kind}-${backend}`]))]),
) as { [Kind in EngineKind]: { [B in Backend]: `${Kind}-${B}` } };

export function engineClassOf<Kind extends EngineKind>(kind: Kind, backend: Backend): `${Kind}-${Backend}` {
  return engineClasses[kind][backend];
}

/** A run of consecutive layers on one engine; a token passes through the stages in turn. */
export interface Stage {
  engine: EngineKind;
  engineClass: EngineClass;
  device: string;
  /** Share of the model's layers (and weights) held here, 0..1. */
  share: number;
  bandwidthGbps: number;
  computeTflops: number;
  /** Threads that synchronise after each graph node: the CPU's cores; 1 for a GPU (one stream). */
  syncThreads: number;
}

export interface Placement {
  kind: PlacementKind;
  backend: Backend;
  stages: Stage[];
  /** For a GPU with layers left in system RAM: the link those weights cross for batched prompt work. */
  offloadLinkGbps?: number;
  /** Cluster nodes the layers are split over, and the link between neighbours. */
  nodes: number;
  interconnect?: HardwareProfile['interconnect'];
  memory: MemoryNeed;
  /** The pool(s) the model must fit in, GB. */
  availableGb: number;
  fits: boolean;
  /**
   * Why it does not fit, in words; also set when it fits only by spilling to RAM. A
   * function, because ranking places thousands of models and words only the few shown.
   */
  reason?: () => string;
}

export interface MemoryNeed {
  weightsGb: number;
  kvCacheGb: number;
  buffersGb: number;
  totalGb: number;
}

/** Runtime buffers beyond weights and KV: compute graph and scratch (estimate: llama.cpp logs ~0.3-1.5 GB). */
export function buffersGb(weights: number): number {
  return 0.5 + 0.02 * weights;
}
/** What a GPU driver keeps of each card's VRAM (CUDA/ROCm context, display). */
export const vramReservePerCardGb = 0.5;
/** What the operating system keeps of system RAM. */
export function osReserveGb(systemMemoryGb: number): number {
  return Math.max(4, 0.08 * systemMemoryGb);
}

export function memoryNeed(spec: ModelSpec, contextTokens: number): MemoryNeed {
  const weights = weightsGb(spec);
  const kv = kvCacheGb(spec, contextTokens);
  const buffers = buffersGb(weights);
  return { weightsGb: weights, kvCacheGb: kv, buffersGb: buffers, totalGb: weights + kv + buffers };
}

export interface PlacementRequest {
  engine: 'auto' | 'cpu' | 'gpu';
  backend?: Backend;
}

/** RAM a model may use: what each node has, less what its operating system keeps. */
export function systemUsableGb(profile: Pick<HardwareProfile, 'systemMemoryGb' | 'nodes'>): number {
  const perNode = profile.systemMemoryGb / profile.nodes;
  return profile.nodes * (perNode - osReserveGb(perNode));
}

/** Every placement worth considering, fitting or not, for the requested engine. */
export function candidatePlacements(profile: HardwareProfile, need: MemoryNeed, request: PlacementRequest): Placement[] {
  const placements: Placement[] = [];
  const { nodes, interconnect } = profile;
  const usableGb = systemUsableGb(profile);
  const cpuStage = (share: number): Stage => ({
    engine: 'cpu',
    engineClass: 'cpu-cpu',
    device: profile.cpu.name,
    share,
    bandwidthGbps: profile.cpu.bandwidthGbps,
    computeTflops: profile.cpu.fp16Tflops,
    syncThreads: profile.cpu.threads,
  });
  const wantsBackend = (backend: Backend) => request.backend === undefined || request.backend === backend;

  if (request.engine !== 'cpu' && profile.dgpus.length > 0) {
    const shared = profile.dgpus.reduce<Backend[]>(
      (common, card) => common.filter((backend) => card.backends.includes(backend)),
      profile.dgpus[0]?.backends ?? [],
    );
    const usable = profile.dgpus.map((card) => Math.max(0, card.vramGb - vramReservePerCardGb));
    const vramGb = usable.reduce((total, gb) => total + gb, 0);
    for (const backend of shared.filter(wantsBackend)) {
      const gpuStages = profile.dgpus.map(
        (card, index): Stage => ({
          engine: 'dgpu',
          engineClass: engineClassOf('dgpu', backend),
          device: card.name,
          share: (usable[index] ?? 0) / vramGb,
          bandwidthGbps: card.bandwidthGbps,
          computeTflops: card.fp16Tflops,
          syncThreads: 1,
        }),
      );
      if (need.totalGb <= vramGb) {
        placements.push({ kind: profile.dgpus.length > 1 ? 'multi-gpu' : 'gpu', backend, stages: gpuStages, nodes, interconnect, memory: need, availableGb: vramGb, fits: true });
      } else {
        // Layers that do not fit in VRAM stay in system RAM and run on the CPU.
        const gpuWeightsGb = Math.max(0, vramGb - need.kvCacheGb - need.buffersGb);
        const gpuShare = Math.min(1, gpuWeightsGb / need.weightsGb);
        const fits = need.totalGb <= vramGb + usableGb;
        placements.push({
          kind: 'gpu+cpu',
          backend,
          stages: [...gpuStages.map((stage) => ({ ...stage, share: stage.share * gpuShare })), cpuStage(1 - gpuShare)],
          offloadLinkGbps: Math.min(...profile.dgpus.map((card) => card.linkGbps)),
          nodes,
          interconnect,
          memory: need,
          availableGb: vramGb + usableGb,
          fits,
          reason: () =>
            fits
              ? `${formatGb(need.totalGb)} needed but ${formatGb(vramGb)} of VRAM: ${Math.round((1 - gpuShare) * 100)} % of the weights stay in system RAM on the CPU`
              : `needs ${formatGb(need.totalGb)}, more than ${formatGb(vramGb)} of VRAM plus ${formatGb(usableGb)} of usable RAM`,
        });
        // An eGPU on a unified-memory machine: the layers that do not fit in VRAM run on the iGPU.
        const igpu = profile.igpu;
        const igpuBackend = igpu?.backends.find((candidate) => candidate === 'vulkan') ?? igpu?.backends[0];
        if (igpu && igpuBackend) {
          const restGb = (1 - gpuShare) * need.weightsGb;
          const igpuFits = restGb <= igpu.addressableGb && need.totalGb <= vramGb + usableGb;
          placements.push({
            kind: 'gpu+igpu',
            backend,
            stages: [
              ...gpuStages.map((stage) => ({ ...stage, share: stage.share * gpuShare })),
              { engine: 'igpu', engineClass: engineClassOf('igpu', igpuBackend), device: igpu.name, share: 1 - gpuShare, bandwidthGbps: igpu.bandwidthGbps, computeTflops: igpu.fp16Tflops, syncThreads: 1 },
            ],
            nodes,
            interconnect,
            memory: need,
            availableGb: vramGb + Math.min(igpu.addressableGb, usableGb),
            fits: igpuFits,
            reason: () =>
              igpuFits
                ? `${formatGb(need.totalGb)} needed but ${formatGb(vramGb)} of VRAM: ${Math.round((1 - gpuShare) * 100)} % of the weights run on the iGPU from unified memory`
                : `needs ${formatGb(need.totalGb)}, more than ${formatGb(vramGb)} of VRAM plus what the iGPU addresses`,
          });
        }
      }
    }
  }

  if (request.engine !== 'cpu' && profile.igpu) {
    const igpu = profile.igpu;
    for (const backend of igpu.backends.filter(wantsBackend)) {
      const gpuStage = (share: number): Stage => ({
        engine: 'igpu',
        engineClass: engineClassOf('igpu', backend),
        device: igpu.name,
        share,
        bandwidthGbps: igpu.bandwidthGbps,
        computeTflops: igpu.fp16Tflops,
        syncThreads: 1,
      });
      if (need.totalGb <= igpu.addressableGb) {
        placements.push({ kind: 'unified-gpu', backend, stages: [gpuStage(1)], nodes, interconnect, memory: need, availableGb: igpu.addressableGb, fits: true });
      } else {
        const gpuShare = Math.min(1, Math.max(0, igpu.addressableGb - need.kvCacheGb - need.buffersGb) / need.weightsGb);
        const fits = need.totalGb <= usableGb;
        placements.push({
          kind: 'gpu+cpu',
          backend,
          stages: [gpuStage(gpuShare), cpuStage(1 - gpuShare)],
          nodes,
          interconnect,
          memory: need,
          availableGb: usableGb,
          fits,
          reason: () =>
            fits
              ? `${formatGb(need.totalGb)} needed but the GPU addresses ${formatGb(igpu.addressableGb)}: ${Math.round((1 - gpuShare) * 100)} % of the weights run on the CPU`
              : `needs ${formatGb(need.totalGb)}, more than the ${formatGb(usableGb)} of usable memory (${formatGb(profile.systemMemoryGb)} installed)`,
        });
      }
    }
  }

  if (request.engine !== 'gpu' && wantsBackend('cpu')) {
    const fits = need.totalGb <= usableGb;
    placements.push({
      kind: 'cpu',
      backend: 'cpu',
      stages: [cpuStage(1)],
      nodes,
      interconnect,
      memory: need,
      availableGb: usableGb,
      fits,
      ...(fits ? {} : { reason: () => `needs ${formatGb(need.totalGb)}, more than the ${formatGb(usableGb)} of usable RAM (${formatGb(profile.systemMemoryGb)} installed)` }),
    });
  }
  return placements;
}

export function formatGb(gb: number): string {
  return `${gb >= 100 ? Math.round(gb) : Math.round(gb * 10) / 10} GB`;
}
