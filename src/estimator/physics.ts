/**
 * The physics of one placement with every efficiency at 1: how long a token takes
 * to read (generation) and to compute (prompt), stage by stage. Calibration then
 * scales each stage by its engine class's measured efficiency.
 */
import {
  activeWeightsGbForSequences,
  attentionFlopsPerToken,
  flopsPerToken,
  kvBytesPerElement,
  kvCacheGb,
  type KvCacheType,
  type ModelSpec,
} from './model-spec.ts';
import type { RunnableEngineKind } from '../catalog/schema.ts';
import type { EngineClass, Placement } from './placement.ts';

export interface WorkloadDepth {
  /** Tokens of prompt processed in one go (the pp test size, or the user's prompt). */
  promptTokens: number;
  /** Tokens already in the context before the prompt (llama-bench -d). */
  depthTokens: number;
  /** Tokens generated after the prompt; tg is averaged over them. */
  generatedTokens: number;
  /** KV-cache element type; f16 when not given. */
  kvCache?: KvCacheType;
  /** Sequences generated in parallel, one token each per step (llama-server -np); 1 when not given. */
  sequences?: number;
  /**
   * Every sequence decodes the same tokens, so an MoE routes them all to the same experts:
   * llama-batched-bench feeds token 0 at every position of every sequence. People asking
   * different questions pick their own experts, the union of which is read instead.
   */
  identicalSequences?: boolean;
  /** Prompt tokens per micro-batch (-ub); llama.cpp's 512 when not given. */
  microBatchTokens?: number;
}

export interface GenerationStage {
  engineClass: EngineClass;
  engine: RunnableEngineKind;
  /** Seconds per token reading this stage's weights at full bandwidth. */
  readSeconds: number;
  /**
   * Seconds per token reading the KV cache at full bandwidth: attention kernels, which reach a
   * different share of the bandwidth than weight reads do, by backend (see Calibration.attention).
   */
  kvReadSeconds?: number;
  /**
   * With several sequences: seconds per step, at peak compute, for the tokens of all but the
   * first. One sequence's arithmetic is inside its read time, which the bandwidth efficiency was
   * measured on; each further column of a batched decode matmul adds its own (Calibration.batchedComputeFactor).
   */
  computeSeconds?: number;
  /** Layers this stage runs, for per-layer launch and sync costs. */
  layers: number;
  /** Threads crossing each per-layer barrier: a CPU's cores, 1 for a GPU's stream. */
  syncThreads: number;
  /** Seconds per token no efficiency scales: handing activations between cluster nodes. */
  fixedSeconds?: number;
  /**
   * CPU stages: the bandwidth of the memory the cores read. One core streams only so much
   * (Calibration.cpuThreadGbps), so T threads reach at most T times that of it.
   */
  poolBandwidthGbps?: number;
}

export interface PromptStage {
  engineClass: EngineClass;
  /** Class whose bandwidth efficiency applies to its weight reads. */
  readClass: EngineClass;
  /** Seconds per prompt token at peak compute: the weight matmuls. */
  computeSeconds: number;
  /** Seconds per prompt token at peak compute for attention over the cached depth (flash-attention kernels). */
  attentionSeconds?: number;
  /** Seconds per prompt token to stream this stage's weights once per micro-batch. */
  readSeconds: number;
  /** Seconds per prompt token to ship RAM-resident weights to the GPU over its link. */
  transferSeconds: number;
  /**
   * MoE only: prompt tokens each routed expert sees per micro-batch (micro-batch × k / E), and the
   * micro-batch itself. An expert's matmul over a few dozen columns reaches less of the peak than
   * a dense layer's over hundreds (see Calibration.moeHalfTokens).
   */
  moeBatch?: { tokensPerExpert: number; microBatch: number };
  /**
   * The other way to run the same work, taken when faster: RAM-resident layers computed on
   * the CPU instead of shipped to the GPU (llama.cpp --no-op-offload).
   */
  alternative?: Omit<PromptStage, 'alternative'>;
}

/** llama.cpp's default micro-batch (n_ubatch): weights are read once per this many prompt tokens. */
export const microBatchTokens = 512;

/** llama.cpp RPC hands the hidden state between nodes as 32-bit floats. */
const activationBytesPerElement = 4;

/** Cluster hops a token crosses: one between each pair of neighbouring nodes. */
function hops(placement: Placement): number {
  return placement.interconnect ? Math.max(0, placement.nodes - 1) : 0;
}

/**
 * FLOPs of a batched step beyond one column per weight matrix read: each matrix read once does one
 * token's work inside its read time (as one sequence does), and every further token on it adds its
 * own arithmetic. Dense weights and an MoE's shared part see N - 1 further tokens; its routed
 * experts see N·k token-expert pairs over the experts touched, so N - touched/k further ones per
 * token's worth (N - 1 when every sequence routes alike, nearly 0 while N·k is small beside E).
 */
export function extraColumnFlops(
  spec: ModelSpec,
  depthTokens: number,
  sequences: number,
  identicalSequences = false,
): number {
  const extra = sequences - 1;
  const routed = spec.routedExperts;
  if (!routed || routed.paramsBillions <= 0 || identicalSequences) return extra * flopsPerToken(spec, depthTokens);
  const share = routed.activeParamsBillions / routed.paramsBillions;
  const touchedPerToken = (1 - (1 - share) ** sequences) / share;
  const routedFlops = 2 * routed.activeParamsBillions * 1e9;
  return extra * (flopsPerToken(spec, depthTokens) - routedFlops) + (sequences - touchedPerToken) * routedFlops;
}

export function generationStages(spec: ModelSpec, placement: Placement, workload: WorkloadDepth): GenerationStage[] {
  // KV cache read per generated token: on average the context at the middle of generation.
  const meanDepth = workload.depthTokens + workload.promptTokens + workload.generatedTokens / 2;
  // A step of N sequences reads the weights once (more experts of an MoE) and N KV caches.
  const sequences = workload.sequences ?? 1;
  const activeGb = activeWeightsGbForSequences(spec, workload.identicalSequences ? 1 : sequences);
  const kvGb = sequences * kvCacheGb(spec, meanDepth, kvBytesPerElement[workload.kvCache ?? 'f16']);
  const stepFlops = sequences > 1 ? extraColumnFlops(spec, meanDepth, sequences, workload.identicalSequences) : 0;
  // One loop, not filter and map: ranking builds these for every placement it tries.
  const stages: GenerationStage[] = [];
  for (const stage of placement.stages) {
    if (stage.share <= 0) continue;
    const kvReadGb = (stage.kvShare ?? stage.share) * kvGb;
    // Every field, set or undefined, in one order: stages of one shape keep the calibration's reads fast.
    stages.push({
      engineClass: stage.engineClass,
      engine: stage.engine,
      readSeconds: ((stage.activeShare ?? stage.share) * activeGb) / stage.bandwidthGbps,
      kvReadSeconds: kvReadGb > 0 ? kvReadGb / stage.bandwidthGbps : undefined,
      computeSeconds:
        stepFlops > 0 ? ((stage.activeShare ?? stage.share) * stepFlops) / (stage.computeTflops * 1e12) : undefined,
      layers: (stage.layerShare ?? stage.share) * spec.layers,
      syncThreads: stage.syncThreads,
      fixedSeconds: undefined,
      poolBandwidthGbps: stage.engine === 'cpu' ? stage.bandwidthGbps : undefined,
    });
  }
  const firstStage = stages[0];
  if (placement.handoffSeconds && firstStage)
    stages.push({
      engineClass: firstStage.engineClass,
      engine: firstStage.engine,
      readSeconds: 0,
      kvReadSeconds: undefined,
      computeSeconds: undefined,
      layers: 0,
      syncThreads: 1,
      fixedSeconds: placement.handoffSeconds,
      poolBandwidthGbps: undefined,
    });
  const link = placement.interconnect;
  const first = stages[0];
  if (link && first && hops(placement) > 0) {
    const perHop =
      link.hopLatencySeconds + (spec.hiddenSize * activationBytesPerElement) / (link.linkGigabytesPerSecond * 1e9);
    stages.push({
      engineClass: first.engineClass,
      engine: first.engine,
      readSeconds: 0,
      kvReadSeconds: undefined,
      computeSeconds: undefined,
      layers: 0,
      syncThreads: 1,
      fixedSeconds: hops(placement) * perHop,
      poolBandwidthGbps: undefined,
    });
  }
  return stages;
}

export function promptStages(spec: ModelSpec, placement: Placement, workload: WorkloadDepth): PromptStage[] {
  const meanDepth = workload.depthTokens + workload.promptTokens / 2;
  const attentionFlops = attentionFlopsPerToken(spec, meanDepth);
  const flops = flopsPerToken(spec, meanDepth) - attentionFlops;
  // Prompts of several sequences share micro-batches (llama.cpp fills each with tokens of every
  // waiting slot); attention stays within each sequence's own context.
  const batchedTokens = workload.promptTokens * (workload.sequences ?? 1);
  const microBatch = Math.max(1, Math.min(batchedTokens, workload.microBatchTokens ?? microBatchTokens));
  const routed = spec.routedExperts;
  const moeBatch =
    routed && routed.paramsBillions > 0
      ? { tokensPerExpert: (microBatch * routed.activeParamsBillions) / routed.paramsBillions, microBatch }
      : undefined;
  // A micro-batch of hundreds of tokens touches nearly every expert of an MoE: all weights are read.
  const weightsGbPerBatch = (spec.paramsBillions * 1e9 * spec.bitsPerWeight) / 8 / 1e9;
  const gpuStage = placement.stages.find((stage) => stage.engine !== 'cpu');
  const offloadsToGpu = placement.offloadLinkGbps !== undefined && gpuStage !== undefined;

  const stages: PromptStage[] = [];
  for (const stage of placement.stages) {
    if (stage.share <= 0) continue;
    // With a dGPU, llama.cpp runs the batched matmuls of RAM-resident layers on the GPU,
    // copying their weights over PCIe once per micro-batch.
    const computeShare = stage.activeShare ?? stage.share;
    // Attention runs where the KV cache is.
    const attentionShare = stage.kvShare ?? stage.share;
    const onOwnEngine: PromptStage = {
      engineClass: stage.engineClass,
      readClass: stage.engineClass,
      computeSeconds: (computeShare * flops) / (stage.computeTflops * 1e12),
      attentionSeconds:
        attentionShare > 0 && attentionFlops > 0
          ? (attentionShare * attentionFlops) / (stage.computeTflops * 1e12)
          : undefined,
      readSeconds: (stage.share * weightsGbPerBatch) / stage.bandwidthGbps / microBatch,
      transferSeconds: 0,
      moeBatch,
      alternative: undefined,
    };
    if (stage.engine === 'cpu' && offloadsToGpu && gpuStage && placement.offloadLinkGbps) {
      stages.push({
        engineClass: gpuStage.engineClass,
        readClass: gpuStage.engineClass,
        computeSeconds: (computeShare * flops) / (gpuStage.computeTflops * 1e12),
        attentionSeconds:
          attentionShare > 0 && attentionFlops > 0
            ? (attentionShare * attentionFlops) / (gpuStage.computeTflops * 1e12)
            : undefined,
        readSeconds: 0,
        transferSeconds: (stage.share * weightsGbPerBatch) / placement.offloadLinkGbps / microBatch,
        moeBatch,
        alternative: onOwnEngine,
      });
    } else {
      stages.push(onOwnEngine);
    }
  }
  const link = placement.interconnect;
  const first = stages[0];
  if (link && first && hops(placement) > 0) {
    // Each micro-batch hands its activations to the next node once, and waits one latency.
    const perTokenPerHop =
      (spec.hiddenSize * activationBytesPerElement) / (link.linkGigabytesPerSecond * 1e9) +
      link.hopLatencySeconds / microBatch;
    stages.push({
      engineClass: first.engineClass,
      readClass: first.readClass,
      computeSeconds: 0,
      attentionSeconds: undefined,
      readSeconds: 0,
      transferSeconds: hops(placement) * perTokenPerHop,
      moeBatch: undefined,
      alternative: undefined,
    });
  }
  return stages;
}
