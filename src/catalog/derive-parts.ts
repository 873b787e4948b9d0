/** What every derived configuration is made of: priced parts summed into one price, power with cards added. */
import { isEstimatePrice, notBuyableReason } from './price.ts';
import type { Availability, Chip, GpuOffer, Machine, Price } from './schema.ts';

export interface Lookup {
  machine(id: string): Machine | undefined;
  chip(id: string): Chip | undefined;
}

export type PriceOf = Pick<Price, 'market' | 'amount' | 'currency' | 'date' | 'source'>;
/** What an EU buyer pays for a price, EUR incl. VAT, under the derivation's price basis. */
export type EurOf = (price: PriceOf) => number;

const sourcesOf = (source: string | string[]) => (Array.isArray(source) ? source : [source]);

/** The earliest date among parts: a sum is only as fresh as its oldest price. */
export function oldest(dates: readonly string[]): string {
  return [...dates].sort()[0] ?? '';
}

export interface Part {
  item: string;
  eur: number;
  asOf: string;
  source: string[];
  /** The part's own price rests on an estimate. */
  estimate: boolean;
}

/** A part priced by one catalog price. */
export function pricedPart(item: string, eur: number, price: PriceOf & Pick<Price, 'parts'>): Part {
  return { item, eur, asOf: price.date, source: sourcesOf(price.source), estimate: isEstimatePrice(price) };
}

export function priceFromParts(parts: readonly Part[]): Price {
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

export function machinePart(eur: EurOf, machine: Machine, label = machine.name): Part {
  return pricedPart(label, eur(machine.price), machine.price);
}

export function offerPart(eur: EurOf, offer: GpuOffer, chip: Chip, count: number): Part {
  return pricedPart(
    `${count > 1 ? `${count}× ` : ''}${chip.name}${offer.condition === 'used' ? ' (used)' : ''}`,
    eur(offer.price) * count,
    offer.price,
  );
}

export function gpuName(offer: GpuOffer, chip: Chip, count: number): string {
  return `${count > 1 ? `${count}× ` : ''}${chip.name.replace(/^(NVIDIA GeForce |NVIDIA |AMD Radeon |AMD )/, '')}${offer.condition === 'used' ? ' (used)' : ''}`;
}

/**
 * A configuration can be bought only if every part can: one part no longer sold new (and
 * without a used price) or only announced makes the whole so; a pre-order part makes it a pre-order.
 */
export function availabilityOf(parts: readonly { availability: Availability; price: Price }[]): Availability {
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
export function powerWithGpus(host: Machine, chip: Chip, count: number, psuW?: number): Machine['power'] {
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

export function sameHardware(a: Machine, b: Machine): boolean {
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
