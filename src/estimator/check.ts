/**
 * How good is the estimator? Every benchmark predicted leave-one-out (from a
 * calibration fitted without it), with median and 90th-percentile absolute errors.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { calibrate, leaveOneOut, quantile, type Metric } from './calibration.ts';
import { catalogObservations } from './observations.ts';

export interface CheckRow {
  benchmarkId: string;
  metric: Metric;
  engineClass: string;
  measured: number;
  estimated: number;
  /** (estimated − measured) / measured */
  error: number;
}

export interface ErrorSummary {
  count: number;
  medianAbsoluteError: number;
  p90AbsoluteError: number;
}

export interface CheckReport {
  rows: CheckRow[];
  tg: ErrorSummary;
  pp: ErrorSummary;
  byClass: Record<string, Partial<Record<Metric, ErrorSummary>>>;
  factors: { tgEfficiency: Record<string, number>; ppEfficiency: Record<string, number>; gpuLayerOverheadMicroseconds: number; cpuSyncMicrosecondsPerThreadLayer: number; moePromptFactor: number; moeGenerationFactor: number };
  skipped: { id: string; reason: string }[];
}

function summarise(rows: readonly CheckRow[]): ErrorSummary {
  const absolute = rows.map((row) => Math.abs(row.error));
  return { count: rows.length, medianAbsoluteError: quantile(absolute, 0.5) ?? Number.NaN, p90AbsoluteError: quantile(absolute, 0.9) ?? Number.NaN };
}

export function checkEstimator(catalog: Catalog): CheckReport {
  const { observations, skipped } = catalogObservations(catalog);
  const calibration = calibrate(observations);
  const rows: CheckRow[] = leaveOneOut(observations, 'refit').map((row) => ({
    benchmarkId: row.observation.benchmarkId,
    metric: row.observation.metric,
    engineClass: row.observation.engineClass,
    measured: row.observation.measuredTokensPerSecond,
    estimated: row.estimatedTokensPerSecond,
    error: row.relativeError,
  }));
  const byClass: CheckReport['byClass'] = {};
  for (const engineClass of new Set(rows.map((row) => row.engineClass))) {
    const entry: Partial<Record<Metric, ErrorSummary>> = {};
    for (const metric of ['tg', 'pp'] as const) {
      const classRows = rows.filter((row) => row.engineClass === engineClass && row.metric === metric);
      if (classRows.length > 0) entry[metric] = summarise(classRows);
    }
    byClass[engineClass] = entry;
  }
  const numeric = (record: Partial<Record<string, number>>) =>
    Object.fromEntries(Object.entries(record).filter((entry): entry is [string, number] => entry[1] !== undefined));
  return {
    rows,
    tg: summarise(rows.filter((row) => row.metric === 'tg')),
    pp: summarise(rows.filter((row) => row.metric === 'pp')),
    byClass,
    factors: {
      tgEfficiency: numeric(calibration.efficiency.tg),
      ppEfficiency: numeric(calibration.efficiency.pp),
      gpuLayerOverheadMicroseconds: calibration.layerOverheadSeconds.dgpu * 1e6,
      cpuSyncMicrosecondsPerThreadLayer: calibration.layerOverheadSeconds.cpu * 1e6,
      moePromptFactor: calibration.moePromptFactor,
      moeGenerationFactor: calibration.moeGenerationFactor,
    },
    skipped,
  };
}
