import { describe, expect, it } from 'vitest';
import { createEstimator, defaultWorkload, type Calibration, type Workload } from '../../src/estimator/index.ts';
import { estimate } from '../../src/estimator/estimate.ts';
import { kvCacheGb, specFromCatalog, specFromSize, weightsGb } from '../../src/estimator/model-spec.ts';
import { estimateNoteText } from '../../src/format/estimate-notes.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';
import { estimateReasonText } from '../../src/format/estimate.ts';

const catalog = fixtureCatalog();
const estimator = createEstimator(catalog);

function spec(model: string, quant = 'Q4_0') {
  const resolved = estimator.resolveModel({ model, quant });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problem));
  return resolved.value;
}
function machine(id: string) {
  const found = catalog.machine(id);
  if (!found) throw new Error(`no fixture machine ${id}`);
  return estimator.profile(found);
}

/** Every efficiency 1, no overhead: estimates are then the bare physics, checkable by hand. */
const unitCalibration: Calibration = {
  efficiency: {
    tg: { 'dgpu-cuda': 1, 'igpu-vulkan': 1, 'cpu-cpu': 1 },
    pp: { 'dgpu-cuda': 1, 'igpu-vulkan': 1, 'cpu-cpu': 1 },
  },
  measurements: { tg: {}, pp: {} },
  layerOverheadSeconds: { cpu: 0, igpu: 0, dgpu: 0 },
  moeHalfTokens: { cpu: 0, gpu: 0 },
  cpuThreadGbps: 0,
  cpuLayerSeconds: 0,
  moeGenerationFactor: 1,
  residuals: { tg: {}, pp: {} },
};

describe('memory', () => {
  it('sizes weights as parameters × bits per weight', () => {
    // 8e9 × 4.5 / 8 = 4.5e9 bytes
    expect(weightsGb(spec('test-dense-8b'))).toBeCloseTo(4.5, 6);
    // 70e9 × 16 / 8 = 140e9 bytes
    expect(weightsGb(spec('test-dense-70b', 'F16'))).toBeCloseTo(140, 6);
  });

  it('sizes the KV cache as 2 × layers × KV heads × head size × context × 2 bytes', () => {
    // 2 × 32 × 8 × 128 × 4096 × 2 = 536 870 912 bytes
    expect(kvCacheGb(spec('test-dense-8b'), 4096)).toBeCloseTo(0.536870912, 9);
  });

  it('keeps only the window for sliding-window layers', () => {
    const base = catalog.model('test-dense-8b');
    const quantization = catalog.quantization('Q4_0');
    if (!base || !quantization) throw new Error('fixture model missing');
    const windowed = specFromCatalog({ ...base, sliding_window: { tokens: 1024, layers: 24 } }, quantization);
    // 8 full layers × 32768 + 24 layers × 1024, each 2 × 8 × 128 elements × 2 bytes
    expect(kvCacheGb(windowed, 32768)).toBeCloseTo(((8 * 32768 + 24 * 1024) * 2 * 8 * 128 * 2) / 1e9, 9);
  });

  it('reports what is needed, what is available and the headroom', () => {
    const result = estimator.estimate(machine('test-mini'), spec('test-dense-8b'), defaultWorkload);
    // weights 4.5 + KV 0.537 + buffers (0.5 + 2 % of 4.5 = 0.59)
    expect(result.memory.neededGb).toBeCloseTo(4.5 + 0.536870912 + 0.59, 6);
    // The catalog's 96 GB is binary, as vendors write it: 96 GiB = 103.08 decimal GB, the unit of model files.
    expect(result.memory.availableGb).toBeCloseTo((96 * 2 ** 30) / 1e9, 9);
    expect(result.memory.headroomGb).toBeCloseTo((96 * 2 ** 30) / 1e9 - result.memory.neededGb, 9);
  });
});

describe('placement', () => {
  it('runs a model that fits the GPU-addressable share of unified memory on the iGPU', () => {
    const result = estimator.estimate(machine('test-mini'), spec('test-dense-70b'), defaultWorkload);
    expect(result.fits).toBe(true);
    expect(result.placement.kind).toBe('unified-gpu');
  });

  it('spills a model larger than VRAM to system RAM and says so', () => {
    const result = estimator.estimate(machine('test-desktop-gpu'), spec('test-dense-70b'), defaultWorkload);
    expect(result.fits).toBe(true);
    expect(result.placement.kind).toBe('gpu+cpu');
    expect(result.shortfall?.code).toBe('spills-to-ram');
    expect(estimateReasonText(result)).toMatch(/stay in system RAM/);
  });

  it('answers "does not fit" with the reason when no memory is large enough', () => {
    const result = estimator.estimate(machine('test-mini'), spec('test-dense-70b', 'F16'), defaultWorkload);
    expect(result.fits).toBe(false);
    expect(result.tg).toBeUndefined();
    // 128 GiB = 137.44 GB, less 8 % for the OS = 126.44 GB
    expect(result.shortfall).toMatchObject({ code: 'exceeds-unified-memory', installedGb: 128 });
    expect(estimateReasonText(result)).toMatch(
      /needs 14\d GB, more than the 126 GB of usable memory \(128 GB installed\)/,
    );
  });

  it('uses only the CPU when asked to', () => {
    const result = estimator.estimate(machine('test-mini'), spec('test-dense-8b'), {
      ...defaultWorkload,
      engine: 'cpu',
    });
    expect(result.placement.kind).toBe('cpu');
  });

  it('names an NPU it cannot use instead of counting it', () => {
    const result = estimator.estimate(machine('test-mini'), spec('test-dense-8b'), defaultWorkload);
    expect(result.notes).toContainEqual({ code: 'engine-unused', engineName: 'NPU', engineKind: 'npu' });
  });
});

describe('hand-worked speeds at efficiency 1', () => {
  const shortRun: Workload = { ...defaultWorkload, promptTokens: 0, depthTokens: 0, generatedTokens: 0 };

  it('generates at bandwidth ÷ bytes per token on one GPU', () => {
    const result = estimate(machine('test-desktop-gpu'), spec('test-dense-8b'), shortRun, unitCalibration);
    // 960 GB/s ÷ 4.5 GB per token
    expect(result.tg?.tokensPerSecond).toBeCloseTo(960 / 4.5, 6);
  });

  it('reads only the active parameters of a mixture-of-experts model', () => {
    const result = estimate(machine('test-desktop-gpu'), spec('test-moe-30b-a3b'), shortRun, unitCalibration);
    // 3e9 active × 4.5 bits ÷ 8 = 1.6875 GB per token
    expect(result.tg?.tokensPerSecond).toBeCloseTo(960 / 1.6875, 6);
  });

  it('processes a prompt at peak compute ÷ FLOPs per token', () => {
    const workload: Workload = { ...defaultWorkload, promptTokens: 512, depthTokens: 0, generatedTokens: 0 };
    const result = estimate(machine('test-desktop-gpu'), spec('test-dense-8b'), workload, unitCalibration);
    // 2 × 8e9 + attention 4 × (32 heads × 128) × 32 layers × mean depth 256
    const flops = 2 * 8e9 + 4 * 4096 * 32 * 256;
    expect(result.pp?.tokensPerSecond).toBeCloseTo(150e12 / flops, 3);
    expect(result.pp?.bound).toBe('compute');
    expect(result.timeToFirstTokenSeconds).toBeCloseTo(512 / (150e12 / flops), 6);
  });

  it('adds the time of each part of a split: GPU layers at VRAM speed, the rest at RAM speed', () => {
    const result = estimate(machine('test-desktop-gpu'), spec('test-dense-70b'), shortRun, unitCalibration);
    const kv = kvCacheGb(spec('test-dense-70b'), 4096);
    const buffers = 0.5 + 0.02 * 39.375;
    // 24 GiB of VRAM = 25.77 GB, less 0.5 GB for the driver
    const gpuShare = ((24 * 2 ** 30) / 1e9 - 0.5 - kv - buffers) / 39.375;
    const seconds = (gpuShare * 39.375) / 960 + ((1 - gpuShare) * 39.375) / 96;
    expect(result.tg?.tokensPerSecond).toBeCloseTo(1 / seconds, 6);
  });

  it('is bandwidth-bound when a one-token prompt cannot batch', () => {
    const workload: Workload = { ...defaultWorkload, promptTokens: 1, depthTokens: 0, generatedTokens: 0 };
    const result = estimate(machine('test-desktop-gpu'), spec('test-dense-8b'), workload, unitCalibration);
    expect(result.pp?.bound).toBe('bandwidth');
    expect(result.pp?.tokensPerSecond).toBeCloseTo(960 / 4.5, 3);
  });
});

describe('invariants', () => {
  const machines = catalog.machines.map((found) => estimator.profile(found));
  const models = ['test-dense-8b', 'test-dense-70b', 'test-moe-30b-a3b'].map((id) => spec(id));

  it('never lowers tg when bandwidth rises', () => {
    for (const profile of machines) {
      for (const model of models) {
        const base = estimator.estimate(profile, model, defaultWorkload);
        const faster = estimator.estimate(
          {
            ...profile,
            cpu: { ...profile.cpu, bandwidthGbps: profile.cpu.bandwidthGbps * 1.5 },
            ...(profile.igpu ? { igpu: { ...profile.igpu, bandwidthGbps: profile.igpu.bandwidthGbps * 1.5 } } : {}),
            dgpus: profile.dgpus.map((card) => ({ ...card, bandwidthGbps: card.bandwidthGbps * 1.5 })),
          },
          model,
          defaultWorkload,
        );
        if (base.tg && faster.tg) expect(faster.tg.tokensPerSecond).toBeGreaterThanOrEqual(base.tg.tokensPerSecond);
      }
    }
  });

  it('never raises tg for a bigger model', () => {
    for (const profile of machines) {
      let previous = Number.POSITIVE_INFINITY;
      for (const sizeGb of [2, 5, 10, 20, 40, 80]) {
        const result = estimator.estimate(profile, specFromSize(sizeGb), defaultWorkload);
        if (!result.tg) continue;
        expect(result.tg.tokensPerSecond).toBeLessThanOrEqual(previous);
        previous = result.tg.tokensPerSecond;
      }
    }
  });

  it('never reports a model that does not fit as running on the GPU alone', () => {
    for (const profile of machines) {
      for (const sizeGb of [5, 23, 30, 90, 100, 150, 300]) {
        const result = estimator.estimate(profile, specFromSize(sizeGb), defaultWorkload);
        const gib = 2 ** 30 / 1e9;
        const vram = profile.dgpus.reduce((total, card) => total + card.vramGb * gib, 0);
        if (['gpu', 'multi-gpu'].includes(result.placement.kind))
          expect(result.memory.neededGb).toBeLessThanOrEqual(vram);
        if (result.placement.kind === 'unified-gpu')
          expect(result.memory.neededGb).toBeLessThanOrEqual((profile.igpu?.addressableGb ?? 0) * gib);
        if (!result.fits) expect(result.tg).toBeUndefined();
      }
    }
  });

  it('lowers tg as the context fills', () => {
    for (const profile of machines) {
      for (const model of models) {
        const short = estimator.estimate(profile, model, { ...defaultWorkload, contextTokens: 32768, depthTokens: 0 });
        const deep = estimator.estimate(profile, model, {
          ...defaultWorkload,
          contextTokens: 32768,
          depthTokens: 30000,
        });
        if (short.tg && deep.tg && short.placement.kind === deep.placement.kind)
          expect(deep.tg.tokensPerSecond).toBeLessThan(short.tg.tokensPerSecond);
      }
    }
  });

  it('generates an MoE model faster than a dense model of the same total size', () => {
    const moe = spec('test-moe-30b-a3b');
    const dense = specFromSize(weightsGb(moe), moe.paramsBillions);
    for (const profile of machines) {
      const moeResult = estimator.estimate(profile, moe, defaultWorkload);
      const denseResult = estimator.estimate(profile, dense, defaultWorkload);
      if (moeResult.tg && denseResult.tg)
        expect(moeResult.tg.tokensPerSecond).toBeGreaterThan(3 * denseResult.tg.tokensPerSecond);
    }
  });

  it('never fits a model beyond the memory ceiling that ranking skips by', () => {
    const engines: Workload['engine'][] = ['auto', 'cpu', 'gpu'];
    for (const profile of machines) {
      for (const sizeGb of [5, 20, 60, 90, 95, 100, 115, 120, 150, 300]) {
        for (const engine of engines) {
          const result = estimator.estimate(profile, specFromSize(sizeGb), { ...defaultWorkload, engine });
          if (result.fits) expect(result.memory.neededGb).toBeLessThanOrEqual(estimator.memoryCeilingGb(profile));
        }
      }
    }
  });

  it('counts an iGPU share larger than what the CPU side keeps usable in the ceiling', () => {
    // 128 GiB with 124 GiB GPU-addressable (a Linux GTT setting): usable RAM is 137.44 GB − 8 % = 126.44 GB,
    // yet 124 GB of weights (+ 0.5 + 2 % buffers + KV of 162 layers at 4096 ≈ 129.7 GB) fit the iGPU's
    // 133.14 GB. The ceiling must be the iGPU's, or ranking would skip the machine.
    const mini = machine('test-mini');
    const igpu = mini.igpu;
    if (!igpu) throw new Error('test-mini has an iGPU');
    const wideShare = { ...mini, igpu: { ...igpu, addressableGb: 124 } };
    expect(estimator.memoryCeilingGb(wideShare)).toBeCloseTo((124 * 2 ** 30) / 1e9, 9);
    const result = estimator.estimate(wideShare, specFromSize(124), defaultWorkload);
    expect(result.memory.neededGb).toBeGreaterThan(126.44);
    expect(result.placement.kind).toBe('unified-gpu');
    expect(result.fits).toBe(true);
    expect(estimator.assess(wideShare, specFromSize(124), defaultWorkload).fits).toBe(true);
  });

  it('assesses every machine exactly as the full estimate does', () => {
    const workloads: Workload[] = [
      defaultWorkload,
      { ...defaultWorkload, contextTokens: 32768, promptTokens: 4096 },
      { ...defaultWorkload, engine: 'cpu' },
      { ...defaultWorkload, engine: 'gpu' },
      { ...defaultWorkload, backend: 'vulkan' },
    ];
    const sizes = [...models, ...[3, 30, 70, 100, 130, 400].map((sizeGb) => specFromSize(sizeGb))];
    for (const profile of machines) {
      for (const model of sizes) {
        for (const workload of workloads) {
          const full = estimator.estimate(profile, model, workload);
          const quick = estimator.assess(profile, model, workload);
          expect({ fits: quick.fits, tg: quick.tgTokensPerSecond, pp: quick.ppTokensPerSecond }).toEqual({
            fits: full.fits,
            tg: full.tg?.tokensPerSecond ?? 0,
            pp: full.pp?.tokensPerSecond ?? 0,
          });
        }
      }
    }
  });

  it('gives a range that contains its own estimate', () => {
    for (const profile of machines) {
      for (const model of models) {
        const result = estimator.estimate(profile, model, defaultWorkload);
        if (!result.tg || !result.pp) continue;
        expect(result.tg.low).toBeLessThanOrEqual(result.tg.tokensPerSecond);
        expect(result.tg.high).toBeGreaterThanOrEqual(result.tg.tokensPerSecond);
        expect(result.pp.low).toBeLessThanOrEqual(result.pp.tokensPerSecond);
        expect(result.pp.high).toBeGreaterThanOrEqual(result.pp.tokensPerSecond);
      }
    }
  });
});

describe('model requests', () => {
  it('suggests close model ids for an unknown one', () => {
    const resolved = estimator.resolveModel({ model: 'test-dense-8', quant: 'Q4_0' });
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.suggestions).toContain('test-dense-8b');
  });

  it('treats a bare file size as a Q4_K_M model and says so', () => {
    const resolved = estimator.resolveModel({ sizeGb: 10 });
    expect(resolved.ok).toBe(true);
    if (resolved.ok) {
      expect(weightsGb(resolved.value)).toBeCloseTo(10, 6);
      expect(resolved.value.assumptions.map(estimateNoteText).join(' ')).toMatch(/Q4_K_M/);
    }
  });
});
