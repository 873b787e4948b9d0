import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../src/estimator/calibration.ts';
import { predictGeneration } from '../../src/estimator/calibration-predict.ts';
import { estimate, defaultWorkload } from '../../src/estimator/estimate.ts';
import type { HardwareProfile } from '../../src/estimator/hardware.ts';
import { routedExpertsOf, type ModelSpec } from '../../src/estimator/model-spec.ts';
import { generationStages } from '../../src/estimator/physics.ts';
import { candidatePlacements, memoryNeed } from '../../src/estimator/placement.ts';

// 100 B total, 10 B active, one byte per weight, no KV cache: the arithmetic stays visible.
const routed = routedExpertsOf(100, 10);
const spec: ModelSpec = {
  id: 'synthetic-moe',
  name: 'synthetic MoE',
  architecture: 'moe',
  paramsBillions: 100,
  activeParamsBillions: 10,
  bitsPerWeight: 8,
  quantization: 'Q8',
  layers: 40,
  hiddenSize: 4096,
  attentionHeads: 32,
  headDim: 128,
  kvElementsPerTokenPerLayer: 0,
  ...(routed ? { routedExperts: routed } : {}),
  nativeContext: 32768,
  assumptions: [],
};

function profile(vramGb: number): HardwareProfile {
  return {
    id: `box-${vramGb}`,
    name: `box with ${vramGb} GB`,
    systemMemoryGb: 256,
    systemBandwidthGbps: 100,
    unifiedMemory: false,
    cpu: { name: 'cpu', fp16Tflops: 2, bandwidthGbps: 100, threads: 16 },
    dgpus: [
      { chipId: 'gpu', name: 'gpu', fp16Tflops: 80, backends: ['cuda'], vramGb, bandwidthGbps: 1000, linkGbps: 32 },
    ],
    unusedEngines: [],
    assumptions: [],
    nodes: 1,
  };
}

const unit: Calibration = {
  efficiency: { tg: { 'cpu-cpu': 1, 'dgpu-cuda': 1 }, pp: { 'cpu-cpu': 1, 'dgpu-cuda': 1 } },
  measurements: { tg: {}, pp: {} },
  layerOverheadSeconds: { cpu: 1e-6, igpu: 0, dgpu: 0 },
  moeHalfTokens: { cpu: 0, gpu: 0 },
  cpuThreadGbps: 0,
  cpuLayerSeconds: 0,
  moeGenerationFactor: 1,
  residuals: { tg: {}, pp: {} },
};

describe('routed experts in RAM, the rest on the GPU', () => {
  it('splits 100 B total / 10 B active into 96 B routed (6 B of them read) and 4 B always read', () => {
    expect(routed?.paramsBillions).toBeCloseTo(96, 9);
    expect(routed?.activeParamsBillions).toBeCloseTo(6, 9);
  });

  it('times a token from its parts (hand-worked)', () => {
    const need = memoryNeed(spec, 4096);
    const hybrid = candidatePlacements(profile(24), need, { engine: 'auto' }).find(
      (placement) => placement.kind === 'gpu+cpu-experts',
    );
    if (!hybrid) throw new Error('an MoE too big for VRAM must get an expert-offload placement');
    // VRAM 23.5 usable - 2.5 buffers = 21 GB of weights: 4 GB always read + 17 of 96 GB of experts
    // = 7 of 40 layers' experts; 33 layers' experts (82.5 %) stay in RAM.
    expect(hybrid.llamaCppFlags).toEqual(['-ngl 99', '--n-cpu-moe 33']);
    // GPU reads 10 × (1 - 0.6 × 0.825) = 5.05 GB at 1000 GB/s = 5.05 ms; CPU reads 4.95 GB at
    // 100 GB/s = 49.5 ms; CPU barriers 40 × 0.825 × 0.25 layers × 16 threads × 1 µs = 0.132 ms;
    // hand-offs 33 layers × 20 µs = 0.66 ms.
    const stages = generationStages(spec, hybrid, { promptTokens: 512, depthTokens: 0, generatedTokens: 128 });
    expect(1 / predictGeneration(stages, unit, 'moe')).toBeCloseTo(0.00505 + 0.0495 + 0.000132 + 0.00066, 7);
  });

  it('beats spilling whole layers to RAM, and is the answer chosen', () => {
    const result = estimate(profile(24), spec, defaultWorkload, unit);
    expect(result.placement.kind).toBe('gpu+cpu-experts');
  });

  it('is never slower with more VRAM', () => {
    let previous = 0;
    for (const vramGb of [16, 24, 32, 48, 64, 80, 96, 128]) {
      const tg = estimate(profile(vramGb), spec, defaultWorkload, unit).tg?.tokensPerSecond ?? 0;
      expect(tg, `${vramGb} GB`).toBeGreaterThanOrEqual(previous * 0.999);
      previous = tg;
    }
  });
});
