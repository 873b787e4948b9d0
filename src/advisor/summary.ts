/** A machine as the answers show it: name, category, and its price in EUR with basis, age and sources. */
import type { Catalog } from '../catalog/catalog.ts';
import { isOldPrice, type PriceBasisCode } from '../catalog/price.ts';
import type { Availability, Category, Machine, PriceMarket } from '../catalog/schema.ts';

export interface MachineSummary {
  id: string;
  name: string;
  category: Category;
  priceEur: number;
  /** Price in its own currency when not EUR, for transparency. */
  originalPrice?: { amount: number; currency: string };
  priceAsOf: string;
  /** How the EUR figure was reached (src/format/price.ts words it: "US list + 21 % VAT"). */
  priceBasisCode: PriceBasisCode;
  priceMarket: PriceMarket;
  /** The price rests on an `estimate:`, not a page that states it. */
  priceIsEstimate: boolean;
  /** The price is more than six months older than today. */
  priceOld: boolean;
  availability: Availability;
  priceSource: string[];
}

/** What an EU buyer pays, EUR incl. VAT, under the catalog's price basis. */
export function priceEur(catalog: Catalog, machine: Machine): number {
  return catalog.buyerPrice(machine).eur;
}

export function asList(source: string | string[]): string[] {
  return Array.isArray(source) ? source : [source];
}

export function summariseMachine(catalog: Catalog, machine: Machine, today: Date): MachineSummary {
  const buyer = catalog.buyerPrice(machine);
  return {
    id: machine.id,
    name: machine.name,
    category: machine.category,
    priceEur: buyer.eur,
    priceBasisCode: buyer.basis,
    priceMarket: buyer.market,
    priceIsEstimate: buyer.estimate,
    priceOld: isOldPrice(buyer.date, today),
    availability: machine.availability,
    ...(machine.price.currency === 'EUR'
      ? {}
      : { originalPrice: { amount: machine.price.amount, currency: machine.price.currency } }),
    priceAsOf: machine.price.date,
    priceSource: asList(machine.price.source),
  };
}
