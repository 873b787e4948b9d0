/**
 * The pieces every placement is built from: stages, the machine's shared context, and one
 * constructor, so each engine's placements (placement-gpu.ts, placement-igpu.ts, placement.ts's
 * CPU) have the same fields in the same order.
 */
import { Backend, RunnableEngineKind } from '../catalog/schema.ts';
import type { HardwareProfile } from './hardware.ts';
import { systemUsableGb, type MemoryNeed } from './placement-memory.ts';

/**
 * Efficiencies are calibrated per engine kind and backend, e.g. dgpu-cuda; Vulkan on a card whose
 * driver offers NV_cooperative_matrix2 is a class of its own (dgpu-vulkan-coopmat2): its prompt
 * matmuls run on the tensor cores with the quantized blocks decoded in the load, and reach about
 * what CUDA does, four to five times the share of peak that KHR_coopmat or scalar shaders reach.
 */
export type EngineClass = `${RunnableEngineKind}-${Backend}` | 'dgpu-vulkan-coopmat2';
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

export type StageShares = Pick<Stage, 'activeShare' | 'kvShare' | 'layerShare'>;

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
export function withShare(stage: Stage, share: number, shares?: StageShares): Stage {
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
  /** Why it does not fit, or what it gives up to fit (spilling to RAM); src/format/placement-reasons.ts words it. */
  shortfall?: PlacementShortfall;
}

/** A placement's shortfall as data: sizes in decimal GB, shares 0..1. */
export type PlacementShortfall =
  | { code: 'spills-to-ram'; neededGb: number; vramGb: number; ramShare: number }
  | { code: 'exceeds-vram-and-ram'; neededGb: number; vramGb: number; usableRamGb: number }
  | { code: 'experts-in-ram'; neededGb: number; cpuExpertLayers: number; layers: number; ramGb: number }
  | { code: 'experts-exceed-ram'; ramGb: number; usableRamGb: number }
  | {
      code: 'spills-to-igpu';
      neededGb: number;
      vramGb: number;
      igpuShare: number;
      igpuBackend: Backend;
      backend: Backend;
    }
  | { code: 'exceeds-vram-and-igpu'; neededGb: number; vramGb: number }
  | { code: 'igpu-spills-to-cpu'; neededGb: number; addressableGb: number; cpuShare: number }
  | { code: 'exceeds-unified-memory'; neededGb: number; usableGb: number; installedGb: number }
  | { code: 'exceeds-ram'; neededGb: number; usableGb: number; installedGb: number };

export interface PlacementRequest {
  engine: 'auto' | 'cpu' | 'gpu';
  backend?: Backend;
}

/** What every placement on one machine shares: its CPU, its usable RAM, its cluster shape. */
export interface PlacementContext {
  profile: HardwareProfile;
  need: MemoryNeed;
  usableGb: number;
  cpuStage: (share: number, shares?: StageShares) => Stage;
}

export function placementContext(profile: HardwareProfile, need: MemoryNeed): PlacementContext {
  return {
    profile,
    need,
    usableGb: systemUsableGb(profile),
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

/** The fields that differ between placements; the rest come from the machine's context. */
export type PlacementFields = Omit<Placement, 'nodes' | 'interconnect' | 'memory'>;

/** A placement with every field, in one order (as stageOf for stages). */
export function placementOf(context: PlacementContext, fields: PlacementFields): Placement {
  return {
    kind: fields.kind,
    backend: fields.backend,
    stages: fields.stages,
    offloadLinkGbps: fields.offloadLinkGbps,
    nodes: context.profile.nodes,
    handoffSeconds: fields.handoffSeconds,
    llamaCppFlags: fields.llamaCppFlags,
    interconnect: context.profile.interconnect,
    memory: context.need,
    availableGb: fields.availableGb,
    fits: fields.fits,
    shortfall: fields.shortfall,
  };
}
