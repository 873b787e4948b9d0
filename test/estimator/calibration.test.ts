import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { checkEstimator } from '../../src/estimator/check.ts';

const loaded = await loadCatalog('data');
if (!loaded.ok) throw new Error('the live catalog must load for calibration tests');
const report = checkEstimator(loaded.catalog);

describe('calibration on the published measurements, scored leave-one-out', () => {
  it('predicts token generation with a median absolute error of at most 20 %', () => {
    expect(report.tg.count).toBeGreaterThanOrEqual(20);
    expect(report.tg.medianAbsoluteError).toBeLessThanOrEqual(0.2);
  });

  it('predicts prompt processing with a median absolute error of at most 30 %', () => {
    expect(report.pp.count).toBeGreaterThanOrEqual(20);
    expect(report.pp.medianAbsoluteError).toBeLessThanOrEqual(0.3);
  });

  it("reproduces the survey's two figures within 25 % without having seen them", () => {
    const surveyRows = report.rows.filter((row) => row.benchmarkId.startsWith('survey-'));
    expect(surveyRows.map((row) => `${row.benchmarkId} ${row.metric}`).sort()).toEqual([
      'survey-desktop-9950x3d-cpu-10gb pp',
      'survey-desktop-9950x3d-cpu-10gb tg',
      'survey-mini-pc-10gb pp',
      'survey-mini-pc-10gb tg',
    ]);
    for (const row of surveyRows)
      expect(Math.abs(row.error), `${row.benchmarkId} ${row.metric}`).toBeLessThanOrEqual(0.25);
  });

  it('scores the published batched runs as their own bucket, per sequence', () => {
    expect(report.batched.tg?.count ?? 0).toBeGreaterThanOrEqual(20);
    expect(report.batched.tg?.medianAbsoluteError ?? 1).toBeLessThanOrEqual(0.3);
    // ggml-org benches/dgx-spark.md: gpt-oss-120b, PP 512, TG 32, B 8 → S_TG 146.65 t/s over all 8.
    const row = report.rows.find(
      (candidate) => candidate.benchmarkId === 'dgx-spark-cuda-gpt-oss-120b-np8' && candidate.metric === 'tg',
    );
    expect(row?.sequences).toBe(8);
    expect(row?.measured).toBeCloseTo(146.65 / 8, 6);
    expect(Math.abs(row?.error ?? 1)).toBeLessThanOrEqual(0.5);
    // The single-sequence summaries stay single-sequence.
    expect(report.tg.count).toBe(report.rows.filter((r) => r.metric === 'tg' && r.sequences === 1).length);
  });

  it('uses every benchmark in the catalog', () => {
    expect(report.skipped).toEqual([]);
  });

  it('keeps fitted efficiencies physically possible', () => {
    for (const value of Object.values(report.factors.tgEfficiency)) expect(value).toBeLessThanOrEqual(1.05);
    for (const value of Object.values(report.factors.ppEfficiency)) expect(value).toBeLessThanOrEqual(1.05);
  });
});
