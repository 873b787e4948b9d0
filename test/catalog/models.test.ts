/**
 * The models of the live catalog as people name them, and the KV cache of the
 * architectures that do not cache 2 × KV heads × head size in every layer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Advisor } from '../../src/advisor/index.ts';
import type { Catalog } from '../../src/catalog/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { resolveModelQuery } from '../../src/advisor/index.ts';
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
    ['moonshotai/Kimi-K2.5', 'kimi-k2'],
    ['Qwen3-Next-80B-A3B-Instruct', 'qwen3-next-80b-a3b'],
    ['MiniMaxAI/MiniMax-M2', 'minimax-m2'],
    ['google/gemma-3-27b-it', 'gemma-3-27b'],
    ['kimi', 'kimi-k2'],
    ['deepseek-v3.1', 'deepseek-v3'],
    ['deepseek-ai/DeepSeek-V3.2-Exp', 'deepseek-v3.2'],
    ['Qwen/Qwen3.5-35B-A3B', 'qwen3.5-35b-a3b'],
    ['unsloth/Qwen3.6-27B-GGUF', 'qwen3.6-27b'],
    ['qwen3-30b-a3b-instruct-2507', 'qwen3-30b-a3b-2507'],
    ['google/gemma-4-26B-A4B-it', 'gemma-4-26b-a4b'],
    ['glm-4.7', 'glm-4.6'],
    ['zai-org/GLM-4.7-Flash', 'glm-4.7-flash'],
    ['magistral-small-2509', 'mistral-small-3.2-24b'],
    ['nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16', 'nemotron-3-nano-30b-a3b'],
    ['meta-llama/Llama-4-Maverick-17B-128E-Instruct', 'llama-4-maverick'],
    ['Qwen/Qwen3-Coder-Next', 'qwen3-next-80b-a3b'],
    ['minimax-m2.5', 'minimax-m2'],
  ])('%s is %s', (typed, id) => {
    expect(catalog.model(typed)?.id).toBe(id);
  });

  it('drops only the owner and packaging words, not the size', () => {
    expect(modelNameKey('Qwen/Qwen3-32B-Instruct-GGUF')).toBe('qwen3-32b');
    expect(catalog.model('qwen3-coder-31b-a3b')).toBeUndefined();
  });

  it('suggests the family for a bare family name', () => {
    const coder = resolveModelQuery(advisor, { model: 'qwen3 coder' });
    if (!coder.ok)
      expect(coder.error.suggestions).toEqual(expect.arrayContaining(['qwen3-coder-30b-a3b', 'qwen3-coder-480b-a35b']));
    else throw new Error('"qwen3 coder" should not resolve to one model');
  });

  it('knows the quantization names of the llama.cpp table and of the GGUF repositories', () => {
    for (const name of ['IQ1_S', 'iq2_xxs', 'IQ3_M', 'IQ4_NL', 'Q4_K_S', 'q5_k_s', 'MXFP4'])
      expect(catalog.quantization(name)).toBeDefined();
    // The llama.cpp README measures every type on one model: fewer bits never make a bigger file.
    const order = [
      'IQ1_S',
      'IQ1_M',
      'IQ2_XXS',
      'IQ2_XS',
      'IQ2_S',
      'IQ2_M',
      'IQ3_XXS',
      'IQ3_XS',
      'IQ3_S',
      'IQ3_M',
      'IQ4_XS',
      'IQ4_NL',
      'Q4_K_M',
      'Q5_K_S',
      'Q5_K_M',
      'Q6_K',
      'Q8_0',
    ];
    const bits = order.map((name) => catalog.quantization(name)?.bits_per_weight ?? Number.NaN);
    expect(bits).toEqual([...bits].sort((a, b) => a - b));
  });

  it("knows Unsloth's dynamic UD- names, each at its named model's whole-file rate", () => {
    // DeepSeek-R1 (671B) files of Unsloth's blog: 131, 158, 183, 212 GB -> GB x 8 / 671
    expect(catalog.quantization('UD-IQ1_S')?.bits_per_weight).toBeCloseTo((131 * 8) / 671, 3);
    expect(catalog.quantization('ud-q2_k_xl')?.bits_per_weight).toBeCloseTo((212 * 8) / 671, 3);
    // Qwen3-30B-A3B UD-Q4_K_XL: 17 709 692 928 bytes for 30 532 122 624 params (llama-bench)
    expect(catalog.quantization('UD-Q4_K_XL')?.bits_per_weight).toBeCloseTo((17_709_692_928 * 8) / 30_532_122_624, 3);
    // the four R1 files differ only in the experts' type: more bits per expert weight, a bigger file
    const ud = ['UD-IQ1_S', 'UD-IQ1_M', 'UD-IQ2_XXS', 'UD-Q2_K_XL'].map(
      (name) => catalog.quantization(name)?.bits_per_weight ?? Number.NaN,
    );
    expect(ud).toEqual([...ud].sort((a, b) => a - b));
  });

  it('rates the Qwen3-30B-A3B UD files by their own bytes, smaller types below larger ones', () => {
    // unsloth/Qwen3-30B-A3B-GGUF file sizes over llama-bench's 30 532 122 624 parameters
    expect(catalog.quantization('UD-Q3_K_XL')?.bits_per_weight).toBeCloseTo((13_833_048_640 * 8) / 30_532_122_624, 3);
    expect(catalog.quantization('ud-q6_k_xl')?.bits_per_weight).toBeCloseTo((26_340_325_952 * 8) / 30_532_122_624, 3);
    const ladder = ['UD-IQ2_M', 'UD-IQ3_XXS', 'UD-Q3_K_XL', 'UD-Q4_K_XL', 'UD-Q5_K_XL', 'UD-Q6_K_XL', 'UD-Q8_K_XL'].map(
      (name) => catalog.quantization(name)?.bits_per_weight ?? Number.NaN,
    );
    expect(ladder).toEqual([...ladder].sort((a, b) => a - b));
  });

  it('sizes the legacy types above their block layouts (whole files keep output.weight higher)', () => {
    // Q4_1 20 B / 32, Q5_0 22 B / 32, Q5_1 24 B / 32
    expect(catalog.quantization('Q4_1')?.bits_per_weight).toBeGreaterThan(5.0);
    expect(catalog.quantization('Q5_0')?.bits_per_weight).toBeGreaterThan(5.5);
    expect(catalog.quantization('Q5_1')?.bits_per_weight).toBeGreaterThan(6.0);
  });
});

describe('a model described by its figures', () => {
  it('is a mixture of experts when active parameters are fewer than total', () => {
    const outcome = resolveModelQuery(advisor, { modelSizeGb: 18.6, paramsBillions: 30.5, activeParamsBillions: 3.3 });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
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

  it('sizes the Gemma 4 31B global layers by their own layout (4 KV heads × 512), the sliding ones by 16 × 256 capped at 1024 tokens', () => {
    // 50 sliding layers × 1024 tokens × (2 × 16 × 256 = 8192) = 419 430 400 elements
    // 10 global layers × 32768 tokens × (2 × 4 × 512 = 4096) = 1 342 177 280 elements
    expect(kvCacheElements(spec('gemma-4-31b'), 32768)).toBe(419_430_400 + 1_342_177_280);
    // × 2 bytes (f16) = 3 523 215 360 bytes
    expect(kvCacheGb(spec('gemma-4-31b'), 32768)).toBeCloseTo(3.52321536, 9);
    // below the window every layer holds the whole context: 50 × 512 × 8192 + 10 × 512 × 4096
    expect(kvCacheElements(spec('gemma-4-31b'), 512)).toBe(209_715_200 + 20_971_520);
  });

  it('gives the Gemma 4 26B-A4B global layers 2 KV heads × 512', () => {
    // 25 sliding × 1024 × (2 × 8 × 256) + 5 global × 131072 × (2 × 2 × 512)
    expect(kvCacheElements(spec('gemma-4-26b-a4b'), 131072)).toBe(25 * 1024 * 4096 + 5 * 131072 * 2048);
  });

  it('adds the DeepSeek-V3.2 lightning-indexer key (128) to the 576-wide MLA latent', () => {
    // 61 layers × (512 + 64 + 128 = 704) × 4096 tokens × 2 bytes = 351 797 248 bytes
    expect(kvCacheGb(spec('deepseek-v3.2'), 4096)).toBeCloseTo(0.351797248, 9);
    expect(spec('deepseek-v3.2').sparseAttentionTopK).toBe(2048);
  });

  it('grows only the full-attention quarter of Qwen3.5 27B (16 of 64 layers)', () => {
    // 16 layers × 2 × 4 KV heads × 256 × 262144 tokens × 2 bytes = 17 179 869 184 bytes
    expect(kvCacheGb(spec('qwen3.5-27b'), 262144)).toBeCloseTo(17.179869184, 9);
  });

  it('grows only the 6 attention layers of Nemotron 3 Nano (the 46 others are Mamba-2 and MoE)', () => {
    // 6 layers × 2 × 2 KV heads × 128 × 262144 tokens × 2 bytes = 1 610 612 736 bytes
    expect(kvCacheGb(spec('nemotron-3-nano-30b-a3b'), 262144)).toBeCloseTo(1.610612736, 9);
  });

  it('says that a hybrid model may run slower than the bandwidth estimate, and says nothing for a plain transformer', () => {
    expect(spec('qwen3.5-35b-a3b').assumptions).toEqual([
      { code: 'hybrid-attention', fullAttentionLayers: 10, layers: 40 },
    ]);
    expect(spec('nemotron-3-nano-30b-a3b').assumptions).toEqual([
      { code: 'hybrid-attention', fullAttentionLayers: 6, layers: 52 },
    ]);
    expect(spec('qwen3-30b-a3b').assumptions).toEqual([]);
  });

  it('caps the 22 sliding layers of Gemma 3 1B at its 512-token window', () => {
    // 22 × 512 × (2 × 1 × 256) + 4 global × 32768 × 512
    expect(kvCacheElements(spec('gemma-3-1b'), 32768)).toBe(5_767_168 + 67_108_864);
  });

  it('composes with a KV-cache quantization as bytes per element', () => {
    // q8_0 stores 34 bytes per 32 elements
    const elements = kvCacheElements(spec('qwen3-coder-30b-a3b'), 262144);
    // 48 layers × 2 × 4 × 128 × 262144 tokens
    expect(elements).toBe(48 * 2 * 4 * 128 * 262144);
    expect(kvCacheGb(spec('qwen3-coder-30b-a3b'), 262144, 34 / 32)).toBeCloseTo((elements * 34) / 32 / 1e9, 9);
  });
});
