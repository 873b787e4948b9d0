import { describe, expect, it } from 'vitest';
import { createEstimator, defaultWorkload, type Calibration, type Workload } from '../../src/estimator/index.ts';
import { estimate } from '../../src/estimator/estimate.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

const catalog = fixtureCatalog();
const estimator = createEstimator(catalog);
const profile = (id: string) => {
  const machine = catalog.machine(id);
  if (!machine) throw new Error(`no machine ${id}`);
  return estimator.profile(machine);
};
const spec = (model: string, quant: string) => {
  const resolved = estimator.resolveModel({ model, quant });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problem));
  return resolved.value;
};
const unit: Calibration = {
  efficiency: {
    tg: { 'dgpu-cuda': 1, 'dgpu-vulkan': 1, 'igpu-vulkan': 1, 'igpu-rocm': 1, 'cpu-cpu': 1 },
    pp: { 'dgpu-cuda': 1, 'dgpu-vulkan': 1, 'igpu-vulkan': 1, 'igpu-rocm': 1, 'cpu-cpu': 1 },
  },
  measurements: { tg: {}, pp: {} },
  layerOverheadSeconds: { cpu: 0, igpu: 0, dgpu: 0 },
  moeHalfTokens: { cpu: 0, gpu: 0 },
  cpuThreadGbps: 0,
  cpuLayerSeconds: 0,
  moeGenerationFactor: 1,
  residuals: { tg: {}, pp: {} },
};
const noContext: Workload = { ...defaultWorkload, promptTokens: 0, depthTokens: 0, generatedTokens: 0 };

describe('a cluster in the estimator', () => {
  it('pools the memory of its nodes, each keeping its own OS reserve', () => {
    const cluster = profile('cluster-2x-test-mini-usb4');
    expect(cluster.nodes).toBe(2);
    // 2 × 96 GiB of iGPU share = 206.16 decimal GB (each node's 128 GiB less 8 % is 126.44 GB, more than its share)
    const result = estimator.estimate(cluster, spec('test-dense-70b', 'F16'), defaultWorkload);
    expect(result.fits).toBe(true);
    expect(result.memory.availableGb).toBeCloseTo((192 * 2 ** 30) / 1e9, 6);
  });

  it('generates at one node’s bandwidth plus one hop per token: memory adds up, speed does not', () => {
    const result = estimate(profile('cluster-2x-test-mini-usb4'), spec('test-dense-70b', 'F16'), noContext, unit);
    // 140 GB of weights at 256 GB/s, plus one hop: 0.5 ms + 8192 × 4 bytes over 10 Gbit/s (1.25 GB/s)
    const seconds = 140 / 256 + 0.0005 + (8192 * 4) / 1.25e9;
    expect(result.tg?.tokensPerSecond).toBeCloseTo(1 / seconds, 6);
  });

  it('is slower per token than one of its nodes on a model that node holds', () => {
    const model = spec('test-dense-70b', 'Q4_0');
    const one = estimator.estimate(profile('test-mini'), model, defaultWorkload);
    const two = estimator.estimate(profile('cluster-2x-test-mini-usb4'), model, defaultWorkload);
    expect(two.tg?.tokensPerSecond).toBeLessThan(one.tg?.tokensPerSecond ?? 0);
  });
});

describe('an eGPU on a unified-memory machine', () => {
  it('splits a model larger than its VRAM between the eGPU and the iGPU', () => {
    const result = estimator.estimate(
      profile('egpu-test-mini-test-gpu-used-usb4'),
      spec('test-dense-70b', 'Q4_0'),
      defaultWorkload,
    );
    expect(result.placement.kind).toBe('gpu+igpu');
    // faster than the iGPU alone: part of the weights are read at 960 GB/s instead of 256
    const alone = estimator.estimate(profile('test-mini'), spec('test-dense-70b', 'Q4_0'), defaultWorkload);
    expect(result.tg?.tokensPerSecond).toBeGreaterThan(alone.tg?.tokensPerSecond ?? Number.POSITIVE_INFINITY);
  });

  it('crosses its link for prompt work when layers stay in system RAM on the CPU', () => {
    const egpu = profile('egpu-test-mini-test-gpu-used-usb4');
    expect(egpu.dgpus.map((card) => card.linkGbps)).toEqual([3]);
    const build = profile('build-test-build-1x-test-gpu-used');
    // PCIe 5.0 x16 = 16 × 3.938 GB/s
    expect(build.dgpus[0]?.linkGbps).toBeCloseTo(16 * 3.938, 6);
  });
});
