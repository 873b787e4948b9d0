/**
 * Where a model runs on a machine: on its GPU(s), on the GPU share of unified memory,
 * split between GPU and system RAM, or on the CPU. Each candidate placement says what
 * it needs and what it has, so "does not fit" comes with its reason.
 */
import { Backend, RunnableEngineKind } from '../catalog/schema.ts';
import type { HardwareProfile } from './hardware.ts';
import { kvBytesPerElement, kvCacheGb, weightsGb, type KvCacheType, type ModelSpec } from './model-spec.ts';

/** Efficiencies are calibrated per engine kind and backend, e.g. dgpu-cuda. */
export type EngineClass = `${RunnableEngineKind}-${Backend}`;
export type PlacementKind = 'gpu' | 'multi-gpu' | 'unified-gpu' | 'gpu+igpu' | 'gpu+cpu' | 'gpu+cpu-experts' | 'cpu';

/**
 * `${kind}-${backend}` from a table: a template literal would build a new string for
 * every stage of every placement ranking tries, and each calibration lookup would hash it.
 */
const engineClasses = Object.fromEntries(
  RunnableEngineKind.options.map((kind) => [
    kind,
    Object.fromEntries(Backend.options.map((backend) => [backend, `${kind}-${backend}`])),
  ]),
) as { [Kind in RunnableEngineKind]: { [B in Backend]: `${Kind}-${B}` } };

export function engineClassOf<Kind extends RunnableEngineKind>(kind: Kind, backend: Backend): `${Kind}-${Backend}` {
  return engineClasses[kind][backend];
}

/** A run of consecutive layers on one engine; a token passes through the stages in turn. */
export interface Stage {
  engine: RunnableEngineKind;
  engineClass: EngineClass;
  device: string;
  /** Share of the model's layers (and weights) held here, 0..1. */
  share: number;
  bandwidthGbps: number;
  computeTflops: number;
  /** Threads that synchronise after each graph node: the CPU's cores; 1 for a GPU (one stream). */
  syncThreads: number;
  /** Share of the weights a token reads that are read here; `share` when not given. */
  activeShare?: number;
  /** Share of the KV cache held and read here; `share` when not given. */
  kvShare?: number;
  /** Layers' worth of per-layer launches and barriers run here, as a share of all; `share` when not given. */
  layerShare?: number;
}

type StageShares = Pick<Stage, 'activeShare' | 'kvShare' | 'layerShare'>;

/**
 * A stage with every field, in one order: ranking builds thousands per question, and spreads
 * that add a field or not (`{ ...stage, share }`) made stages of several shapes, which slowed
 * every read of them in the physics. `shares` default to `share` as the fields say.
 */
export function stageOf(fields: Omit<Stage, keyof StageShares>, shares?: StageShares): Stage {
  return {
    engine: fields.engine,
    engineClass: fields.engineClass,
    device: fields.device,
    share: fields.share,
    bandwidthGbps: fields.bandwidthGbps,
    computeTflops: fields.computeTflops,
    syncThreads: fields.syncThreads,
    activeShare: shares?.activeShare,
    kvShare: shares?.kvShare,
    layerShare: shares?.layerShare,
  };
}

/** The same stage holding another share of the layers. */
function withShare(stage: Stage, share: number, shares?: StageShares): Stage {
  return stageOf({ ...stage, share }, shares);
}

/**
 * Graph nodes of a layer that a CPU runs when it holds only the routed experts (gate, up,
 * down, activation, weighting, of a layer's ~24). Estimate, from llama.cpp's MoE graph.
 */
export const expertNodeShare = 0.25;

/**
 * Seconds per layer per token to hand the hidden state from GPU to CPU and back when the
 * experts of that layer are in RAM: two small copies and their syncs (estimate: ~10 µs each).
 */
export const expertHandoffSecondsPerLayer = 2 * 10e-6;

export interface Placement {
  kind: PlacementKind;
  backend: Backend;
  stages: Stage[];
  /** For a GPU with layers left in system RAM: the link those weights cross for batched prompt work. */
  offloadLinkGbps?: number;
  /** Cluster nodes the layers are split over, and the link between neighbours. */
  nodes: number;
  /** Seconds per generated token beyond reads and launches: GPU-CPU hand-offs of a hybrid placement. */
  handoffSeconds?: number;
  /** The llama.cpp options that run this placement. */
  llamaCppFlags: string[];
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
  /** MoE only: weights of the routed experts, and the share of a token's reads that falls in them. */
  routedExperts?: { weightsGb: number; activeShare: number };
  layers: number;
  kvCacheGb: number;
  buffersGb: number;
  totalGb: number;
}

/** Runtime buffers beyond weights and KV: compute graph and scratch (estimate: llama.cpp logs ~0.3-1.5 GB). */
export function buffersGb(weights: number): number {
  return 0.5 + 0.02 * weights;
}
/**
 * Memory sizes as vendors and the catalog write them are binary: a "24 GB" RTX 3090 has
 * 24,576 MiB, a "128 GB" box 128 GiB. Model files and KV caches are counted in decimal GB
 * (1e9 bytes, as Hugging Face lists files), so capacities are converted before they are
 * compared; the profile keeps the catalog's figures for display.
 */
export function decimalGb(catalogGb: number): number {
  return (catalogGb * 2 ** 30) / 1e9;
}

/** What a GPU driver keeps of each card's VRAM (CUDA/ROCm context, display). */
export const vramReservePerCardGb = 0.5;

/** VRAM a model may use on one card, decimal GB. */
export function cardUsableGb(card: Pick<HardwareProfile['dgpus'][number], 'vramGb'>): number {
  return Math.max(0, decimalGb(card.vramGb) - vramReservePerCardGb);
}
/** What the operating system keeps of system RAM. */
export function osReserveGb(systemMemoryGb: number): number {
  return Math.max(4, 0.08 * systemMemoryGb);
}

/** N parallel sequences (llama-server -np N) each keep their own KV cache of the full context. */
export function memoryNeed(
  spec: ModelSpec,
  contextTokens: number,
  kvCache: KvCacheType = 'f16',
  sequences = 1,
): MemoryNeed {
  const weights = weightsGb(spec);
  const kv = sequences * kvCacheGb(spec, contextTokens, kvBytesPerElement[kvCache]);
  const buffers = buffersGb(weights);
  const routed = spec.routedExperts;
  return {
    weightsGb: weights,
    ...(routed
      ? {
          routedExperts: {
            weightsGb: (weights * routed.paramsBillions) / spec.paramsBillions,
            activeShare: routed.activeParamsBillions / spec.activeParamsBillions,
          },
        }
      : {}),
    layers: spec.layers,
    kvCacheGb: kv,
    buffersGb: buffers,
    totalGb: weights + kv + buffers,
  };
}

export interface PlacementRequest {
  engine: 'auto' | 'cpu' | 'gpu';
  backend?: Backend;
}

/** RAM a model may use: what each node has, less what its operating system keeps. */
export function systemUsableGb(profile: Pick<HardwareProfile, 'systemMemoryGb' | 'nodes'>): number {
  const perNode = decimalGb(profile.systemMemoryGb) / profile.nodes;
  return profile.nodes * (perNode - osReserveGb(perNode));
}

/** What every placement on one machine shares: its CPU, its usable RAM, its cluster shape. */
interface PlacementContext {
  profile: HardwareProfile;
  need: MemoryNeed;
  usableGb: number;
  base: Pick<Placement, 'nodes' | 'interconnect' | 'memory'>;
  cpuStage: (share: number, shares?: StageShares) => Stage;
}

function placementContext(profile: HardwareProfile, need: MemoryNeed): PlacementContext {
  return {
    profile,
    need,
    usableGb: systemUsableGb(profile),
    base: {
      nodes: profile.nodes,
      ...(profile.interconnect ? { interconnect: profile.interconnect } : {}),
      memory: need,
    },
    cpuStage: (share, shares) =>
      stageOf(
        {
          engine: 'cpu',
          engineClass: 'cpu-cpu',
          device: profile.cpu.name,
          share,
          bandwidthGbps: profile.cpu.bandwidthGbps,
          computeTflops: profile.cpu.fp16Tflops,
          syncThreads: profile.cpu.threads,
        },
        shares,
      ),
  };
}

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

/** The dGPU(s): all in VRAM, spilling layers to RAM, routed experts in RAM, or spilling onto an iGPU. */
function discreteGpuPlacements(context: PlacementContext, wantsBackend: (backend: Backend) => boolean): Placement[] {
  const { profile, need, usableGb, base, cpuStage } = context;
  if (profile.dgpus.length === 0) return [];
  const shared = profile.dgpus.reduce<Backend[]>(
    (common, card) => common.filter((backend) => card.backends.includes(backend)),
    profile.dgpus[0]?.backends ?? [],
  );
  const usable = profile.dgpus.map(cardUsableGb);
  const vramGb = usable.reduce((total, gb) => total + gb, 0);
  const multi = profile.dgpus.length > 1;
  const placements: Placement[] = [];
  for (const backend of shared.filter(wantsBackend)) {
    const gpuStages = profile.dgpus.map((card, index): Stage =>
      stageOf({
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
      placements.push({
        kind: multi ? 'multi-gpu' : 'gpu',
        backend,
        stages: gpuStages,
        ...base,
        availableGb: vramGb,
        fits: true,
        llamaCppFlags: ['-ngl 99'],
      });
      continue;
    }
    const offloadLinkGbps = Math.min(...profile.dgpus.map((card) => card.linkGbps));
    // Layers that do not fit in VRAM stay in system RAM and run on the CPU.
    const gpuWeightsGb = Math.max(0, vramGb - need.kvCacheGb - need.buffersGb);
    const gpuShare = Math.min(1, gpuWeightsGb / need.weightsGb);
    const fits = need.totalGb <= vramGb + usableGb;
    const gpuLayers = Math.floor(gpuShare * need.layers);
    placements.push({
      kind: 'gpu+cpu',
      backend,
      stages: [...gpuStages.map((stage) => withShare(stage, stage.share * gpuShare)), cpuStage(1 - gpuShare)],
      offloadLinkGbps,
      ...base,
      availableGb: vramGb + usableGb,
      fits,
      llamaCppFlags: [`-ngl ${gpuLayers}`],
      reason: () =>
        fits
          ? `${formatGb(need.totalGb)} needed but ${formatGb(vramGb)} of VRAM: ${Math.round((1 - gpuShare) * 100)} % of the weights stay in system RAM on the CPU`
          : `needs ${formatGb(need.totalGb)}, more than ${formatGb(vramGb)} of VRAM plus ${formatGb(usableGb)} of usable RAM`,
    });
    const hybrid = expertOffloadPlacement(context, backend, gpuStages, gpuWeightsGb, offloadLinkGbps);
    if (hybrid) placements.push({ ...hybrid, availableGb: vramGb + usableGb });
    // One per iGPU backend: the iGPU runs what its owner would run on it (ROCm or Vulkan), not what the eGPU runs.
    for (const igpuBackend of profile.igpu?.backends ?? []) {
      const igpuSpill = igpuSpillPlacement(context, backend, igpuBackend, gpuStages, gpuShare, vramGb);
      if (igpuSpill) placements.push(igpuSpill);
    }
  }
  return placements;
}

/**
 * An MoE too big for VRAM: attention, shared experts and dense layers on the GPU(s) with
 * the KV cache, the routed experts of as many layers as needed in RAM on the CPU
 * (llama.cpp --n-cpu-moe N; -ot exps=CPU for all of them). A token reads only k of E experts,
 * so the CPU's share of the reads is small even when it holds most of the weights.
 */
function expertOffloadPlacement(
  context: PlacementContext,
  backend: Backend,
  gpuStages: Stage[],
  gpuWeightsGb: number,
  offloadLinkGbps: number,
): Omit<Placement, 'availableGb'> | undefined {
  const { need, usableGb, base, cpuStage } = context;
  const routed = need.routedExperts;
  if (!routed) return undefined;
  const alwaysReadGb = need.weightsGb - routed.weightsGb;
  if (alwaysReadGb > gpuWeightsGb) return undefined; // not even the dense part fits: plain spill is all there is
  // Experts go to RAM by whole layers: the first N layers' experts, as llama.cpp's --n-cpu-moe does.
  const expertLayersOnGpu = Math.floor(
    (Math.min(routed.weightsGb, gpuWeightsGb - alwaysReadGb) / routed.weightsGb) * need.layers,
  );
  const cpuExpertLayers = need.layers - expertLayersOnGpu;
  const cpuExpertShare = cpuExpertLayers / need.layers;
  const ramGb = cpuExpertShare * routed.weightsGb;
  const fits = ramGb <= usableGb;
  const gpuWeightShare = 1 - ramGb / need.weightsGb;
  const cpuActiveShare = routed.activeShare * cpuExpertShare;
  return {
    kind: 'gpu+cpu-experts',
    backend,
    stages: [
      ...gpuStages.map((stage) =>
        withShare(stage, stage.share * gpuWeightShare, {
          activeShare: stage.share * (1 - cpuActiveShare),
          kvShare: stage.share,
          layerShare: stage.share,
        }),
      ),
      cpuStage(ramGb / need.weightsGb, {
        activeShare: cpuActiveShare,
        kvShare: 0,
        layerShare: cpuExpertShare * expertNodeShare,
      }),
    ],
    offloadLinkGbps,
    handoffSeconds: cpuExpertLayers * expertHandoffSecondsPerLayer,
    ...base,
    fits,
    llamaCppFlags: ['-ngl 99', cpuExpertLayers >= need.layers ? '-ot exps=CPU' : `--n-cpu-moe ${cpuExpertLayers}`],
    reason: () =>
      fits
        ? `${formatGb(need.totalGb)} needed, more than the VRAM holds: the routed experts of ${cpuExpertLayers} of ${need.layers} layers (${formatGb(ramGb)}) stay in system RAM on the CPU; attention, shared weights and the KV cache stay on the GPU`
        : `the routed experts left for RAM (${formatGb(ramGb)}) exceed the ${formatGb(usableGb)} of usable RAM`,
  };
}

/**
 * An eGPU on a unified-memory machine: the layers that do not fit in VRAM run on the iGPU, on
 * its own backend. Two backends in one process need a llama.cpp build with both loaded
 * (GGML_BACKEND_DL, e.g. CUDA + HIP) or an RPC server for the iGPU; one backend needs neither.
 */
function igpuSpillPlacement(
  context: PlacementContext,
  backend: Backend,
  igpuBackend: Backend,
  gpuStages: Stage[],
  gpuShare: number,
  vramGb: number,
): Placement | undefined {
  const { profile, need, usableGb, base } = context;
  const igpu = profile.igpu;
  if (!igpu) return undefined;
  const restGb = (1 - gpuShare) * need.weightsGb;
  const addressableGb = decimalGb(igpu.addressableGb);
  const fits = restGb <= addressableGb && need.totalGb <= vramGb + usableGb;
  return {
    kind: 'gpu+igpu',
    backend,
    stages: [
      ...gpuStages.map((stage) => withShare(stage, stage.share * gpuShare)),
      stageOf({
        engine: 'igpu',
        engineClass: engineClassOf('igpu', igpuBackend),
        device: igpu.name,
        share: 1 - gpuShare,
        bandwidthGbps: igpu.bandwidthGbps,
        computeTflops: igpu.fp16Tflops,
        syncThreads: 1,
      }),
    ],
    ...base,
    availableGb: vramGb + Math.min(addressableGb, usableGb),
    fits,
    llamaCppFlags: [
      '-ngl 99',
      `--device ${deviceName(backend, 0)},${deviceName(igpuBackend, igpuBackend === backend ? 1 : 0)}`,
      `--tensor-split ${Math.round(gpuShare * 100)},${Math.round((1 - gpuShare) * 100)}`,
    ],
    reason: () =>
      fits
        ? `${formatGb(need.totalGb)} needed but ${formatGb(vramGb)} of VRAM: ${Math.round((1 - gpuShare) * 100)} % of the weights run on the iGPU from unified memory (${igpuBackend}${igpuBackend === backend ? '' : `, beside ${backend} on the eGPU: a llama.cpp build with both backends, or the iGPU behind llama.cpp RPC`})`
        : `needs ${formatGb(need.totalGb)}, more than ${formatGb(vramGb)} of VRAM plus what the iGPU addresses`,
  };
}

/** llama.cpp's device names (--list-devices): CUDA0, ROCm0, Vulkan1, ... */
function deviceName(backend: Backend, index: number): string {
  const names: Partial<Record<Backend, string>> = {
    cuda: 'CUDA',
    rocm: 'ROCm',
    vulkan: 'Vulkan',
    metal: 'Metal',
    sycl: 'SYCL',
  };
  return `${names[backend] ?? backend.toUpperCase()}${index}`;
}

/** A SoC's iGPU: in its addressable share of unified memory, or spilling the rest to the CPU. */
function integratedGpuPlacements(context: PlacementContext, wantsBackend: (backend: Backend) => boolean): Placement[] {
  const { profile, need, usableGb, base, cpuStage } = context;
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
      return {
        kind: 'unified-gpu',
        backend,
        stages: [gpuStage(1)],
        ...base,
        availableGb: addressableGb,
        fits: true,
        llamaCppFlags: ['-ngl 99'],
      };
    const gpuShare = Math.min(1, Math.max(0, addressableGb - need.kvCacheGb - need.buffersGb) / need.weightsGb);
    const fits = need.totalGb <= usableGb;
    return {
      kind: 'gpu+cpu',
      backend,
      stages: [gpuStage(gpuShare), cpuStage(1 - gpuShare)],
      ...base,
      availableGb: usableGb,
      fits,
      llamaCppFlags: [`-ngl ${Math.floor(gpuShare * need.layers)}`],
      reason: () =>
        fits
          ? `${formatGb(need.totalGb)} needed but the GPU addresses ${formatGb(addressableGb)}: ${Math.round((1 - gpuShare) * 100)} % of the weights run on the CPU`
          : `needs ${formatGb(need.totalGb)}, more than the ${formatGb(usableGb)} of usable memory (${formatGb(profile.systemMemoryGb)} installed)`,
    };
  });
}

function cpuPlacement(context: PlacementContext): Placement {
  const { profile, need, usableGb, base, cpuStage } = context;
  const fits = need.totalGb <= usableGb;
  return {
    kind: 'cpu',
    backend: 'cpu',
    stages: [cpuStage(1)],
    ...base,
    availableGb: usableGb,
    fits,
    llamaCppFlags: ['-ngl 0', `-t ${profile.cpu.threads}`],
    ...(fits
      ? {}
      : {
          reason: () =>
            `needs ${formatGb(need.totalGb)}, more than the ${formatGb(usableGb)} of usable RAM (${formatGb(profile.systemMemoryGb)} installed)`,
        }),
  };
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

export function formatGb(gb: number): string {
  return `${gb >= 100 ? Math.round(gb) : Math.round(gb * 10) / 10} GB`;
}
