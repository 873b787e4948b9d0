/**
 * Configurations the advisor can recommend beyond the boxes in machines.yaml: builds
 * (a base machine with 1-2 GPUs within its lanes and power), eGPUs (a GPU on a PCIe x4 or
 * USB4 link), and clusters (2-4 identical machines over llama.cpp RPC). Each becomes a
 * machine record with a stable id, a readable name and a price summed from sourced parts.
 */
import { buyerEur, defaultPriceBasis, type PriceBasis } from './price.ts';
import { templateOffer } from './build-rules.ts';
import {
  availabilityOf,
  gpuName,
  machinePart,
  offerPart,
  powerWithGpus,
  pricedPart,
  priceFromParts,
  sameHardware,
  type EurOf,
  type Lookup,
  type PriceOf,
} from './derive-parts.ts';
import { deriveClusters, deriveEgpus } from './derive-links.ts';
import type { BuildTemplate, BuildsData, ClusterTemplate, EgpuLink, Machine } from './schema.ts';

export { gpuIdleW } from './derive-parts.ts';

export type Configuration =
  | {
      kind: 'build';
      template: string;
      base: string;
      gpuOffer: string;
      gpuCount: number;
      lanesPerGpu: number;
      pcieGen: number;
      psu?: string;
    }
  | {
      kind: 'egpu';
      host: string;
      gpuOffer: string;
      /** The link the estimate assumes: the fastest of the variants. */
      link: string;
      linkKind: EgpuLink['kind'];
      linkGbps: number;
      /** Every link this set-up can be bought with, fastest first; the first is `link`. */
      variants: EgpuVariant[];
    }
  | {
      kind: 'cluster';
      member: string;
      nodes: number;
      link: ClusterTemplate['link'];
      linkGbitPerSecond: number;
      hopLatencyMs: number;
    };

/** One way to attach the eGPU: same host and card, another link or dock. */
export interface EgpuVariant {
  link: string;
  /** Short label for names: "OCuLink", "USB4". */
  label: string;
  linkGbps: number;
  priceEur: number;
}

export type CatalogMachine = Machine & { configuration?: Configuration };

/** A combination the rules refused, with the reason, so tests and curious users can see why. */
export interface RejectedConfiguration {
  id: string;
  reason: string;
}

export interface Derived {
  configurations: CatalogMachine[];
  rejected: RejectedConfiguration[];
}

/** What an EU buyer pays, EUR incl. VAT (see price.ts). */
export function priceInEur(price: PriceOf, basis: PriceBasis = defaultPriceBasis): number {
  return buyerEur(price, basis);
}

function deriveBuilds(
  eur: EurOf,
  builds: BuildsData,
  template: BuildTemplate,
  lookup: Lookup,
  fixed: readonly Machine[],
  result: Derived,
): void {
  const base = lookup.machine(template.base);
  if (!base) return;
  const basePsuW = base.power?.psu_w;
  const baseLoadW = base.power?.load_w;
  for (const entry of template.gpu_offers) {
    const { offer: offerId, maxCount } = templateOffer(entry, template);
    const offer = builds.gpu_offers.find((candidate) => candidate.id === offerId);
    const chip = offer ? lookup.chip(offer.chip) : undefined;
    if (!offer || !chip) continue;
    template.gpu_lanes.slice(0, maxCount).forEach((lanesPerGpu, index) => {
      const count = index + 1;
      const risers = template.risers;
      const id = `build-${template.id}-${count}x-${offer.id}`;
      const boardPowerW = chip.tdp_w?.watts;
      if (basePsuW === undefined || baseLoadW === undefined || boardPowerW === undefined) {
        result.rejected.push({
          id,
          reason: 'power unknown: the base machine needs power.psu_w and power.load_w, the GPU its tdp_w',
        });
        return;
      }
      const loadW = baseLoadW + count * boardPowerW;
      const fitsPsu = (watts: number) => loadW <= watts * builds.psu_load_limit;
      const psu = fitsPsu(basePsuW)
        ? undefined
        : template.psu_offers
            .map((psuId) => builds.psu_offers.find((candidate) => candidate.id === psuId))
            .filter((candidate) => candidate !== undefined)
            .sort((a, b) => a.watts - b.watts)
            .find((candidate) => fitsPsu(candidate.watts));
      if (!fitsPsu(basePsuW) && !psu) {
        result.rejected.push({
          id,
          reason: `${loadW} W under load is more than ${Math.round(builds.psu_load_limit * 100)} % of any power supply offered`,
        });
        return;
      }
      const gpus = [{ chip: chip.id, count }];
      const candidate: CatalogMachine = {
        ...base,
        id,
        name: `${template.name} + ${gpuName(offer, chip, count)}`,
        vendor: 'configuration',
        gpus,
        power: powerWithGpus(base, chip, count, psu?.watts ?? basePsuW),
        availability: availabilityOf([base, offer]),
        price: priceFromParts([
          machinePart(eur, base, `${base.name} (base)`),
          offerPart(eur, offer, chip, count),
          ...(psu ? [pricedPart(`${psu.watts} W power supply replacing the base one`, eur(psu.price), psu.price)] : []),
          ...(risers?.price ? [pricedPart(`${count}× ${risers.name}`, eur(risers.price) * count, risers.price)] : []),
        ]),
        links: [],
        notes: [
          `Built from ${base.id}: ${count === 1 ? 'one card' : `${count} cards`} at PCIe ${template.pcie_gen}.0 x${lanesPerGpu}${risers ? `, each on a ${risers.name}` : ''}; ${loadW} W under load${psu ? `, with a ${psu.watts} W supply` : ''}.`,
        ],
        configuration: {
          kind: 'build',
          template: template.id,
          base: base.id,
          gpuOffer: offer.id,
          gpuCount: count,
          lanesPerGpu,
          pcieGen: template.pcie_gen,
          ...(psu ? { psu: psu.id } : {}),
        },
      };
      const duplicate = fixed.find((machine) => sameHardware(machine, candidate));
      if (duplicate) {
        result.rejected.push({ id, reason: `the same hardware is already in machines.yaml as ${duplicate.id}` });
        return;
      }
      // Two templates on one base (a 2-card and a 4-card layout) meet at the smaller counts with the
      // same offer: the first template listed keeps the candidate. (A used and a new card stay apart.)
      const earlier = result.configurations.find(
        (other) =>
          other.configuration?.kind === 'build' &&
          other.configuration.base === base.id &&
          other.configuration.gpuOffer === offer.id &&
          other.configuration.gpuCount === count,
      );
      if (earlier) {
        result.rejected.push({ id, reason: `the same hardware is already built as ${earlier.id}` });
        return;
      }
      result.configurations.push(candidate);
    });
  }
}

export function deriveConfigurations(
  builds: BuildsData,
  lookup: Lookup,
  fixed: readonly Machine[],
  basis: PriceBasis = defaultPriceBasis,
): Derived {
  const eur: EurOf = (price) => buyerEur(price, basis);
  const result: Derived = { configurations: [], rejected: [] };
  for (const template of builds.builds) deriveBuilds(eur, builds, template, lookup, fixed, result);
  deriveEgpus(eur, builds, lookup, result);
  deriveClusters(eur, builds, lookup, result);
  return result;
}
