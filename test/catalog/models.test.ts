/**
 * The models of the live catalog as people name them, and the KV cache of the
 * architectures that do not cache 2 × KV heads × head size in every layer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Advisor } from '../../src/advisor/index.ts';
import type { Catalog } from '../../src/catalog/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { resolveModelQuery } from '../../src/advisor/common.ts';
import { kvCacheElements, kvCacheGb, specFromCatalog } from '../../src/estimator/model-spec.ts';
import { modelNameKey } from '../../src/catalog/model-names.ts';

let catalog: Catalog;
let advisor: Advisor;

beforeAll(async () => {
  advisor = await liveAdvisor();
  catalog = advisor.catalog;
});

function spec(id: string, quant = 'Q4_K_M') {
  const model = catalog.model(id);
  const quantization = catalog.quantization(quant);
  if (!model || !quantization) throw new Error(`${id} at ${quant} is not in the catalog`);
  return specFromCatalog(model, quantization);
}

describe('names people type', () => {
  it.each([
    ['Qwen/Qwen3-Coder-30B-A3B-Instruct', 'qwen3-coder-30b-a3b'],
    ['unsloth/Qwen3-Coder-30B-A3B-Instruct-GGUF', 'qwen3-coder-30b-a3b'],
    ['qwen3-coder-480b-a35b', 'qwen3-coder-480b-a35b'],
    ['deepseek-r1', 'deepseek-v3'],
    ['deepseek-ai/DeepSeek-R1', 'deepseek-v3'],
    ['kimi-k2', 'kimi-k2'],
    ['moonshotai/Kimi-K2-Instruct', 'kimi-k2'],
    ['Qwen3-Next-80B-A3B-Instruct', 'qwen3-next-80b-a3b'],
    ['MiniMaxAI/MiniMax-M2', 'minimax-m2'],
    ['google/gemma-3-27b-it', 'gemma-3-27b'],
  ])('%s is %s', (typed, id) => {
    expect(catalog.model(typed)?.id).toBe(id);
  });

  it('drops only the owner and packaging words, not the size', () => {
    expect(modelNameKey('Qwen/Qwen3-32B-Instruct-GGUF')).toBe('qwen3-32b');
    expect(catalog.model('qwen3-coder-31b-a3b')).toBeUndefined();
  });

  it('suggests the family for a bare family name', () => {
    const outcome = resolveModelQuery(advisor, { model: 'kimi' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.suggestions).toContain('kimi-k2');
    const coder = resolveModelQuery(advisor, { model: 'qwen3 coder' });
    if (!coder.ok) expect(coder.error.suggestions).toEqual(expect.arrayContaining(['qwen3-coder-30b-a3b', 'qwen3-coder-480b-a35b']));
    else throw new Error('"qwen3 coder" should not resolve to one model');
  });

  it('knows the quantization names of the llama.cpp table and of the GGUF repositories', () => {
    for (const name of ['IQ1_S', 'iq2_xxs', 'IQ3_M', 'IQ4_NL', 'Q4_K_S', 'q5_k_s', 'MXFP4']) expect(catalog.quantization(name)).toBeDefined();
    // The llama.cpp README measures every type on one model: fewer bits never make a bigger file.
    const order = ['IQ1_S', 'IQ1_M', 'IQ2_XXS', 'IQ2_XS', 'IQ2_S', 'IQ2_M', 'IQ3_XXS', 'IQ3_XS', 'IQ3_S', 'IQ3_M', 'IQ4_XS', 'IQ4_NL', 'Q4_K_M', 'Q5_K_S', 'Q5_K_M', 'Q6_K', 'Q8_0'];
    const bits = order.map((name) => catalog.quantization(name)?.bits_per_weight ?? Number.NaN);
    expect(bits).toEqual([...bits].sort((a, b) => a - b));
  });
});

describe('a model described by its figures', () => {
  it('is a mixture of experts when active parameters are fewer than total', () => {
    const outcome = resolveModelQuery(advisor, { modelSizeGb: 18.6, paramsBillions: 30.5, activeParamsBillions: 3.3 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.architecture).toBe('moe');
    expect(outcome.value.activeParamsBillions).toBe(3.3);
    // 18.6 GB × 8 bits / 30.5e9 parameters = 4.879 bits per weight
    expect(outcome.value.bitsPerWeight).toBeCloseTo(4.879, 3);
  });

  it('refuses figures that cannot be one model', () => {
    const active = resolveModelQuery(advisor, { modelSizeGb: 18, paramsBillions: 3, activeParamsBillions: 30 });
    expect(active.ok).toBe(false);
    // 10 GB for 1000 B parameters would be 0.08 bits per weight
    expect(resolveModelQuery(advisor, { modelSizeGb: 10, paramsBillions: 1000 }).ok).toBe(false);
    expect(resolveModelQuery(advisor, { paramsBillions: 30 }).ok).toBe(false);
  });
});

describe('KV cache of 2025–26 architectures', () => {
  it('caches one 576-wide latent per layer for DeepSeek-V3 (MLA)', () => {
    // 61 layers × (kv_lora_rank 512 + qk_rope_head_dim 64) × 4096 tokens × 2 bytes = 287 834 112 bytes
    expect(kvCacheGb(spec('deepseek-v3'), 4096)).toBeCloseTo(0.287834112, 9);
  });

  it('gives Kimi K2 the same MLA cache per token as DeepSeek-V3 despite half the heads', () => {
    expect(kvCacheElements(spec('kimi-k2'), 1)).toBe(61 * 576);
  });

  it('grows only the 12 full-attention layers of Qwen3-Next', () => {
    // 12 layers × 2 × 2 KV heads × 256 × 32768 tokens × 2 bytes = 805 306 368 bytes
    expect(kvCacheGb(spec('qwen3-next-80b-a3b'), 32768)).toBeCloseTo(0.805306368, 9);
  });

  it('composes with a KV-cache quantization as bytes per element', () => {
    // q8_0 stores 34 bytes per 32 elements
    const elements = kvCacheElements(spec('qwen3-coder-30b-a3b'), 262144);
    // 48 layers × 2 × 4 × 128 × 262144 tokens
    expect(elements).toBe(48 * 2 * 4 * 128 * 262144);
    expect(kvCacheGb(spec('qwen3-coder-30b-a3b'), 262144, 34 / 32)).toBeCloseTo((elements * 34) / 32 / 1e9, 9);
  });
});
