/**
 * `--json`: the raw result, with the sentences the other fronts show put back beside the codes
 * they are worded from, under the names `--json` has always had (an estimate's
 * placement.description, reason and uncertainty; a machine's priceBasis and priceNote; a running cost's powerBasis; a /compare row's label; a measurement's caveat
 * and conditions), so a script reading them keeps working while the core returns only data.
 */
import type { CompareRow, MachineSummary, Measurement, RunningCost } from '../advisor/index.ts';
import type { Estimate } from '../estimator/index.ts';
import {
  compareRowLabel,
  estimatePlacementText,
  estimateReasonText,
  measurementCaveat,
  measurementConditions,
  powerSourceText,
  priceBasisText,
  priceWords,
  uncertaintyText,
} from '../format/index.ts';

export function resultJson(result: unknown): string {
  return JSON.stringify(result, withWords, 2);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasKeys = (value: Record<string, unknown>, keys: readonly string[]): boolean => keys.every((key) => key in value);

const isEstimate = (value: Record<string, unknown>): value is Record<string, unknown> & Estimate =>
  hasKeys(value, ['hardware', 'placement', 'memory', 'setup', 'notes']);
const isMachineSummary = (value: Record<string, unknown>): value is Record<string, unknown> & MachineSummary =>
  hasKeys(value, ['priceBasisCode', 'priceAsOf', 'priceOld', 'priceSource']);
const isRunningCost = (value: Record<string, unknown>): value is Record<string, unknown> & RunningCost =>
  hasKeys(value, ['loadWatts', 'idleWatts', 'powerSource', 'eurPerMillionTokens']);
const isCompareRow = (value: Record<string, unknown>): value is Record<string, unknown> & CompareRow =>
  hasKeys(value, ['key', 'a', 'b', 'better']);
const isMeasurement = (value: Record<string, unknown>): value is Record<string, unknown> & Measurement =>
  hasKeys(value, ['benchmarkId', 'match', 'source']);

/** A copy of `record` with `extra` (its undefined entries left out) right after the key `after`, else at the end. */
function withAfter(record: Record<string, unknown>, after: string, extra: Record<string, unknown>) {
  const defined = Object.entries(extra).filter(([, value]) => value !== undefined);
  const entries = Object.entries(record);
  const at = entries.findIndex(([key]) => key === after);
  entries.splice(at < 0 ? entries.length : at + 1, 0, ...defined);
  return Object.fromEntries(entries);
}

function withWords(_key: string, value: unknown): unknown {
  if (!isRecord(value)) return value;
  if (isEstimate(value)) {
    const placement = withAfter({ ...value.placement }, 'engineClass', {
      description: estimatePlacementText(value),
    });
    const reasoned = withAfter({ ...value, placement }, 'shortfall', { reason: estimateReasonText(value) });
    return withAfter(reasoned, 'thinEvidence', { uncertainty: uncertaintyText(value) });
  }
  if (isMachineSummary(value)) {
    const withBasis = withAfter(value, 'priceEur', { priceBasis: priceBasisText(value.priceBasisCode) });
    return withAfter(withBasis, 'priceOld', { priceNote: priceWords(value) });
  }
  if (isCompareRow(value)) return withAfter(value, 'key', { label: compareRowLabel(value) });
  if (isRunningCost(value)) return withAfter(value, 'idleWatts', { powerBasis: powerSourceText(value.powerSource) });
  if (isMeasurement(value))
    return withAfter(value, 'match', { caveat: measurementCaveat(value), conditions: measurementConditions(value) });
  return value;
}
