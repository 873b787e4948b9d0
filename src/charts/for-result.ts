/** The chart that goes with a command's result: one function both fronts call. */
import type { Advisor, CompareResult, RecommendResult, SpecsResult } from '../advisor/index.ts';
import { compareChart } from './compare.ts';
import { recommendChart } from './recommend.ts';
import { specsChart, specsCurve } from './specs.ts';
import type { Chart } from './svg.ts';

export type ChartableResult =
  | { command: 'recommend'; result: RecommendResult }
  | { command: 'compare'; result: CompareResult }
  | { command: 'specs'; result: SpecsResult }
  /** Commands without a chart (catalog reload). */
  | { command: 'catalog'; result: unknown };

/** undefined when the command has no chart, or nothing to draw (no machine qualified). */
export function chartFor(advisor: Advisor, answer: ChartableResult): Chart | undefined {
  switch (answer.command) {
    case 'recommend': {
      const result = answer.result;
      return result.qualifyingPoints.length > 0 ? recommendChart(result, result.qualifyingPoints) : undefined;
    }
    case 'compare':
      return compareChart(answer.result);
    case 'specs': {
      const curve = specsCurve(advisor, answer.result.machine.id);
      return curve.ok ? specsChart(answer.result, curve.value) : undefined;
    }
    case 'catalog':
      return undefined;
  }
}
