import { describe, expect, it } from 'vitest';
import { leaveOneOut, type Observation } from '../../src/estimator/calibration.ts';
import { moePromptFactorOf, predictGeneration } from '../../src/estimator/calibration-predict.ts';
import { fitGlobals } from '../../src/estimator/calibration-globals.ts';
import type { GenerationStage } from '../../src/estimator/physics.ts';

const calibration = {
  efficiency: { tg: { 'cpu-cpu': 1 }, pp: {} },
  layerOverheadSeconds: { cpu: 9e-6, igpu: 0, dgpu: 0 },
  moeGenerationFactor: 1,
  cpuThreadGbps: 0,
  cpuLayerSeconds: 0,
};

const cpuStage = (readSeconds: number, layers: number, syncThreads: number): GenerationStage => ({
  engine: 'cpu',
  engineClass: 'cpu-cpu',
  readSeconds,
  layers,
  syncThreads,
});

describe('CPU barrier cost in generation', () => {
  it('adds layers × threads × cost per token to the weight reads (hand-worked)', () => {
    // 2.7 GB read at 450 GB/s = 6 ms; 36 layers × 96 threads × 9 µs = 31.104 ms.
    const tokensPerSecond = predictGeneration([cpuStage(2.7 / 450, 36, 96)], calibration, 'dense');
    expect(tokensPerSecond).toBeCloseTo(1 / (0.006 + 0.031104), 6);
  });

  it('costs a GPU stream nothing from the CPU constant', () => {
    const gpu: GenerationStage = {
      engine: 'dgpu',
      engineClass: 'dgpu-cuda',
      readSeconds: 0.01,
      layers: 36,
      syncThreads: 1,
    };
    expect(
      predictGeneration([gpu], { ...calibration, efficiency: { tg: { 'dgpu-cuda': 1 }, pp: {} } }, 'dense'),
    ).toBeCloseTo(100, 6);
  });

  it('recovers a known barrier cost from synthetic CPU runs, and predicts a left-out one', () => {
    const trueEfficiency = 0.8;
    const trueCost = 6e-6;
    const runs: [number, number, number][] = [
      [0.02, 32, 16],
      [0.1, 48, 16],
      [0.005, 48, 16],
      [0.03, 94, 32],
      [0.01, 36, 64],
    ];
    const observations: Observation[] = runs.map(([read, layers, threads], index) => ({
      benchmarkId: `synthetic-${index}`,
      metric: 'tg',
      engineClass: 'cpu-cpu',
      architecture: 'dense',
      measuredTokensPerSecond: 1 / (read / trueEfficiency + layers * threads * trueCost),
      generation: [cpuStage(read, layers, threads)],
    }));
    expect(fitGlobals(observations).layerOverheadSeconds.cpu).toBeCloseTo(trueCost, 9);
    for (const row of leaveOneOut(observations, 'refit')) expect(Math.abs(row.relativeError)).toBeLessThan(0.05);
  });

  it('caps what few threads read: 16 threads at 10 GB/s each fill 160 of 450 GB/s (hand-worked)', () => {
    // 2.7 GB at 160 GB/s = 16.875 ms; 36 layers × (100 µs + 16 × 2 µs) = 4.752 ms.
    const stage = { ...cpuStage(2.7 / 450, 36, 16), poolBandwidthGbps: 450 };
    const capped = { ...calibration, layerOverheadSeconds: { cpu: 2e-6, igpu: 0, dgpu: 0 }, cpuThreadGbps: 10 };
    expect(predictGeneration([stage], { ...capped, cpuLayerSeconds: 100e-6 }, 'dense')).toBeCloseTo(
      1 / (0.016875 + 0.004752),
      6,
    );
  });
});

describe('MoE prompt matmuls over few tokens per expert', () => {
  it('runs gpt-oss-120b experts (512 × 4 / 128 = 16 tokens each) at half speed when half speed is at 16 (hand-worked)', () => {
    const factor = moePromptFactorOf(
      { engineClass: 'cpu-cpu', moeBatch: { tokensPerExpert: 16, microBatch: 512 } },
      { moeHalfTokens: { cpu: 16, gpu: 0 } },
    );
    expect(factor).toBeCloseTo(0.5 / (512 / 528), 9);
  });
});
