/** The words beside a price. */
import type { MachineSummary } from '../advisor/summary.ts';
import type { PriceBasisCode } from '../catalog/price.ts';
import { monthYear } from './dates.ts';
import { formatEur } from './number.ts';

/** What the words beside a price depend on. */
export type PriceFacts = Pick<
  MachineSummary,
  'priceBasisCode' | 'priceAsOf' | 'priceIsEstimate' | 'priceMarket' | 'priceOld' | 'availability'
>;

/** How a EUR figure was reached: "US list + 21 % VAT", "used, marketplace, USD at 0.8519 EUR". */
export function priceBasisText(basis: PriceBasisCode): string {
  switch (basis.code) {
    case 'us-list-plus-vat':
      return `US list + ${basis.vatPercent} % VAT`;
    case 'used-marketplace':
      return basis.conversion
        ? `used, marketplace, ${basis.conversion.currency} at ${basis.conversion.eurPerUnit} EUR`
        : 'used, marketplace';
    case 'eu-retail':
      return 'EU retail incl. VAT';
    case 'stated':
      return basis.text;
    case 'no-rate':
      return `no exchange rate for ${basis.currency} in the price basis`;
  }
}

/**
 * The few words every front shows beside a price: how it was reached, whether it is used,
 * an estimate or a pre-order, and its age ("price from 2025-09, likely higher now").
 */
export function priceWords(machine: PriceFacts): string {
  const month = machine.priceAsOf.slice(0, 7);
  const age = machine.priceOld ? `price from ${month}, likely higher now` : `price from ${month}`;
  return [
    machine.availability === 'discontinued_used_only'
      ? machine.priceMarket === 'used_market'
        ? 'used (no longer sold new)'
        : 'no longer sold new'
      : undefined,
    machine.availability === 'preorder' ? 'pre-order' : undefined,
    machine.availability === 'announced' ? 'announced, not on sale yet' : undefined,
    priceBasisText(machine.priceBasisCode),
    machine.priceIsEstimate ? 'estimated price' : undefined,
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
 * pre-order, an estimate marked, and its month. The basis in words is in the details (priceWords).
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
