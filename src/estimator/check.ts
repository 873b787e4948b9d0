/**
 * How good is the estimator? Every benchmark predicted leave-one-out (from a
 * calibration fitted without it), with median and 90th-percentile absolute errors.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { calibrate, leaveOneOut, type Metric, type Observation, type Runtime } from './calibration.ts';
import { attentionForRuntime, attentionKey } from './calibration-predict.ts';
import { attentionShareOf } from './calibration-globals.ts';
import { minimumForClassRange, quantile } from './calibration-range.ts';
import { catalogObservations } from './observations.ts';

export interface CheckRow {
  benchmarkId: string;
  metric: Metric;
  engineClass: string;
  architecture: 'dense' | 'moe';
  /** Sequences decoded together; above 1 a batched run, whose tg is per sequence (its published total / N). */
  sequences: number;
  measured: number;
  estimated: number;
  /** (estimated − measured) / measured */
  error: number;
  runtime: Runtime;
  /** Tokens in the context at the middle of the run. */
  contextTokens: number;
  depthBucket: DepthBucket;
  why: CheckWhy;
}

/** Context filled at the middle of a run: short (< 2k tokens), mid (2k-12k), long (>= 12k). */
export type DepthBucket = 'short' | 'mid' | 'long';

export function depthBucketOf(contextTokens: number): DepthBucket {
  return contextTokens < 2048 ? 'short' : contextTokens < 12288 ? 'mid' : 'long';
}

/** What an error may come from, for the worst cases: the adapter puts it in words. */
export interface CheckWhy {
  /** Attention's share of the work at efficiency 1 (KV reads in tg, attention FLOPs in pp). */
  attentionShare: number;
  /** The attention factor the estimate used (1: none fitted for this class and runtime), and the runs it rests on. */
  attentionFactor: number;
  attentionRuns: number;
  /** Measurements of this class × model type × metric in the whole set (this one included). */
  classTypeMeasurements: number;
  /** Stages on more than one engine class: scored, never fitted on. */
  mixedEngines: boolean;
  /** RAM-resident weights shipped over a link for the prompt. */
  linkTransfer: boolean;
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
  /**
   * Batched runs (several sequences at once), apart: every other summary is of single-sequence
   * runs, which the factors are fitted on; these test the physics of N users on top of them.
   */
  batched: Partial<Record<Metric, ErrorSummary>>;
  /** The batched runs per engine class × dense/MoE. */
  batchedByClassAndType: Record<string, Partial<Record<Metric, ErrorSummary>>>;
  /** Per engine class × dense/MoE, e.g. "cpu-cpu moe": where an answer's model type is thinly measured. */
  byClassAndType: Record<string, Partial<Record<Metric, ErrorSummary>>>;
  /** Per engine class × dense/MoE × depth bucket, e.g. "igpu-rocm dense long". */
  byClassTypeAndDepth: Record<string, Partial<Record<Metric, ErrorSummary>>>;
  /** Per runtime (mainline llama.cpp, ik_llama.cpp). */
  byRuntime: Record<string, Partial<Record<Metric, ErrorSummary>>>;
  /** The ten largest |errors|, worst first. */
  worst: CheckRow[];
  factors: {
    tgEfficiency: Record<string, number>;
    ppEfficiency: Record<string, number>;
    gpuLayerOverheadMicroseconds: number;
    cpuSyncMicrosecondsPerThreadLayer: number;
    /** Tokens per expert at which an MoE prompt matmul runs at half speed, CPUs and GPUs. */
    moeHalfTokens: { cpu: number; gpu: number; dgpu?: number };
    moeGenerationFactor: number;
    /** Share of the pp efficiency a batched decode step's extra sequences reach, and the runs it rests on. */
    batchedComputeFactor: Partial<Record<'dense' | 'moe', number>>;
    batchedLayerMicroseconds: Partial<Record<'dense' | 'moe', number>>;
    batchedRuns: Partial<Record<'dense' | 'moe', number>>;
    cpuThreadGbps: number;
    cpuLayerMicroseconds: number;
    /** Attention's share of each class's efficiency, where runs at depth fitted one (1 elsewhere). */
    attention: { tg: Record<string, number>; pp: Record<string, number> };
    /** How many long-context runs each attention factor rests on. */
    attentionRuns: { tg: Record<string, number>; pp: Record<string, number> };
  };
  skipped: { id: string; reason: string }[];
}

function summarise(rows: readonly CheckRow[]): ErrorSummary {
  const absolute = rows.map((row) => Math.abs(row.error));
  return {
    count: rows.length,
    medianAbsoluteError: quantile(absolute, 0.5) ?? Number.NaN,
    p90AbsoluteError: quantile(absolute, 0.9) ?? Number.NaN,
  };
}

/** Below this many measurements a class × model type's error is shown as too few to trust. */
export const thinMeasurements = minimumForClassRange;

export function checkEstimator(catalog: Catalog): CheckReport {
  const { observations, skipped } = catalogObservations(catalog);
  const calibration = calibrate(observations);
  const typeCount = (observation: Observation) =>
    observations.filter(
      (other) =>
        other.metric === observation.metric &&
        other.engineClass === observation.engineClass &&
        other.architecture === observation.architecture,
    ).length;
  const whyOf = (observation: Observation): CheckWhy => {
    const factor = attentionForRuntime(calibration.attention, observation.runtime)?.[observation.metric][
      observation.engineClass
    ];
    const stageClasses = [
      ...(observation.generation ?? []).map((stage) => stage.engineClass),
      ...(observation.prompt ?? []).map((stage) => stage.engineClass),
    ];
    return {
      attentionShare: attentionShareOf(observation),
      attentionFactor: factor ?? 1,
      attentionRuns:
        factor === undefined
          ? 0
          : (calibration.attentionRuns?.[observation.metric][
              attentionKey(observation.engineClass, observation.runtime)
            ] ?? 0),
      classTypeMeasurements: typeCount(observation),
      mixedEngines: new Set(stageClasses).size > 1,
      linkTransfer: (observation.prompt ?? []).some((stage) => stage.transferSeconds > 0),
    };
  };
  const allRows: CheckRow[] = leaveOneOut(observations, 'refit').map((row) => {
    const contextTokens = row.observation.contextTokens ?? 0;
    return {
      benchmarkId: row.observation.benchmarkId,
      metric: row.observation.metric,
      engineClass: row.observation.engineClass,
      architecture: row.observation.architecture,
      sequences: row.observation.sequences ?? 1,
      measured: row.observation.measuredTokensPerSecond,
      estimated: row.estimatedTokensPerSecond,
      error: row.relativeError,
      runtime: row.observation.runtime ?? 'llama.cpp',
      contextTokens,
      depthBucket: depthBucketOf(contextTokens),
      why: whyOf(row.observation),
    };
  });
  const rows = allRows.filter((row) => row.sequences === 1);
  const batchedRows = allRows.filter((row) => row.sequences > 1);
  const groupBy = (keyOf: (row: CheckRow) => string, rows: readonly CheckRow[]) => {
    const groups: Record<string, Partial<Record<Metric, ErrorSummary>>> = {};
    for (const key of new Set(rows.map(keyOf))) {
      const entry: Partial<Record<Metric, ErrorSummary>> = {};
      for (const metric of ['tg', 'pp'] as const) {
        const groupRows = rows.filter((row) => keyOf(row) === key && row.metric === metric);
        if (groupRows.length > 0) entry[metric] = summarise(groupRows);
      }
      groups[key] = entry;
    }
    return groups;
  };
  const byClass = groupBy((row) => row.engineClass, rows);
  const byClassAndType = groupBy((row) => `${row.engineClass} ${row.architecture}`, rows);
  const byClassTypeAndDepth = groupBy((row) => `${row.engineClass} ${row.architecture} ${row.depthBucket}`, rows);
  const byRuntime = groupBy((row) => row.runtime, rows);
  const batched: Partial<Record<Metric, ErrorSummary>> = {};
  for (const metric of ['tg', 'pp'] as const) {
    const metricRows = batchedRows.filter((row) => row.metric === metric);
    if (metricRows.length > 0) batched[metric] = summarise(metricRows);
  }
  const worst = [...rows].sort((a, b) => Math.abs(b.error) - Math.abs(a.error)).slice(0, 10);
  const numeric = (record: Partial<Record<string, number>>) =>
    Object.fromEntries(Object.entries(record).filter((entry): entry is [string, number] => entry[1] !== undefined));
  return {
    rows: allRows,
    tg: summarise(rows.filter((row) => row.metric === 'tg')),
    pp: summarise(rows.filter((row) => row.metric === 'pp')),
    byClass,
    byClassAndType,
    byClassTypeAndDepth,
    byRuntime,
    batched,
    batchedByClassAndType: groupBy((row) => `${row.engineClass} ${row.architecture}`, batchedRows),
    worst,
    factors: {
      tgEfficiency: numeric(calibration.efficiency.tg),
      ppEfficiency: numeric(calibration.efficiency.pp),
      gpuLayerOverheadMicroseconds: calibration.layerOverheadSeconds.dgpu * 1e6,
      cpuSyncMicrosecondsPerThreadLayer: calibration.layerOverheadSeconds.cpu * 1e6,
      moeHalfTokens: calibration.moeHalfTokens,
      moeGenerationFactor: calibration.moeGenerationFactor,
      batchedComputeFactor: calibration.batchedComputeFactor ?? {},
      batchedLayerMicroseconds: Object.fromEntries(
        Object.entries(calibration.batchedLayerSeconds ?? {}).map(([type, seconds]) => [type, seconds * 1e6]),
      ),
      batchedRuns: calibration.batchedRuns ?? {},
      cpuThreadGbps: calibration.cpuThreadGbps,
      cpuLayerMicroseconds: calibration.cpuLayerSeconds * 1e6,
      attention: { tg: numeric(calibration.attention?.tg ?? {}), pp: numeric(calibration.attention?.pp ?? {}) },
      attentionRuns: {
        tg: numeric(calibration.attentionRuns?.tg ?? {}),
        pp: numeric(calibration.attentionRuns?.pp ?? {}),
      },
    },
    skipped,
  };
}
