/** The words beside a price. */
import type { Availability, PriceMarket } from '../catalog/schema.ts';
import { isOldPrice } from '../catalog/price.ts';

export interface PriceFacts {
  basis: string;
  date: string;
  estimate: boolean;
  market: PriceMarket;
  availability: Availability;
}

/**
 * The few words every front shows beside a price: how it was reached, whether it is used,
 * an estimate or a pre-order, and its age ("price from 2025-09, likely higher now").
 */
export function priceWords(facts: PriceFacts, today: Date): string {
  const age = isOldPrice(facts.date, today)
    ? `price from ${facts.date.slice(0, 7)}, likely higher now`
    : `price from ${facts.date.slice(0, 7)}`;
  return [
    facts.availability === 'discontinued_used_only'
      ? facts.market === 'used_market'
        ? 'used (no longer sold new)'
        : 'no longer sold new'
      : undefined,
    facts.availability === 'preorder' ? 'pre-order' : undefined,
    facts.availability === 'announced' ? 'announced, not on sale yet' : undefined,
    facts.basis,
    facts.estimate ? 'estimated price' : undefined,
    age,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}
