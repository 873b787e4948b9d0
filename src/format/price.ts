/** The words beside a price. */
import type { MachineSummary } from '../advisor/summary.ts';
import type { PriceBasisCode } from '../catalog/price.ts';
import { monthYear } from './dates.ts';
import { formatNumber } from './number.ts';

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

/**
 * The markers a price carries in a list: "~2,865 EUR" an estimate, "2,897+ EUR" over six months
 * old ("or more"); priceMarkersFootnote says once what they mean. (Was "(est., Sep 2025, may be
 * higher)" on every pick: on a phone nearly every price is old, and the words took a line each.)
 */
export const estimatedPriceMarker = '~';
export const oldPriceMarker = '+';

/** What the markers the listed prices carry mean, said once: "price ~ estimated, + over six months old, likely higher". */
export function priceMarkersFootnote(marks: { estimate: boolean; old: boolean }): string | undefined {
  const meanings = [
    marks.estimate ? `${estimatedPriceMarker} estimated` : undefined,
    marks.old ? `${oldPriceMarker} over six months old, likely higher` : undefined,
  ].filter(Boolean);
  return meanings.length > 0 ? `price ${meanings.join(', ')}` : undefined;
}

/**
 * "1,149 EUR (Sep 2025)", "2,897+ EUR (Sep 2025)" (old), "~1,930 EUR used (Mar 2026)" (an
 * estimate): the figure, used or pre-order, and its month. The basis in words is in the
 * details (priceWords).
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
  const estimate = machine.priceIsEstimate ? estimatedPriceMarker : '';
  const old = machine.priceOld ? oldPriceMarker : '';
  return `${estimate}${formatNumber(machine.priceEur, 0)}${old} EUR${state} (${monthYear(machine.priceAsOf)})`;
}
