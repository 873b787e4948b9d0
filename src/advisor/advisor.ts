/** The advisor every use case takes, and its index of the catalog's machines, built once per catalog. */
import type { Catalog } from '../catalog/catalog.ts';
import type { CatalogMachine } from '../catalog/derive.ts';
import type { Estimator, HardwareProfile } from '../estimator/index.ts';
import type { MemoCache } from './question-memo.ts';
import { ownershipCostEur, type CostSettings } from './running-cost.ts';
import { summariseMachine, type MachineSummary } from './summary.ts';

export interface Advisor {
  catalog: Catalog;
  estimator: Estimator;
  /** Electricity price and use pattern behind running costs. */
  costs: CostSettings;
  /** Every machine with what each request needs of it, computed once per catalog. */
  machines: readonly IndexedMachine[];
  /** Estimates of recent (model, workload) questions, shared across requests. */
  memos: MemoCache;
  /** How many distinct hardware configurations the machines have (see IndexedMachine.hardwareGroup). */
  hardwareGroups: number;
  /** Today, for the age of prices; fixed in tests. */
  today: Date;
}

export interface IndexedMachine {
  machine: CatalogMachine;
  summary: MachineSummary;
  profile: HardwareProfile;
  /**
   * Machines with equal Estimator.hardwareKey share this number and their estimates; the
   * key itself (a kilobyte of JSON) is not kept.
   */
  hardwareGroup: number;
  memoryCeilingGb: number;
  /** Purchase plus electricity over the cost settings' years; infinite when the power draw is unknown. */
  ownershipCostEur: number;
  /** For a build or eGPU set-up: the position of the machine it adds parts to, to drop it when the parts do not help. */
  hostPosition?: number;
  /**
   * The GPUs a buyer gets, as a key ("rtx-pro-6000×2 new"): chips with counts and whether the
   * cards are new or used. Set-ups with the same key may be one purchase on different hosts.
   */
  gpuSet: string;
  /** `gpuSet` as a small number, for ranking to group by without hashing strings. */
  gpuSetId: number;
  /** The same for `gpuSet` and `hardwareGroup` together: the same cards in the same condition on hardware the estimator cannot tell apart. */
  sameHardwareId: number;
}

/** Chips with counts, sorted, and the cards' condition: what two set-ups must share to be the same GPUs. */
function gpuSetOf(catalog: Catalog, machine: CatalogMachine, used: boolean): string {
  const configuration = machine.configuration;
  const offerId =
    configuration?.kind === 'build' || configuration?.kind === 'egpu' ? configuration.gpuOffer : undefined;
  const offer = offerId === undefined ? undefined : catalog.builds.gpu_offers.find((entry) => entry.id === offerId);
  const condition = offer ? offer.condition : used ? 'used' : 'new';
  const chips = machine.gpus.map((gpu) => `${gpu.chip}×${gpu.count}`).sort();
  return `${chips.join('+')} ${condition}`;
}

export function indexMachines(
  catalog: Catalog,
  estimator: Estimator,
  costs: CostSettings,
  today: Date,
): IndexedMachine[] {
  const groups = new Map<string, number>();
  const gpuSets = new Map<string, number>();
  const sameHardware = new Map<string, number>();
  const intern = (ids: Map<string, number>, key: string) => {
    const id = ids.get(key) ?? ids.size;
    ids.set(key, id);
    return id;
  };
  const positions = new Map(catalog.machines.map((machine, position) => [machine.id, position]));
  return catalog.machines.map((machine) => {
    const configuration = machine.configuration;
    // What the set-up adds parts to: an eGPU's host, a 1-GPU build's base, a 2-GPU build's 1-GPU build.
    const fewerCards =
      configuration?.kind === 'build' && configuration.gpuCount > 1
        ? `build-${configuration.template}-${configuration.gpuCount - 1}x-${configuration.gpuOffer}`
        : undefined;
    const hostId =
      configuration?.kind === 'egpu'
        ? configuration.host
        : configuration?.kind === 'build'
          ? configuration.base
          : undefined;
    const hostPosition =
      (fewerCards === undefined ? undefined : positions.get(fewerCards)) ??
      (hostId === undefined ? undefined : positions.get(hostId));
    const profile = estimator.profile(machine);
    const hardwareKey = estimator.hardwareKey(profile);
    let hardwareGroup = groups.get(hardwareKey);
    if (hardwareGroup === undefined) {
      hardwareGroup = groups.size;
      groups.set(hardwareKey, hardwareGroup);
    }
    const summary = summariseMachine(catalog, machine, today);
    const gpuSet = gpuSetOf(catalog, machine, summary.priceMarket === 'used_market');
    const gpuSetId = intern(gpuSets, gpuSet);
    return {
      machine,
      summary,
      profile,
      hardwareGroup,
      memoryCeilingGb: estimator.memoryCeilingGb(profile),
      ownershipCostEur: ownershipCostEur(catalog, machine, summary.priceEur, costs) ?? Number.POSITIVE_INFINITY,
      ...(hostPosition === undefined ? {} : { hostPosition }),
      gpuSet,
      gpuSetId,
      sameHardwareId: intern(sameHardware, `${gpuSetId}#${hardwareGroup}`),
    };
  });
}
