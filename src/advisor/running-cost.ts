/**
 * What a machine costs to run: electricity per million generated tokens, and purchase
 * plus three years of electricity at a stated daily use.
 */
import type { CatalogMachine } from '../catalog/derive.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Estimate } from '../estimator/index.ts';

export interface CostSettings {
  electricityEurPerKwh: number;
  /** Hours a day the machine generates at load; it idles the rest. */
  loadHoursPerDay: number;
  years: number;
}

/** EU average household price, first half of 2025 (Eurostat, nrg_pc_204): 28.72 EUR per 100 kWh. */
export const euAverageElectricityEurPerKwh = 0.2872;
export const electricitySource = 'https://www.pubt.io/view/929A0A224023D5879F8452D5CD9C30DFD5DB7077';

export const defaultCostSettings: CostSettings = {
  electricityEurPerKwh: euAverageElectricityEurPerKwh,
  loadHoursPerDay: 8,
  years: 3,
};

export interface RunningCost {
  loadWatts: number;
  idleWatts: number;
  /** Whether the watts come from the catalog or were estimated here, and how (src/format/power.ts words it). */
  powerSource: PowerSource;
  eurPerMillionTokens: number;
  totalCostEur: number;
  /** Purchase price per token/s of generation. */
  eurPerTgTokenPerSecond: number;
  settings: CostSettings;
}

/** Where a machine's watts come from: the catalog, its load only (idle a share of it), or its chips' ratings. */
export type PowerSource =
  { code: 'catalog' } | { code: 'catalog-load'; idleShareOfLoad: number } | { code: 'rated-chips'; addedWatts: number };

/** Without a measured idle draw, idle is taken as a tenth of load (estimate: mini PCs idle at 5-15 % of load). */
const idleShareOfLoad = 0.1;
/** Board, memory and storage beside the chips' rated power, W. */
const boardWatts = 30;

/**
 * The watts every answer shows and every cost uses, with how they were reached: the catalog's
 * figures, or (for a machine without them) an estimate from its chips' rated power.
 */
export function machineWatts(
  catalog: Catalog,
  machine: CatalogMachine,
): { load: number; idle: number; source: PowerSource } | undefined {
  return watts(catalog, machine);
}

function watts(
  catalog: Catalog,
  machine: CatalogMachine,
): { load: number; idle: number; source: PowerSource } | undefined {
  const load = machine.power?.load_w;
  if (load !== undefined) {
    const idle = machine.power?.idle_w;
    return {
      load,
      idle: idle ?? load * idleShareOfLoad,
      source: idle === undefined ? { code: 'catalog-load', idleShareOfLoad } : { code: 'catalog' },
    };
  }
  // Estimate: the chip's and cards' rated power plus 30 W for board, memory and storage.
  const chipWatts = catalog.chip(machine.chip)?.tdp_w?.watts;
  if (chipWatts === undefined) return undefined;
  const gpuWatts = machine.gpus.reduce(
    (total, gpu) => total + (catalog.chip(gpu.chip)?.tdp_w?.watts ?? 0) * gpu.count,
    0,
  );
  const estimated = chipWatts + gpuWatts + boardWatts;
  return {
    load: estimated,
    idle: estimated * idleShareOfLoad,
    source: { code: 'rated-chips', addedWatts: boardWatts },
  };
}

/** Purchase plus electricity over the settings' years; it does not depend on speed, so it can rank before estimating. */
export function ownershipCostEur(
  catalog: Catalog,
  machine: CatalogMachine,
  priceEur: number,
  settings: CostSettings,
): number | undefined {
  const power = watts(catalog, machine);
  return power
    ? priceEur + kwhPerDay(power, settings) * 365 * settings.years * settings.electricityEurPerKwh
    : undefined;
}

function kwhPerDay(power: { load: number; idle: number }, settings: CostSettings): number {
  return (power.load * settings.loadHoursPerDay + power.idle * (24 - settings.loadHoursPerDay)) / 1000;
}

export function runningCost(
  catalog: Catalog,
  machine: CatalogMachine,
  priceEur: number,
  estimate: Estimate,
  settings: CostSettings,
): RunningCost | undefined {
  const tg = estimate.tg?.tokensPerSecond;
  const power = watts(catalog, machine);
  if (tg === undefined || !power) return undefined;
  const kwhPerMillionTokens = (power.load * (1e6 / tg)) / 3.6e6;
  return {
    loadWatts: power.load,
    idleWatts: power.idle,
    powerSource: power.source,
    eurPerMillionTokens: kwhPerMillionTokens * settings.electricityEurPerKwh,
    totalCostEur: priceEur + kwhPerDay(power, settings) * 365 * settings.years * settings.electricityEurPerKwh,
    eurPerTgTokenPerSecond: priceEur / tg,
    settings,
  };
}
