/** One machine's estimate for a question, with its measurements and running cost. */
import type { CatalogMachine } from '../catalog/derive.ts';
import type { Machine } from '../catalog/schema.ts';
import type { Estimate, ModelSpec, Workload } from '../estimator/index.ts';
import type { Advisor } from './advisor.ts';
import { measurementsOf, type Measurement } from './measurements.ts';
import { runningCost, type RunningCost } from './running-cost.ts';
import { priceEur, summariseMachine, type MachineSummary } from './summary.ts';

export interface MachineEstimate {
  machine: MachineSummary;
  estimate: Estimate;
  measurements: Measurement[];
  /** Electricity and total cost of ownership, when the model fits and the power draw is known. */
  runningCost?: RunningCost;
}

export function runningCostOf(advisor: Advisor, machine: CatalogMachine, estimate: Estimate): RunningCost | undefined {
  return runningCost(advisor.catalog, machine, priceEur(advisor.catalog, machine), estimate, advisor.costs);
}

export function estimateFor(advisor: Advisor, machine: Machine, spec: ModelSpec, workload: Workload): Estimate {
  return advisor.estimator.estimate(advisor.estimator.profile(machine), spec, workload);
}

export function estimateMachine(
  advisor: Advisor,
  machine: Machine,
  spec: ModelSpec,
  workload: Workload,
): MachineEstimate {
  const estimate = estimateFor(advisor, machine, spec, workload);
  const cost = runningCostOf(advisor, machine, estimate);
  return {
    machine: summariseMachine(advisor.catalog, machine, advisor.today),
    estimate,
    measurements: measurementsOf(advisor, machine, estimate),
    ...(cost ? { runningCost: cost } : {}),
  };
}
