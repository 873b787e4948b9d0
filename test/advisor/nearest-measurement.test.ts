/**
 * The measurement beside an estimate is the one nearest the asked depth, and a short caveat
 * says where its conditions differ (QA #10, #28).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName, type OptionValues } from '../../commands/index.ts';
import type { Advisor, SpecsResult } from '../../src/advisor/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { measurementCaveat, measurementConditions } from '../../src/format/index.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function asked(options: OptionValues) {
  const outcome = commandsByName.get('specs')?.run(options, { advisor });
  if (!outcome?.ok) throw new Error(outcome?.error.message ?? 'no /specs');
  const entry = (outcome.value.result as SpecsResult).estimates[0];
  if (!entry) throw new Error('no estimate');
  return entry;
}

describe('the measurement beside an estimate', () => {
  it('is the depth-32k run for a 32k prompt and the depth-0 run for a short one (DGX Spark, gpt-oss-120b)', () => {
    const long = asked({
      machine: 'nvidia-dgx-spark',
      model: 'gpt-oss-120b',
      quant: 'MXFP4',
      context: 36000,
      prompt_tokens: 32768,
    });
    expect(long.measurements[0]?.benchmarkId).toBe('dgx-spark-cuda-gpt-oss-120b-d32k');
    expect(long.measurements[0]?.depthTokens).toBe(32768);
    const short = asked({
      machine: 'nvidia-dgx-spark',
      model: 'gpt-oss-120b',
      quant: 'MXFP4',
      context: 4096,
      prompt_tokens: 512,
    });
    expect(short.measurements[0]?.depthTokens).toBe(0);
  });

  it('says nothing when the run was made as asked: same backend, file, and a context within a factor of two', () => {
    // Measured: 2,048-token prompt + 32 generated on CUDA with the MXFP4 file; asked: a 4,096-token context.
    const alike = asked({
      machine: 'nvidia-dgx-spark',
      model: 'gpt-oss-120b',
      quant: 'MXFP4',
      context: 4096,
      prompt_tokens: 2048,
    });
    expect(alike.measurements[0]?.benchmarkId).toBe('dgx-spark-cuda-gpt-oss-120b');
    expect(alike.measurements[0]?.differences).toBeUndefined();
  });

  it('says why 2× RTX 3090 measured 16.6 at 512 tokens all in VRAM beside an estimate at 32k that spills (QA #10)', () => {
    const entry = asked({ machine: 'desktop-9950x3d-2x-rtx-3090', model: 'llama-3.3-70b', context: 32768 });
    expect(entry.estimate.placement.kind).toBe('gpu+cpu');
    const measurement = entry.measurements.find(
      (candidate) => candidate.benchmarkId === '2x-rtx-3090-cuda-llama-3-70b-q4-k-m',
    );
    expect(measurement?.differences).toEqual(
      expect.arrayContaining([
        { code: 'context', measuredTokens: 512, askedTokens: 32768 },
        { code: 'all-in-gpu-memory', unified: false },
      ]),
    );
    const caveat = measurement && measurementCaveat(measurement);
    expect(caveat).toContain('512-token context, not 32,768');
    expect(caveat).toContain('all in GPU memory');
    expect(measurement && measurementConditions(measurement)).toBe('512-token context, all in VRAM');
    // The estimate at the measured conditions is given too, and it is the fast one: the gap is the spill.
    const asMeasured = measurement?.estimatedAsMeasured?.tgTokensPerSecond ?? Number.NaN;
    expect(caveat).toContain(`estimated tg ${Math.round(asMeasured * 10) / 10}`);
    expect(asMeasured).toBeGreaterThan(1.5 * (entry.estimate.tg?.tokensPerSecond ?? Number.POSITIVE_INFINITY));
  });

  it('names a different backend, a second user and a quantized cache', () => {
    const entry = asked({
      machine: 'nvidia-dgx-spark',
      model: 'gpt-oss-120b',
      quant: 'MXFP4',
      context: 4096,
      prompt_tokens: 2048,
      users: 2,
      kv_cache: 'q8_0',
    });
    expect(entry.measurements[0]?.differences).toEqual(
      expect.arrayContaining([
        { code: 'users', asked: 2 },
        { code: 'kv-cache', asked: 'q8_0' },
      ]),
    );
    const caveat = entry.measurements[0] && measurementCaveat(entry.measurements[0]);
    expect(caveat).toContain('one user');
    expect(caveat).toContain('f16 KV cache');
  });
});
