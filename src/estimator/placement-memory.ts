/**
 * What a model needs in memory (weights, KV cache, buffers) and what a machine has to give,
 * in decimal GB.
 */
import type { HardwareProfile } from './hardware.ts';
import { kvBytesPerElement, kvCacheGb, weightsGb, type KvCacheType, type ModelSpec } from './model-spec.ts';

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

/** RAM a model may use: what each node has, less what its operating system keeps. */
export function systemUsableGb(profile: Pick<HardwareProfile, 'systemMemoryGb' | 'nodes'>): number {
  const perNode = decimalGb(profile.systemMemoryGb) / profile.nodes;
  return profile.nodes * (perNode - osReserveGb(perNode));
}
