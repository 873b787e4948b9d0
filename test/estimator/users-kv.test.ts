import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/estimator/calibration.ts';
import { defaultWorkload, estimate } from '../../src/estimator/estimate.ts';
import type { HardwareProfile } from '../../src/estimator/hardware.ts';
import {
  activeWeightsGbForSequences,
  kvCacheGb,
  routedExpertsOf,
  type ModelSpec,
} from '../../src/estimator/model-spec.ts';
import { memoryNeed } from '../../src/estimator/placement.ts';

// Llama-3-8B-like: 32 layers, 8 KV heads × 128 → 2 × 8 × 128 = 2048 KV elements per token per layer.
const dense: ModelSpec = {
  id: 'dense-8b',
  name: 'dense 8B',
  architecture: 'dense',
  paramsBillions: 8,
  activeParamsBillions: 8,
  bitsPerWeight: 8,
  quantization: 'Q8',
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
  headDim: 128,
  kvElementsPerTokenPerLayer: 2048,
  nativeContext: 131072,
  assumptions: [],
};
const routed = routedExpertsOf(30, 3);
const moe: ModelSpec = {
  ...dense,
  id: 'moe-30b',
  name: 'MoE 30B-A3',
  architecture: 'moe',
  paramsBillions: 30,
  activeParamsBillions: 3,
  ...(routed ? { routedExperts: routed } : {}),
};

const box: HardwareProfile = {
  id: 'gpu-box',
  name: 'one 48 GB GPU',
  systemMemoryGb: 64,
  systemBandwidthGbps: 80,
  unifiedMemory: false,
  cpu: { name: 'cpu', fp16Tflops: 2, bandwidthGbps: 80, threads: 8 },
  dgpus: [
    { chipId: 'gpu', name: 'gpu', fp16Tflops: 100, backends: ['cuda'], vramGb: 48, bandwidthGbps: 1000, linkGbps: 32 },
  ],
  unusedEngines: [],
  assumptions: [],
  nodes: 1,
};
const unit: Calibration = {
  efficiency: { tg: { 'dgpu-cuda': 1 }, pp: { 'dgpu-cuda': 1 } },
  measurements: { tg: {}, pp: {} },
  layerOverheadSeconds: { cpu: 0, igpu: 0, dgpu: 0 },
  moeHalfTokens: { cpu: 0, gpu: 0 },
  cpuThreadGbps: 0,
  cpuLayerSeconds: 0,
  moeGenerationFactor: 1,
  residuals: { tg: {}, pp: {} },
};

describe('KV-cache quantization', () => {
  it('sizes q8_0 at 34 bytes per 32 elements (hand-worked)', () => {
    // 32 layers × 2048 elements × 32768 tokens = 2 147 483 648 elements; × 34/32 bytes = 2.2817 GB.
    expect(kvCacheGb(dense, 32768, 34 / 32)).toBeCloseTo(2.281701376, 6);
    expect(memoryNeed(dense, 32768, 'q8_0').kvCacheGb).toBeCloseTo(2.281701376, 6);
    expect(memoryNeed(dense, 32768, 'q4_0').kvCacheGb).toBeCloseTo((2147483648 * 18) / 32 / 1e9, 6);
    expect(memoryNeed(dense, 32768).kvCacheGb).toBeCloseTo(4.294967296, 6);
  });
});

describe('a team at once', () => {
  it('holds one KV cache per user', () => {
    expect(memoryNeed(dense, 8192, 'f16', 5).kvCacheGb).toBeCloseTo(5 * kvCacheGb(dense, 8192), 9);
  });

  it('reads a dense model once per step for all users, plus each KV cache (hand-worked)', () => {
    // 8 GB weights; KV at mean depth 512 + 64 = 576 tokens: 32 × 2048 × 576 × 2 B = 75.5 MB per user.
    const workload = { ...defaultWorkload, contextTokens: 4096, promptTokens: 512, generatedTokens: 128, users: 4 };
    const result = estimate(box, dense, workload, unit);
    // Then the 3 users beyond the first compute their tokens: 2 × 8e9 FLOPs of weights plus attention,
    // 4 × 32 heads × 128 × 32 layers × 576 = 301,989,888 FLOPs, each; 3 × 16.301989888e9 / 100e12 s.
    const computeSeconds = (3 * 16.301989888e9) / 100e12;
    const stepSeconds = (8 + 4 * kvCacheGb(dense, 576)) / 1000 + computeSeconds;
    expect(result.tg?.tokensPerSecond).toBeCloseTo(1 / stepSeconds, 6);
    expect(result.tg?.aggregateTokensPerSecond).toBeCloseTo(4 / stepSeconds, 6);
    expect(result.queuedTimeToFirstTokenSeconds).toBeCloseTo(4 * (result.timeToFirstTokenSeconds ?? 0), 9);
  });

  it("computes the added users' tokens at the batched share of the prompt efficiency (hand-worked)", () => {
    // Same step with a batched compute factor of 0.25 for dense models: the 3 added tokens take 4× as long.
    const workload = { ...defaultWorkload, contextTokens: 4096, promptTokens: 512, generatedTokens: 128, users: 4 };
    const quarter = { ...unit, batchedComputeFactor: { dense: 0.25 } };
    const stepSeconds = (8 + 4 * kvCacheGb(dense, 576)) / 1000 + (4 * 3 * 16.301989888e9) / 100e12;
    expect(estimate(box, dense, workload, quarter).tg?.tokensPerSecond).toBeCloseTo(1 / stepSeconds, 6);
    // One user alone pays no batched arithmetic: the read is the whole step.
    const alone = estimate(box, dense, { ...workload, users: 1 }, quarter).tg?.tokensPerSecond;
    expect(alone).toBeCloseTo(1 / ((8 + kvCacheGb(dense, 576)) / 1000), 6);
  });

  it('saturates: the total for many users approaches one token per compute time, not users × one alone', () => {
    const workload = { ...defaultWorkload, contextTokens: 1024, promptTokens: 16, generatedTokens: 16, users: 64 };
    const quarter = { ...unit, batchedComputeFactor: { dense: 0.25 } };
    const total = estimate(box, dense, workload, quarter).tg?.aggregateTokensPerSecond ?? 0;
    // Per added token 16 GFLOPs at 25 TFLOPS = 0.64 ms: at most 1,562 tokens/s however many users.
    expect(total).toBeLessThan(1 / ((4 * 16e9) / 100e12));
    expect(total).toBeLessThan((64 / 8) * 1000);
  });

  it('reads more experts of an MoE as users pick their own: 1 - (1 - k/E)^N of them', () => {
    // 27 B inactive → 27 × 16/15 = 28.8 B routed, 1.8 B of them active (k/E = 1/16), 1.2 B always
    // read; one byte per weight. Two users: 1.2 + 28.8 × (1 - (15/16)²) = 4.6875 GB.
    expect(activeWeightsGbForSequences(moe, 1)).toBeCloseTo(3, 9);
    expect(activeWeightsGbForSequences(moe, 2)).toBeCloseTo(4.6875, 9);
  });

  it('never gives a user more speed when more users share the machine, and never less in total', () => {
    for (const spec of [dense, moe]) {
      let previousPerUser = Number.POSITIVE_INFINITY;
      let previousTotal = 0;
      for (const users of [1, 2, 3, 5, 8, 16]) {
        const tg = estimate(box, spec, { ...defaultWorkload, users }, unit).tg;
        const perUser = tg?.tokensPerSecond ?? 0;
        const total = tg?.aggregateTokensPerSecond ?? perUser;
        expect(perUser, `${spec.id} at ${users}`).toBeLessThanOrEqual(previousPerUser);
        expect(total, `${spec.id} at ${users}`).toBeGreaterThanOrEqual(previousTotal);
        previousPerUser = perUser;
        previousTotal = total;
      }
    }
  });
});
