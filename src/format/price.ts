/** The words beside a price. */
import type { Availability, PriceMarket } from '../catalog/schema.ts';
import { isOldPrice } from '../catalog/price.ts';
import type { MachineSummary } from '../advisor/summary.ts';
import { monthYear } from './dates.ts';
import { formatEur } from './number.ts';

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

/** The marker an old price carries in a list; oldPriceFootnote says once what it means. */
export const oldPriceMarker = 'may be higher';
export const oldPriceFootnote = `"${oldPriceMarker}": price over six months old, likely higher now`;

/**
 * "1,149 EUR (Sep 2025, may be higher)", "1,930 EUR used (est., Mar 2026)": the figure, used or
 * pre-order, an estimate marked, and its month. The basis in words is in the details (priceNote).
 */
export function shortPriceWords(machine: MachineSummary): string {
  const state =
    machine.priceMarket === 'used_market'
      ? ' used'
      : machine.availability === 'preorder'
        ? ' pre-order'
        : machine.availability === 'announced'
          ? ' announced'
          : '';
  const notes = [
    machine.priceIsEstimate ? 'est.' : undefined,
    monthYear(machine.priceAsOf),
    machine.priceOld ? oldPriceMarker : undefined,
  ].filter(Boolean);
  return `${formatEur(machine.priceEur)}${state} (${notes.join(', ')})`;
}
