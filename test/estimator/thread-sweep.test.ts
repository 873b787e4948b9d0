import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultWorkload, type Calibration, type Workload } from '../../src/estimator/index.ts';
import { threadChoices, threadSweepSeconds } from '../../src/estimator/estimate.ts';
import { candidatePlacements, memoryNeed } from '../../src/estimator/placement.ts';
import { firstLeastByScan, firstLeastOfUnimodal } from '../../src/estimator/unimodal.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

/** Strictly falling, then level at its least, then strictly rising (either part may be empty). */
function isUnimodal(values: readonly number[]): boolean {
  let index = 1;
  while (index < values.length && (values[index] ?? 0) < (values[index - 1] ?? 0)) index += 1;
  while (index < values.length && values[index] === values[index - 1]) index += 1;
  while (index < values.length && (values[index] ?? 0) > (values[index - 1] ?? 0)) index += 1;
  return index >= values.length;
}

function searchedFromEveryStart(values: readonly number[]): number[] {
  return values.map((_, start) => firstLeastOfUnimodal(values.length, (index) => values[index] ?? Number.NaN, start));
}

describe('first least of a unimodal sequence', () => {
  it('finds what a scan keeps, from any start (hand-worked)', () => {
    const cases: [number[], number][] = [
      [[5, 4, 3, 2, 1], 4], // falls throughout: the fewest threads
      [[1, 2, 3], 0], // rises throughout: every core
      [[5, 3, 3, 4], 1], // level at its least: the first of the two, as a scan replacing on < keeps
      [[2, 2, 2, 2], 0], // level throughout
      [[9, 7, 4, 6, 8, 9, 10], 2],
      [[3], 0],
    ];
    for (const [values, expected] of cases) {
      expect(firstLeastByScan(values.length, (index) => values[index] ?? Number.NaN)).toBe(expected);
      expect(searchedFromEveryStart(values)).toEqual(values.map(() => expected));
    }
  });

  it('agrees with a scan on random falling-level-rising sequences, and times fewer of them from a good start', () => {
    const unimodal = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 1000 }),
      )
      .map(([falls, level, rises, least]) => {
        const before = falls.map((_, index) => least + falls.slice(index).reduce((sum, step) => sum + step, 0));
        const after = rises.map((_, index) => least + rises.slice(0, index + 1).reduce((sum, step) => sum + step, 0));
        return [...before, ...Array.from({ length: level }, () => least), ...after];
      });
    fc.assert(
      fc.property(unimodal, (values) => {
        const scanned = firstLeastByScan(values.length, (index) => values[index] ?? Number.NaN);
        expect(searchedFromEveryStart(values)).toEqual(values.map(() => scanned));
        let calls = 0;
        firstLeastOfUnimodal(
          values.length,
          (index) => {
            calls += 1;
            return values[index] ?? Number.NaN;
          },
          scanned,
        );
        expect(calls).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('falls back to a scan when a cost is NaN', () => {
    const values = [3, Number.NaN, 1, 2];
    const scanned = firstLeastByScan(values.length, (index) => values[index] ?? Number.NaN);
    expect(searchedFromEveryStart(values)).toEqual(values.map(() => scanned));
  });
});

describe('the CPU thread sweep', () => {
  it('tries one count per distinct share of the cores, most first', () => {
    // 96 cores: 96, 72, 48, 36, 24, 16, 12; 4 cores: 4, 3, 2, 2, 1, 1, 1 -> 4, 3, 2, 1.
    expect(threadChoices(96)).toEqual([96, 72, 48, 36, 24, 16, 12]);
    expect(threadChoices(4)).toEqual([4, 3, 2, 1]);
  });

  it('is unimodal for every CPU-bearing placement of the live catalog, so searching it finds the scan’s choice', async () => {
    const advisor = await liveAdvisor();
    const live = advisor.estimator.calibration;
    // The live fit, and the two degenerate shapes: no per-thread bandwidth limit (time falls to the
    // fewest threads), and no barrier cost either (level throughout: every core is kept).
    const calibrations: Calibration[] = [
      live,
      { ...live, cpuThreadGbps: 0 },
      { ...live, cpuThreadGbps: 0, layerOverheadSeconds: { ...live.layerOverheadSeconds, cpu: 0 } },
    ];
    const workloads: Workload[] = [
      defaultWorkload,
      { ...defaultWorkload, contextTokens: 32_768, promptTokens: 4000, users: 5, kvCache: 'q8_0' },
    ];
    const profiles = new Map(
      advisor.machines.map((indexed) => [indexed.hardwareGroup, indexed.profile] as const),
    ).values();
    const specs = advisor.catalog.models.flatMap((model) => {
      const resolved = advisor.estimator.resolveModel({ model: model.id, quant: 'Q4_K_M' });
      return resolved.ok ? [resolved.value] : [];
    });
    let sweeps = 0;
    let interior = 0;
    for (const profile of profiles)
      for (const spec of specs)
        for (const workload of workloads) {
          const need = memoryNeed(spec, workload.contextTokens, workload.kvCache, workload.users);
          for (const placement of candidatePlacements(profile, need, { engine: 'auto' }))
            for (const calibration of calibrations) {
              const seconds = threadSweepSeconds(spec, placement, workload, calibration);
              if (seconds.length < 2) continue;
              sweeps += 1;
              if (!isUnimodal(seconds))
                throw new Error(`not unimodal: ${profile.id} ${spec.id} ${placement.kind} ${seconds.join(', ')}`);
              const scanned = firstLeastByScan(seconds.length, (index) => seconds[index] ?? Number.NaN);
              if (scanned > 0 && scanned < seconds.length - 1) interior += 1;
              expect(searchedFromEveryStart(seconds)).toEqual(seconds.map(() => scanned));
            }
        }
    // The check covers real sweeps, some of which end between the most and the fewest threads.
    expect(sweeps).toBeGreaterThan(1000);
    expect(interior).toBeGreaterThan(0);
    // Thousands of sweeps: ~6 s alone on 2 cores, several times that while other suites share them.
  }, 60_000);
});
