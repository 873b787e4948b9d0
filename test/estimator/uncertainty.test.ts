/** An answer whose engine class and model type rest on fewer than three measurements says so and widens its range (#16 item 8). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Advisor } from '../../src/advisor/index.ts';
import { resolveModelQuery, resolveWorkload } from '../../src/advisor/index.ts';
import { rangeFor } from '../../src/estimator/calibration-range.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { uncertaintyText } from '../../src/format/estimate.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function estimateOn(machineId: string, model: string, quant: string) {
  const machine = advisor.catalog.machine(machineId);
  if (!machine) throw new Error(`${machineId} is in the catalog`);
  const spec = resolveModelQuery(advisor, { model, quant });
  if (!spec.ok) throw new Error(JSON.stringify(spec.error));
  const workload = resolveWorkload(spec.value, {});
  if (!workload.ok) throw new Error(JSON.stringify(workload.error));
  return advisor.estimator.estimate(advisor.estimator.profile(machine), spec.value, workload.value);
}

describe('thin evidence in words', () => {
  it('counts the measurements of each engine class and model type the calibration holds', () => {
    const counted = advisor.estimator.calibration.measurementsByType?.tg ?? {};
    const byHand: Record<string, number> = {};
    for (const benchmark of advisor.catalog.benchmarks) if (benchmark.tg_tps !== undefined) byHand[benchmark.id] = 1;
    // Every tg benchmark that became an observation is counted once, under one class and type.
    const total = Object.values(counted).reduce<number>((sum, count) => sum + (count ?? 0), 0);
    expect(total).toBeLessThanOrEqual(Object.keys(byHand).length);
    expect(total).toBeGreaterThan(0);
  });

  it('says so for an MoE on Metal, where the calibration has no MoE run, and widens the range beyond the class spread', () => {
    expect(advisor.estimator.calibration.measurementsByType?.tg['igpu-metal moe'] ?? 0).toBeLessThan(3);
    const estimate = estimateOn('mac-studio-m3-ultra-512gb', 'qwen3-30b-a3b', 'Q8_0');
    expect(estimate.thinEvidence).toMatchObject({ architecture: 'moe', engineClass: 'igpu-metal' });
    expect(uncertaintyText(estimate)).toMatch(/mixture-of-experts models on integrated GPUs with Metal/);
    const tg = estimate.tg;
    if (!tg) throw new Error('the model fits');
    const classRange = rangeFor(advisor.estimator.calibration, 'tg', 'igpu-metal', tg.tokensPerSecond);
    expect(tg.high / tg.low).toBeGreaterThan(classRange.high / classRange.low);
  });

  it('says nothing where three or more runs of that class and type exist', () => {
    expect(advisor.estimator.calibration.measurementsByType?.tg['igpu-vulkan moe'] ?? 0).toBeGreaterThanOrEqual(3);
    expect(advisor.estimator.calibration.measurementsByType?.pp['igpu-vulkan moe'] ?? 0).toBeGreaterThanOrEqual(3);
    const estimate = estimateOn('gmktec-evo-x2-128gb', 'gpt-oss-120b', 'MXFP4');
    if (estimate.placement.engineClass === 'igpu-vulkan') expect(estimate.thinEvidence).toBeUndefined();
  });
});

describe('thin depth evidence in words', () => {
  function cpuEstimate(contextTokens: number, promptTokens: number) {
    const machine = advisor.catalog.machine('server-epyc-9655-768gb');
    if (!machine) throw new Error('server-epyc-9655-768gb is in the catalog');
    const spec = resolveModelQuery(advisor, { model: 'gpt-oss-120b', quant: 'MXFP4' });
    if (!spec.ok) throw new Error(JSON.stringify(spec.error));
    const workload = resolveWorkload(spec.value, { contextTokens, promptTokens, engine: 'cpu' });
    if (!workload.ok) throw new Error(JSON.stringify(workload.error));
    return advisor.estimator.estimate(advisor.estimator.profile(machine), spec.value, workload.value);
  }

  it('widens a long-context CPU answer whose depth factor rests on fewer than three runs, and says so; a short one not', () => {
    expect(advisor.estimator.calibration.attentionRuns?.tg['cpu-cpu'] ?? 0).toBeLessThan(3);
    const short = cpuEstimate(4096, 512);
    const long = cpuEstimate(32768, 16000);
    expect(short.notes.some((note) => note.code === 'depth-thin')).toBe(false);
    expect(long.notes.some((note) => note.code === 'depth-thin')).toBe(true);
    const spread = (estimate: typeof long) => {
      if (!estimate.tg) throw new Error('the model fits');
      return estimate.tg.high / estimate.tg.low;
    };
    // The same class spread, widened by half again in log terms at depth.
    expect(spread(long)).toBeGreaterThan(spread(short) * 1.05);
  });
});
