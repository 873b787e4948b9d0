/**
 * The advisor currently served, and how to replace it: a reload that fails validation
 * keeps the last good catalog and reports every problem at its file:line:column.
 */
import type { Catalog } from '../catalog/catalog.ts';
import { formatProblem, loadCatalogSync } from '../catalog/index.ts';
import type { Advisor } from './advisor.ts';
import type { CostSettings } from './running-cost.ts';
import type { Calibration } from '../estimator/index.ts';
import { createAdvisor } from './index.ts';

export type ReloadReport =
  | { ok: true; machines: number; configurations: number; models: number; benchmarks: number; durationMs: number }
  | { ok: false; problems: string[]; keptMachines: number; durationMs: number };

export interface AdvisorStore {
  current(): Advisor;
  reload(): ReloadReport;
}

export function createAdvisorStore(
  directory: string,
  initial: Catalog,
  costs: Partial<CostSettings> = {},
  /** The initial catalog's calibration, when already known (from the catalog cache); a reload fits its own. */
  calibration?: Calibration,
): AdvisorStore {
  let advisor = createAdvisor(initial, { costs, ...(calibration ? { calibration } : {}) });
  return {
    current: () => advisor,
    reload() {
      const started = performance.now();
      const loaded = loadCatalogSync(directory, advisor.catalog.priceBasis);
      const durationMs = Math.round(performance.now() - started);
      if (!loaded.ok)
        return {
          ok: false,
          problems: loaded.problems.map(formatProblem),
          keptMachines: advisor.catalog.products.length,
          durationMs,
        };
      advisor = createAdvisor(loaded.catalog, { costs: advisor.costs });
      const catalog = advisor.catalog;
      return {
        ok: true,
        machines: catalog.products.length,
        configurations: catalog.configurations.length,
        models: catalog.models.length,
        benchmarks: catalog.benchmarks.length,
        durationMs: Math.round(performance.now() - started),
      };
    },
  };
}
