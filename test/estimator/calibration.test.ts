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

  it('uses every benchmark in the catalog', () => {
    expect(report.skipped).toEqual([]);
  });

  it('keeps fitted efficiencies physically possible', () => {
    for (const value of Object.values(report.factors.tgEfficiency)) expect(value).toBeLessThanOrEqual(1.05);
    for (const value of Object.values(report.factors.ppEfficiency)) expect(value).toBeLessThanOrEqual(1.05);
  });
});
