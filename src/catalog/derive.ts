/**
 * Configurations the advisor can recommend beyond the boxes in machines.yaml: builds
 * (a base machine with 1-2 GPUs within its lanes and power), eGPUs (a GPU on a PCIe x4 or
 * USB4 link), and clusters (2-4 identical machines over llama.cpp RPC). Each becomes a
 * machine record with a stable id, a readable name and a price summed from sourced parts.
 */
import { buyerEur, defaultPriceBasis, isEstimatePrice, notBuyableReason, type PriceBasis } from './price.ts';
import { templateOffer } from './build-rules.ts';
import type {
  Availability,
  BuildTemplate,
  BuildsData,
  Chip,
  ClusterTemplate,
  EgpuLink,
  GpuOffer,
  Machine,
  Price,
} from './schema.ts';

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

interface Lookup {
  machine(id: string): Machine | undefined;
  chip(id: string): Chip | undefined;
}

type PriceOf = Pick<Price, 'market' | 'amount' | 'currency' | 'date' | 'source'>;
/** What an EU buyer pays for a price, EUR incl. VAT, under the derivation's price basis. */
type EurOf = (price: PriceOf) => number;

/** What an EU buyer pays, EUR incl. VAT (see price.ts). */
export function priceInEur(price: PriceOf, basis: PriceBasis = defaultPriceBasis): number {
  return buyerEur(price, basis);
}

const sourcesOf = (source: string | string[]) => (Array.isArray(source) ? source : [source]);

/** The earliest date among parts: a sum is only as fresh as its oldest price. */
function oldest(dates: readonly string[]): string {
  return [...dates].sort()[0] ?? '';
}

interface Part {
  item: string;
  eur: number;
  asOf: string;
  source: string[];
  /** The part's own price rests on an estimate. */
  estimate: boolean;
}

/** A part priced by one catalog price. */
function pricedPart(item: string, eur: number, price: PriceOf & Pick<Price, 'parts'>): Part {
  return { item, eur, asOf: price.date, source: sourcesOf(price.source), estimate: isEstimatePrice(price) };
}

function priceFromParts(parts: readonly Part[]): Price {
  const rounded = parts.map((part) => ({ ...part, eur: Math.round(part.eur) }));
  return {
    amount: rounded.reduce((total, part) => total + part.eur, 0),
    market: 'eu_retail_incl_vat',
    currency: 'EUR',
    date: oldest(rounded.map((part) => part.asOf)),
    source: rounded.some((part) => part.estimate)
      ? 'estimate: sum of the parts below, at least one of them an estimate'
      : 'sum of the parts below, each with its own source',
    basis: 'sum of parts, each as an EU buyer pays',
    parts: rounded.map((part) => ({
      item: part.item,
      amount: part.eur,
      currency: 'EUR',
      source: part.source.length === 1 ? (part.source[0] ?? '') : part.source,
    })),
  };
}

function machinePart(eur: EurOf, machine: Machine, label = machine.name): Part {
  return pricedPart(label, eur(machine.price), machine.price);
}

function offerPart(eur: EurOf, offer: GpuOffer, chip: Chip, count: number): Part {
  return pricedPart(
    `${count > 1 ? `${count}× ` : ''}${chip.name}${offer.condition === 'used' ? ' (used)' : ''}`,
    eur(offer.price) * count,
    offer.price,
  );
}

function gpuName(offer: GpuOffer, chip: Chip, count: number): string {
  return `${count > 1 ? `${count}× ` : ''}${chip.name.replace(/^(NVIDIA GeForce |NVIDIA |AMD Radeon |AMD )/, '')}${offer.condition === 'used' ? ' (used)' : ''}`;
}

/**
 * A configuration can be bought only if every part can: one part no longer sold new (and
 * without a used price) or only announced makes the whole so; a pre-order part makes it a pre-order.
 */
function availabilityOf(parts: readonly { availability: Availability; price: Price }[]): Availability {
  const reasons = parts.map((part) => notBuyableReason(part.availability, part.price.market));
  if (reasons.includes('not-sold-new')) return 'discontinued_used_only';
  if (reasons.includes('announced')) return 'announced';
  return parts.some((part) => part.availability === 'preorder') ? 'preorder' : 'on_sale';
}

/**
 * A discrete card's idle draw when its own figure is not in the catalog. Estimate: desktop cards
 * idle at roughly 10-30 W at the desktop (board makers' idle figures and reviews' wall
 * readings); 20 W is the middle, plus nothing for the enclosure's own supply.
 */
export const gpuIdleW = 20;
const gpuIdleSource =
  'estimate: a discrete GPU idles at ~20 W (desktop cards sit at 10-30 W idle); its load is the board power (tdp_w)';

/** A host with one or more cards added: load is the host's plus each card's board power, idle likewise. */
function powerWithGpus(host: Machine, chip: Chip, count: number, psuW?: number): Machine['power'] {
  const hostLoadW = host.power?.load_w;
  const boardPowerW = chip.tdp_w?.watts;
  if (hostLoadW === undefined || boardPowerW === undefined) return undefined;
  const hostIdleW = host.power?.idle_w;
  const supplyW = psuW ?? host.power?.psu_w;
  return {
    ...(supplyW === undefined ? {} : { psu_w: supplyW }),
    load_w: hostLoadW + count * boardPowerW,
    ...(hostIdleW === undefined ? {} : { idle_w: hostIdleW + count * gpuIdleW }),
    source: [...sourcesOf(host.power?.source ?? []), ...sourcesOf(chip.tdp_w?.source ?? []), gpuIdleSource],
  };
}

function sameHardware(a: Machine, b: Machine): boolean {
  const gpus = (machine: Machine) =>
    machine.gpus
      .map((gpu) => `${gpu.count}x${gpu.chip}`)
      .sort()
      .join('+');
  return (
    a.chip === b.chip &&
    a.memory.capacity_gb === b.memory.capacity_gb &&
    a.memory.bandwidth_gbps === b.memory.bandwidth_gbps &&
    gpus(a) === gpus(b)
  );
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

/**
 * One candidate per host and card: set-ups that differ only in the link or dock are the same
 * purchase to a buyer, so they are named together ("OCuLink or USB4") and estimated on the
 * fastest link; the slower ones' bandwidth and price are kept as variants for the notes.
 */
function deriveEgpus(eur: EurOf, builds: BuildsData, lookup: Lookup, result: Derived): void {
  if (!builds.egpu) return;
  for (const hostId of builds.egpu.hosts) {
    const host = lookup.machine(hostId);
    if (!host) continue;
    const hasX4Slot = host.expansion.pcie_slots.some((slot) => slot.lanes >= 4);
    const usable = builds.egpu_links
      .filter((link) =>
        link.kind === 'pcie' ? hasX4Slot : host.expansion.usb4_ports + host.expansion.thunderbolt_ports > 0,
      )
      .sort((a, b) => b.bandwidth_gbps - a.bandwidth_gbps || eur(a.price) - eur(b.price));
    const fastest = usable[0];
    if (!fastest) continue;
    const variants: EgpuVariant[] = usable.map((link) => ({
      link: link.id,
      label: link.label,
      linkGbps: link.bandwidth_gbps,
      priceEur: Math.round(eur(link.price)),
    }));
    const linkNames = variants.map((variant) => variant.label).join(' or ');
    for (const offerId of builds.egpu.gpu_offers) {
      const offer = builds.gpu_offers.find((candidate) => candidate.id === offerId);
      const chip = offer ? lookup.chip(offer.chip) : undefined;
      if (!offer || !chip) continue;
      const slower = usable
        .slice(1)
        .map((link) => `${link.name} (${link.bandwidth_gbps} GB/s, ${Math.round(eur(link.price))} EUR)`);
      result.configurations.push({
        ...host,
        id: `egpu-${host.id}-${offer.id}-${fastest.kind}`,
        name: `${host.name} + ${gpuName(offer, chip, 1)} (${linkNames})`,
        vendor: 'configuration',
        gpus: [{ chip: chip.id, count: 1 }],
        // Host and card both draw: the card's own supply adds to the wall, not replaces the host's.
        power: powerWithGpus(host, chip, 1),
        availability: availabilityOf([host, offer]),
        price: priceFromParts([
          machinePart(eur, host),
          offerPart(eur, offer, chip, 1),
          pricedPart(fastest.name, eur(fastest.price), fastest.price),
        ]),
        links: [],
        notes: [
          `The GPU sits outside on a ${fastest.name}: ${fastest.bandwidth_gbps} GB/s each way, for loading and for work that crosses between GPU and unified memory.`,
          ...(slower.length > 0
            ? [
                `Also possible with ${slower.join(', ')}: the same machine and card; estimated here on the faster link, a split model runs slower on the other.`,
              ]
            : []),
        ],
        configuration: {
          kind: 'egpu',
          host: host.id,
          gpuOffer: offer.id,
          link: fastest.id,
          linkKind: fastest.kind,
          linkGbps: fastest.bandwidth_gbps,
          variants,
        },
      });
    }
  }
}

/** How a cluster's link reads in its name: "USB4", "Thunderbolt 5", "200 GbE". */
function clusterLinkName(template: ClusterTemplate): string {
  if (template.link === 'usb4') return 'USB4';
  if (template.link === 'thunderbolt') return 'Thunderbolt 5';
  return `${template.link_gbps} GbE`;
}

/**
 * One candidate per member and node count: clusters that differ only in the link are the same
 * machines, so they collapse into one, estimated on the quickest link (shortest hand-off, then
 * the widest), the others named as variants ("over USB4 or 5 GbE").
 */
function deriveClusters(eur: EurOf, builds: BuildsData, lookup: Lookup, result: Derived): void {
  const groups = new Map<string, { member: Machine; nodes: number; templates: ClusterTemplate[] }>();
  for (const template of builds.clusters) {
    const member = lookup.machine(template.machine);
    if (!member) continue;
    for (const nodes of template.node_counts) {
      const key = `${member.id}\u0000${nodes}`;
      const group = groups.get(key) ?? { member, nodes, templates: [] };
      group.templates.push(template);
      groups.set(key, group);
    }
  }
  for (const { member, nodes, templates } of groups.values()) {
    const [template, ...slower] = [...templates].sort(
      (a, b) => a.hop_latency_ms - b.hop_latency_ms || b.link_gbps - a.link_gbps,
    );
    if (!template) continue;
    const memory = member.memory;
    const linkNames = [template, ...slower].map(clusterLinkName).join(' or ');
    result.configurations.push({
      ...member,
      id: `cluster-${nodes}x-${member.id}-${template.link}`,
      name: `${nodes}× ${member.name} over ${linkNames} (llama.cpp RPC)`,
      vendor: 'configuration',
      gpus: member.gpus.map((gpu) => ({ ...gpu, count: gpu.count * nodes })),
      memory: {
        ...memory,
        capacity_gb: memory.capacity_gb * nodes,
        ...(memory.gpu_addressable_gb === undefined ? {} : { gpu_addressable_gb: memory.gpu_addressable_gb * nodes }),
      },
      ...(member.power
        ? {
            power: {
              ...member.power,
              ...(member.power.load_w ? { load_w: member.power.load_w * nodes } : {}),
              ...(member.power.idle_w ? { idle_w: member.power.idle_w * nodes } : {}),
            },
          }
        : {}),
      availability: availabilityOf([member]),
      price: priceFromParts([
        { ...machinePart(eur, member), item: `${nodes}× ${member.name}`, eur: eur(member.price) * nodes },
        // A chain of N nodes needs N - 1 links; link_cost is per link.
        pricedPart(`${nodes - 1}× ${template.link} link`, eur(template.link_cost) * (nodes - 1), template.link_cost),
      ]),
      links: [],
      notes: [
        `${nodes} nodes, layers split across them (pipeline): memory adds up, but one token still passes every layer in turn, so a cluster is never faster per token than one node that holds the model.`,
        ...(slower.length === 0
          ? []
          : [
              `Also possible over ${slower
                .map(
                  (other) =>
                    `${clusterLinkName(other)} (${Math.round(eur(other.link_cost) * (nodes - 1))} EUR for the links)`,
                )
                .join(', ')}: the same machines; estimated here on ${clusterLinkName(template)}, the quicker hand-off.`,
            ]),
      ],
      configuration: {
        kind: 'cluster',
        member: member.id,
        nodes,
        link: template.link,
        linkGbitPerSecond: template.link_gbps,
        hopLatencyMs: template.hop_latency_ms,
      },
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
