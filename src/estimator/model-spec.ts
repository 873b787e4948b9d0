/**
 * What the estimator needs to know of a model at a quantization: how many bytes its
 * weights take, how many are read per token, how much compute a token costs and how
 * large its KV cache grows. Built from a catalog model, or from a bare file size.
 */
import type { Model, Quantization } from '../catalog/schema.ts';
import type { EstimateNote } from './notes.ts';

export interface ModelSpec {
  /** Catalog id, or `size-<gb>gb` for a model known by its file size. */
  id: string;
  name: string;
  architecture: 'dense' | 'moe';
  paramsBillions: number;
  activeParamsBillions: number;
  bitsPerWeight: number;
  quantization: string;
  layers: number;
  /** Width of the activations handed between layers (and between cluster nodes). */
  hiddenSize: number;
  attentionHeads: number;
  headDim: number;
  /** KV-cache elements per token per layer (K and V together, or MLA's one latent plus a sparse-attention indexer key). */
  kvElementsPerTokenPerLayer: number;
  slidingWindow?: { tokens: number; layers: number };
  /** Elements per token on the full-attention layers when their layout differs from the windowed ones (Gemma 4). */
  fullAttentionKvElementsPerTokenPerLayer?: number;
  /** DeepSeek sparse attention: each query attends to at most this many cached tokens (the cache still holds them all). */
  sparseAttentionTopK?: number;
  /**
   * MoE only: parameters in routed experts (all of them) and those a token reads; the rest
   * (attention, shared experts, dense layers, embeddings) is read by every token.
   */
  routedExperts?: { paramsBillions: number; activeParamsBillions: number };
  /** Layers whose KV cache grows with context, when not all: a hybrid model's full-attention layers. */
  attentionLayers?: number;
  nativeContext: number;
  /** Things the spec had to assume; each estimate repeats them. */
  assumptions: EstimateNote[];
}

const bytesPerGb = 1e9;

export interface ModelSummary {
  id: string;
  name: string;
  quantization: string;
  architecture: 'dense' | 'moe';
  paramsBillions: number;
  activeParamsBillions: number;
}

/** What answers show of a model: who it is and how big, not its internals. */
export function summariseModel(spec: ModelSpec): ModelSummary {
  return {
    id: spec.id,
    name: spec.name,
    quantization: spec.quantization,
    architecture: spec.architecture,
    paramsBillions: spec.paramsBillions,
    activeParamsBillions: spec.activeParamsBillions,
  };
}

/**
 * Routed experts of an MoE from its total and active parameters, when the catalog gives no
 * split: the inactive parameters are all routed experts, and a token uses k of E of them.
 * Estimate: k/E = 1/16 (DeepSeek-V3 8/256, Qwen3 8/128, gpt-oss 4/128, GLM-4.5 8/128), so
 * the routed experts are 16/15 of the inactive parameters; DeepSeek-V3 gives 654 B routed,
 * 16.5 B always read, within a few % of its published shape.
 */
export const assumedActiveExpertShare = 1 / 16;

export function routedExpertsOf(
  paramsBillions: number,
  activeParamsBillions: number,
  activeExpertShare = assumedActiveExpertShare,
): ModelSpec['routedExperts'] {
  const inactive = paramsBillions - activeParamsBillions;
  if (inactive <= 0) return undefined;
  const routed = Math.min(paramsBillions, inactive / (1 - activeExpertShare));
  return { paramsBillions: routed, activeParamsBillions: routed - inactive };
}

export function specFromCatalog(model: Model, quantization: Quantization): ModelSpec {
  // The catalog's expert counts, where given, replace the assumed 1/16 (Qwen3-Next picks 10 of 512).
  const activeExpertShare = model.experts ? model.experts.active / model.experts.routed : assumedActiveExpertShare;
  const routedExperts =
    model.architecture === 'moe'
      ? routedExpertsOf(model.params_b, model.active_params_b, activeExpertShare)
      : undefined;
  return {
    id: model.id,
    name: model.name,
    architecture: model.architecture,
    paramsBillions: model.params_b,
    activeParamsBillions: model.active_params_b,
    bitsPerWeight: quantization.bits_per_weight,
    quantization: quantization.id,
    layers: model.layers,
    hiddenSize: model.hidden_size,
    attentionHeads: model.attention_heads,
    headDim: model.head_dim,
    kvElementsPerTokenPerLayer: kvElementsPerTokenPerLayer(model),
    ...(model.sliding_window ? { slidingWindow: model.sliding_window } : {}),
    ...(model.full_attention_kv
      ? {
          fullAttentionKvElementsPerTokenPerLayer:
            2 * model.full_attention_kv.kv_heads * model.full_attention_kv.head_dim,
        }
      : {}),
    ...(model.sparse_attention?.top_k === undefined ? {} : { sparseAttentionTopK: model.sparse_attention.top_k }),
    ...(routedExperts ? { routedExperts } : {}),
    ...(model.full_attention_layers === undefined ? {} : { attentionLayers: model.full_attention_layers }),
    nativeContext: model.native_context,
    assumptions:
      model.full_attention_layers === undefined
        ? []
        : [{ code: 'hybrid-attention', fullAttentionLayers: model.full_attention_layers, layers: model.layers }],
  };
}

/**
 * Hybrid models' linear-attention (Gated DeltaNet, Mamba-2) layers run slower in llama.cpp than
 * reading their weights would allow: Qwen3-Coder-Next (3 B active) gives 42.7 tg on a Strix Halo
 * where the same bandwidth gives a 3 B-active Qwen3-30B-A3B 86 (visorcraft's EVO-X2 runs, build
 * b8038). The physics does not model that yet, so the estimate says so.
 */
/**
 * What one token adds to one attention layer's cache, in elements. MLA caches the
 * compressed latent and the shared RoPE key; llama.cpp stores exactly that, kv_lora_rank +
 * qk_rope_head_dim per token per layer (its kv-cache log prints both per layer; DeepSeek's
 * GGUF key_length 576 = 512 + 64), with V read from the same latent, not stored again.
 * DeepSeek sparse attention adds the lightning indexer's key, index_head_dim per token per
 * layer (llama.cpp's separate "indexer KV" buffer).
 */
export function kvElementsPerTokenPerLayer(
  model: Pick<
    Model,
    'kv_heads' | 'head_dim' | 'kv_elements_per_token_per_layer' | 'latent_attention' | 'sparse_attention'
  >,
): number {
  const indexer = model.sparse_attention?.index_head_dim ?? 0;
  if (model.latent_attention)
    return model.latent_attention.kv_lora_rank + model.latent_attention.qk_rope_head_dim + indexer;
  return (model.kv_elements_per_token_per_layer ?? 2 * model.kv_heads * model.head_dim) + indexer;
}

/** The bits per weight assumed for a bare file size: Q4_K_M, the usual download. */
export const assumedBitsPerWeightForSize = 4.85;

/**
 * A model known only by its file size ("a 10 GB model"), as a Llama-like model (dense
 * unless active parameters are given).
 * Without params, they follow from the size at Q4_K_M; layers and KV from Llama 3's
 * shape (8B: 32 layers, 8 KV heads × 128), scaled with the square root of size.
 */
export function specFromSize(sizeGb: number, paramsBillions?: number, activeParamsBillions?: number): ModelSpec {
  const assumptions: EstimateNote[] = [];
  const params = paramsBillions ?? (sizeGb * 8) / assumedBitsPerWeightForSize;
  if (paramsBillions === undefined)
    assumptions.push({
      code: 'params-from-size',
      paramsBillions: params,
      sizeGb,
      bitsPerWeight: assumedBitsPerWeightForSize,
    });
  const layers = Math.max(16, Math.round(32 * Math.sqrt(params / 8)));
  const isMoe = activeParamsBillions !== undefined && activeParamsBillions < params;
  assumptions.push({ code: 'llama-like-shape', moe: isMoe, layers });
  const routedExperts = isMoe ? routedExpertsOf(params, activeParamsBillions) : undefined;
  return {
    ...(routedExperts ? { routedExperts } : {}),
    id: `size-${round(sizeGb)}gb`,
    name: `${round(sizeGb)} GB model`,
    architecture: isMoe ? 'moe' : 'dense',
    paramsBillions: params,
    activeParamsBillions: isMoe ? activeParamsBillions : params,
    bitsPerWeight: (sizeGb * 8) / params,
    quantization: paramsBillions === undefined ? 'Q4_K_M (assumed)' : `${round((sizeGb * 8) / params)} bits/weight`,
    layers,
    hiddenSize: Math.round(4096 * Math.sqrt(params / 8)),
    attentionHeads: 32,
    headDim: 128,
    kvElementsPerTokenPerLayer: 2 * 8 * 128,
    nativeContext: 131072,
    assumptions,
  };
}

/** KV-cache element types llama.cpp offers (--cache-type-k/-v); quantized V needs flash attention (-fa on). */
export const KvCacheTypes = ['f16', 'q8_0', 'q4_0'] as const;
export type KvCacheType = (typeof KvCacheTypes)[number];

/** Bytes per KV element: f16 2; q8_0 34 bytes per block of 32; q4_0 18 bytes per block of 32 (ggml block layouts). */
export const kvBytesPerElement: Record<KvCacheType, number> = { f16: 2, q8_0: 34 / 32, q4_0: 18 / 32 };

/**
 * Weights a step of N parallel sequences reads: the always-read part once, and of the routed
 * experts the share any of the N tokens picks, 1 - (1 - k/E)^N for independent routing.
 */
export function activeWeightsGbForSequences(spec: ModelSpec, sequences: number): number {
  const routed = spec.routedExperts;
  if (!routed || sequences <= 1) return activeWeightsGb(spec);
  const touched = routed.paramsBillions * (1 - (1 - routed.activeParamsBillions / routed.paramsBillions) ** sequences);
  return (
    ((spec.activeParamsBillions - routed.activeParamsBillions + touched) * 1e9 * spec.bitsPerWeight) / 8 / bytesPerGb
  );
}

export function weightsGb(spec: ModelSpec): number {
  return (spec.paramsBillions * 1e9 * spec.bitsPerWeight) / 8 / bytesPerGb;
}

/** Bytes of weights read to generate one token: all weights for dense models, the active share for MoE. */
export function activeWeightsGb(spec: ModelSpec): number {
  return (spec.activeParamsBillions * 1e9 * spec.bitsPerWeight) / 8 / bytesPerGb;
}

/**
 * Token positions held in the KV cache at a context length, split by layer kind: full-attention
 * layers hold the whole context, windowed layers their window, linear-attention layers none.
 */
function cachedTokenLayersByKind(spec: ModelSpec, contextTokens: number): { full: number; windowed: number } {
  const attentionLayers = spec.attentionLayers ?? spec.layers;
  const windowedLayers = Math.min(spec.slidingWindow?.layers ?? 0, attentionLayers);
  const windowedTokens = spec.slidingWindow ? Math.min(contextTokens, spec.slidingWindow.tokens) : 0;
  return { full: (attentionLayers - windowedLayers) * contextTokens, windowed: windowedLayers * windowedTokens };
}

function cachedTokenLayers(spec: ModelSpec, contextTokens: number): number {
  const { full, windowed } = cachedTokenLayersByKind(spec, contextTokens);
  return full + windowed;
}

/**
 * KV-cache elements at a context length; times bytes per element (2 for f16, less when quantized)
 * gives bytes. Full-attention layers use their own layout where the model has one (Gemma 4).
 */
export function kvCacheElements(spec: ModelSpec, contextTokens: number): number {
  const { full, windowed } = cachedTokenLayersByKind(spec, contextTokens);
  const fullElements = spec.fullAttentionKvElementsPerTokenPerLayer ?? spec.kvElementsPerTokenPerLayer;
  return fullElements * full + spec.kvElementsPerTokenPerLayer * windowed;
}

/** KV cache at a context length, f16 elements unless told; windowed layers keep only their window. */
export function kvCacheGb(spec: ModelSpec, contextTokens: number, bytesPerElement = 2): number {
  return (kvCacheElements(spec, contextTokens) * bytesPerElement) / bytesPerGb;
}

/** FLOPs to process one token at a given depth: 2 per active weight, plus attention over the cached depth. */
export function flopsPerToken(spec: ModelSpec, depthTokens: number): number {
  return 2 * spec.activeParamsBillions * 1e9 + attentionFlopsPerToken(spec, depthTokens);
}

/** The attention part of a token's FLOPs: scores and weighted values over every cached position (QK and PV, 2 × 2 per element). */
export function attentionFlopsPerToken(spec: ModelSpec, depthTokens: number): number {
  return 4 * spec.attentionHeads * spec.headDim * cachedTokenLayers(spec, depthTokens);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
