/** data/models.yaml and data/quantizations.yaml: the models and the quantizations they come in. */
import { z } from 'zod';
import { Id, IsoDate, Source, positive } from './schema-common.ts';

export const Model = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /**
   * Other names people type for this model, matched without case: Hugging Face ids
   * (`Qwen/Qwen3-Coder-30B-A3B-Instruct`), and sibling releases with this exact architecture
   * (DeepSeek-R1 on DeepSeek-V3's), each said in the notes with its source.
   */
  aliases: z.array(z.string().min(1)).default([]),
  vendor: z.string().min(1),
  architecture: z.enum(['dense', 'moe']),
  /** Total parameters, billions. */
  params_b: positive,
  /** Parameters read per token, billions: equal to params_b for dense models. */
  active_params_b: positive,
  layers: z.number().int().positive(),
  hidden_size: z.number().int().positive(),
  attention_heads: z.number().int().positive(),
  kv_heads: z.number().int().positive(),
  head_dim: z.number().int().positive(),
  /** Layers that use a sliding window (Gemma, gpt-oss) keep only this many tokens of KV cache. */
  sliding_window: z
    .strictObject({ tokens: z.number().int().positive(), layers: z.number().int().positive() })
    .optional(),
  /**
   * KV-cache elements stored per token per layer when it is not 2 × kv_heads × head_dim,
   * e.g. DeepSeek's multi-head latent attention caches one 576-wide latent.
   */
  kv_elements_per_token_per_layer: z.number().int().positive().optional(),
  /**
   * Multi-head latent attention (DeepSeek-V3, Kimi K2): each layer caches one compressed
   * latent of kv_lora_rank plus the shared RoPE key of qk_rope_head_dim, not per-head K and V.
   */
  latent_attention: z
    .strictObject({ kv_lora_rank: z.number().int().positive(), qk_rope_head_dim: z.number().int().positive() })
    .optional(),
  /**
   * Hybrid models (Qwen3-Next): only this many layers use full attention and grow a KV cache;
   * the others are linear-attention layers whose fixed-size state does not grow with context.
   */
  full_attention_layers: z.number().int().positive().optional(),
  /**
   * KV layout of the full-attention (global) layers when it differs from the sliding-window ones,
   * which keep kv_heads × head_dim: Gemma 4 31B caches 4 KV heads × 512 on its 10 global layers and
   * 16 × 256 on its 50 sliding layers.
   */
  full_attention_kv: z
    .strictObject({ kv_heads: z.number().int().positive(), head_dim: z.number().int().positive() })
    .optional(),
  /**
   * DeepSeek Sparse Attention (DeepSeek-V3.2, GLM-5): a lightning indexer caches one key of
   * index_head_dim per token in each attention layer beside the MLA latent (llama.cpp allocates it as
   * an "indexer KV" buffer), and each query attends to only top_k cached tokens (when known).
   */
  sparse_attention: z
    .strictObject({ index_head_dim: z.number().int().positive(), top_k: z.number().int().positive().optional() })
    .optional(),
  /** Mixture-of-experts layout: routed experts, how many are picked per token, always-on shared ones. */
  experts: z
    .strictObject({
      routed: z.number().int().positive(),
      active: z.number().int().positive(),
      shared: z.number().int().nonnegative().default(0),
    })
    .optional(),
  native_context: z.number().int().positive(),
  released: IsoDate.optional(),
  source: Source,
  notes: z.array(z.string()).default([]),
});
export type Model = z.infer<typeof Model>;

export const ModelsFile = z.strictObject({ models: z.array(Model).min(1) });

export const Quantization = z.strictObject({
  /** The name llama.cpp uses, e.g. Q4_K_M, or Unsloth's dynamic name with its UD- prefix (UD-Q4_K_XL). */
  id: z
    .string()
    .regex(
      /^(?:UD-)?[A-Z0-9_]+$/i,
      'quantization ids are llama.cpp names such as Q4_K_M, or Unsloth UD- names such as UD-Q4_K_XL',
    ),
  bits_per_weight: positive.max(32),
  description: z.string().optional(),
  source: Source,
});
export type Quantization = z.infer<typeof Quantization>;

export const QuantizationsFile = z.strictObject({ quantizations: z.array(Quantization).min(1) });
