/**
 * Depth per engine class: attention (KV reads in tg, attention arithmetic in pp) runs at its
 * own share of the class's efficiency, fitted on runs at depth (lhl's Strix Halo sweeps, the
 * DGX Spark's llama-bench -d runs).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../src/estimator/calibration.ts';
import {
  attentionForRuntime,
  attentionKey,
  predictGeneration,
  predictPrompt,
} from '../../src/estimator/calibration-predict.ts';
import { fitGlobals } from '../../src/estimator/calibration-globals.ts';
import { depthBucketOf } from '../../src/estimator/check.ts';
import type { GenerationStage, PromptStage } from '../../src/estimator/physics.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { resolveModelQuery, resolveWorkload } from '../../src/advisor/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

const base = {
  efficiency: { tg: { 'igpu-rocm': 0.8 }, pp: { 'igpu-rocm': 0.25 } },
  layerOverheadSeconds: { cpu: 0, igpu: 0, dgpu: 0 },
  moeGenerationFactor: 1,
  moeHalfTokens: { cpu: 0, gpu: 0 },
  cpuThreadGbps: 0,
  cpuLayerSeconds: 0,
};

describe('attention at its own efficiency (hand-worked)', () => {
  it('reads the KV cache at the class efficiency times its attention factor', () => {
    // 4 GB of weights and 2 GB of KV at 256 GB/s: 15.625 ms and 7.8125 ms at efficiency 1;
    // at 0.8, and the KV at 0.8 × 0.5 = 0.4: 19.53 + 19.53 = 39.06 ms.
    const stage: GenerationStage = {
      engine: 'igpu',
      engineClass: 'igpu-rocm',
      readSeconds: 4 / 256,
      kvReadSeconds: 2 / 256,
      layers: 0,
      syncThreads: 1,
    };
    const withFactor = predictGeneration(
      [stage],
      { ...base, attention: { tg: { 'igpu-rocm': 0.5 }, pp: {} } },
      'dense',
    );
    expect(withFactor).toBeCloseTo(1 / (4 / 256 / 0.8 + 2 / 256 / 0.4), 6);
    // No factor fitted: attention as fast as the rest of the class.
    expect(predictGeneration([stage], base, 'dense')).toBeCloseTo(1 / (6 / 256 / 0.8), 6);
  });

  it('computes prompt attention at the class efficiency times its attention factor', () => {
    // 16 GFLOP of matmuls and 4 GFLOP of attention per token at 59 TFLOPS peak.
    const stage: PromptStage = {
      engineClass: 'igpu-rocm',
      readClass: 'igpu-rocm',
      computeSeconds: 16e9 / 59e12,
      attentionSeconds: 4e9 / 59e12,
      readSeconds: 0,
      transferSeconds: 0,
    };
    const tokensPerSecond = predictPrompt(
      [stage],
      { ...base, attention: { tg: {}, pp: { 'igpu-rocm': 0.1 } } },
      'dense',
    ).tokensPerSecond;
    expect(tokensPerSecond).toBeCloseTo(1 / (16e9 / 59e12 / 0.25 + 4e9 / 59e12 / 0.025), 3);
  });
});

describe('fitting the attention factor', () => {
  it('recovers a known factor from synthetic runs at depth, and leaves a class without them at 1', () => {
    const efficiency = 0.7;
    const attention = 0.4;
    // [weights, KV] seconds at efficiency 1: two shallow runs, three at depth.
    const runs: [number, number][] = [
      [0.01, 0.0001],
      [0.02, 0.0002],
      [0.01, 0.004],
      [0.02, 0.012],
      [0.005, 0.006],
    ];
    const observations: Observation[] = runs.map(([read, kv], index) => ({
      benchmarkId: `synthetic-${index}`,
      metric: 'tg',
      engineClass: 'igpu-rocm',
      architecture: 'dense',
      measuredTokensPerSecond: 1 / (read / efficiency + kv / (efficiency * attention)),
      generation: [
        { engine: 'igpu', engineClass: 'igpu-rocm', readSeconds: read, kvReadSeconds: kv, layers: 0, syncThreads: 1 },
      ],
    }));
    const shallowOnly: Observation = {
      benchmarkId: 'other-class',
      metric: 'tg',
      architecture: 'dense',
      measuredTokensPerSecond: 70,
      engineClass: 'igpu-vulkan',
      generation: [
        {
          engine: 'igpu',
          engineClass: 'igpu-vulkan',
          readSeconds: 0.01,
          kvReadSeconds: 0.0001,
          layers: 0,
          syncThreads: 1,
        },
      ],
    };
    const globals = fitGlobals([...observations, shallowOnly]);
    expect(globals.attention?.tg['igpu-rocm']).toBe(attention);
    expect(globals.attention?.tg['igpu-vulkan']).toBeUndefined();
  });
});

describe('depth on the live catalog', () => {
  let advisor: Advisor;
  beforeAll(async () => {
    advisor = await liveAdvisor();
  });

  it('lets Strix Halo HIP fall faster with depth than Vulkan, as the sweeps measured (tg -48 % against -33 % over 8k tokens)', () => {
    const machine = advisor.catalog.machine('framework-desktop-128gb');
    if (!machine) throw new Error('framework-desktop-128gb is in the catalog');
    const spec = resolveModelQuery(advisor, { model: 'llama-3.1-8b' });
    if (!spec.ok) throw new Error(JSON.stringify(spec.error));
    const drop = (backend: 'rocm' | 'vulkan') => {
      const at = (promptTokens: number) => {
        const workload = resolveWorkload(spec.value, { contextTokens: 32768, promptTokens, backend });
        if (!workload.ok) throw new Error(JSON.stringify(workload.error));
        return advisor.estimator.estimate(advisor.estimator.profile(machine), spec.value, workload.value);
      };
      const short = at(512);
      const long = at(16384);
      return {
        tg: 1 - (long.tg?.tokensPerSecond ?? 0) / (short.tg?.tokensPerSecond ?? 1),
        pp: 1 - (long.pp?.tokensPerSecond ?? 0) / (short.pp?.tokensPerSecond ?? 1),
      };
    };
    const hip = drop('rocm');
    const vulkan = drop('vulkan');
    expect(hip.tg).toBeGreaterThan(vulkan.tg);
    expect(hip.pp).toBeGreaterThan(vulkan.pp);
  });
});

describe('attention per runtime', () => {
  it("gives ik_llama.cpp its own factors and never mainline's", () => {
    const attention = {
      tg: { 'cpu-cpu': 0.04, 'igpu-rocm': 0.5, 'igpu-rocm ik_llama.cpp': 0.8 },
      pp: { 'cpu-cpu': 0.2 },
    };
    expect(attentionForRuntime(attention, undefined)).toBe(attention);
    expect(attentionForRuntime(attention, 'llama.cpp')).toBe(attention);
    // Only the runtime's own key survives, under the plain class name; cpu-cpu falls back to 1 (absent).
    expect(attentionForRuntime(attention, 'ik_llama.cpp')).toEqual({ tg: { 'igpu-rocm': 0.8 }, pp: {} });
    expect(attentionKey('cpu-cpu', 'ik_llama.cpp')).toBe('cpu-cpu ik_llama.cpp');
    expect(attentionKey('cpu-cpu', 'llama.cpp')).toBe('cpu-cpu');
  });

  it('a CPU run on ik_llama.cpp reads its KV cache at the class efficiency where mainline has a fitted factor', () => {
    // 10 ms of weights and 5 ms of KV at efficiency 1, class efficiency 0.5: 20 + 10 = 30 ms on ik (factor 1), 20 + 5/0.125 = 60 ms on mainline (factor 0.25).
    const stage: GenerationStage = {
      engine: 'cpu',
      engineClass: 'cpu-cpu',
      readSeconds: 0.01,
      kvReadSeconds: 0.005,
      layers: 0,
      syncThreads: 1,
    };
    const calibration = {
      ...base,
      efficiency: { tg: { 'cpu-cpu': 0.5 }, pp: {} },
      attention: attentionForRuntime({ tg: { 'cpu-cpu': 0.25 }, pp: {} }, 'ik_llama.cpp'),
    };
    expect(predictGeneration([stage], calibration, 'dense')).toBeCloseTo(1 / 0.03, 6);
    const mainline = { ...calibration, attention: { tg: { 'cpu-cpu': 0.25 }, pp: {} } };
    expect(predictGeneration([stage], mainline, 'dense')).toBeCloseTo(1 / (0.02 + 0.005 / 0.125), 6);
  });
});

describe('depth buckets of the check', () => {
  it('splits context at 2k and 12k tokens', () => {
    expect(depthBucketOf(0)).toBe('short');
    expect(depthBucketOf(2047)).toBe('short');
    expect(depthBucketOf(2048)).toBe('mid');
    expect(depthBucketOf(12287)).toBe('mid');
    expect(depthBucketOf(32768 + 64)).toBe('long');
  });
});
