/** The use cases the fronts call: recommend, compare, specs. Plain data in, plain data out. */
import type { Catalog } from '../catalog/catalog.ts';
import { createEstimator, type Calibration } from '../estimator/index.ts';
import { indexMachines, type Advisor } from './advisor.ts';
import { MemoCache } from './question-memo.ts';
import { defaultCostSettings, type CostSettings } from './running-cost.ts';

/** `today` dates the age of prices ("price from 2025-09, likely higher now"); the system clock unless fixed. */
export function createAdvisor(
  catalog: Catalog,
  options: { costs?: Partial<CostSettings>; today?: Date; calibration?: Calibration } = {},
): Advisor {
  const estimator = createEstimator(catalog, options.calibration);
  const costs = { ...defaultCostSettings, ...options.costs };
  const today = options.today ?? new Date();
  const machines = indexMachines(catalog, estimator, costs, today);
  const hardwareGroups = machines.reduce((count, indexed) => Math.max(count, indexed.hardwareGroup + 1), 0);
  return { catalog, estimator, machines, hardwareGroups, memos: new MemoCache(hardwareGroups), costs, today };
}

export { recommend } from './recommend.ts';
export {
  priorities,
  defaultPickCount,
  type RecommendQuery,
  type RecommendResult,
  type Pick,
  type PickReason,
  type Priority,
  type Exclusion,
} from './recommend-types.ts';
export {
  compare,
  defaultCompareModel,
  type CompareQuery,
  type CompareResult,
  type CompareRow,
  type CellValue,
} from './compare.ts';
export { specs, standardModels, type SpecsQuery, type SpecsResult } from './specs.ts';
export { defaultQuantization, resolveModelQuery, type ModelQuery } from './resolve.ts';
export { resolveWorkload, type WorkloadQuery } from './workload.ts';
export type { Advisor } from './advisor.ts';
export type { Outcome, Refusal, UserError, UserProblem } from './outcome.ts';
export type { MachineEstimate } from './estimate-machine.ts';
export type { MachineSummary } from './summary.ts';
export type { Measurement } from './measurements.ts';
export {
  defaultCostSettings,
  euAverageElectricityEurPerKwh,
  electricitySource,
  type CostSettings,
  type RunningCost,
} from './running-cost.ts';
