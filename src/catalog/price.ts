/**
 * What an EU buyer pays for a catalog price, in EUR incl. VAT, and the few words that say
 * how the figure was reached. Every answer ranks and filters by this one figure.
 */
import type { Availability, Currency, Price, PriceMarket } from './schema.ts';

export interface ExchangeRate {
  /** EUR for one unit of the currency. */
  eurPerUnit: number;
  date: string;
  source: string;
}

export interface PriceBasis {
  /** VAT added to a US list price (which excludes sales tax), percent. */
  vatPercent: number;
  /** EUR per unit for each non-EUR currency a price may be in. */
  rates: Partial<Record<Currency, ExchangeRate>>;
}

/**
 * 21 %: the standard rate of Belgium, Czechia, Latvia, Lithuania, the Netherlands and Spain and
 * the median of the 27 member states' standard rates (17-27 %), per the member-state table at
 * https://mindlink.lv/useful/vat-rates-in-eu (the Commission's page, https://taxation-customs.ec.europa.eu/taxation/vat/vat-directive/vat-rates_en,
 * sets only the ≥ 15 % floor and points to TEDB). Override with VAT_PERCENT.
 */
export const defaultVatPercent = 21;

/**
 * ECB reference rate of 2026-01-22, 1 EUR = 1.1739 USD, i.e. 0.8519 EUR per USD, as reported in
 * https://businessnovinite.bg/bg-biznes/kursat-na-dolara-za-22-januari-2026-g.html (the latest dated ECB
 * rate found in the stored pages; the previous figure, 0.8573, was a 2025 one). No ECB rate dated
 * 2026-06 or later could be found, so the rate is marked an estimate.
 */
export const usdRate: ExchangeRate = {
  eurPerUnit: 0.8519,
  date: '2026-01-22',
  source:
    'estimate: ECB reference rate 1 EUR = 1.1739 USD on 2026-01-22 as reported at https://businessnovinite.bg/bg-biznes/kursat-na-dolara-za-22-januari-2026-g.html; no ECB rate dated 2026-06 or later found',
};

export const defaultPriceBasis: PriceBasis = { vatPercent: defaultVatPercent, rates: { USD: usdRate } };

export function priceBasisWithVat(vatPercent: number): PriceBasis {
  return { ...defaultPriceBasis, vatPercent };
}

/**
 * How a EUR figure was reached, as data (src/format/price.ts words it: "US list + 21 % VAT",
 * "used, marketplace, USD at 0.8519 EUR", "EU retail incl. VAT").
 */
export type PriceBasisCode =
  | { code: 'us-list-plus-vat'; vatPercent: number }
  | { code: 'used-marketplace'; conversion?: { currency: Currency; eurPerUnit: number } }
  | { code: 'eu-retail' }
  /** The record says itself how its figure was reached (a build's sum of parts). */
  | { code: 'stated'; text: string }
  /** No exchange rate for its currency: counted at face value. */
  | { code: 'no-rate'; currency: string };

export interface BuyerPrice {
  /** What an EU buyer pays, EUR incl. VAT (used: the marketplace price converted, no VAT added). */
  eur: number;
  market: PriceMarket;
  basis: PriceBasisCode;
  date: string;
  /** The figure rests on an `estimate:` rather than a page that states it. */
  estimate: boolean;
}

export type BuyerPriceResult = { ok: true; value: BuyerPrice } | { ok: false; reason: string };

const allEstimates = (source: string | string[]) => [source].flat().every((text) => text.startsWith('estimate:'));

/**
 * A price rests on an estimate when its source does; a sum of parts (whose total is always
 * "estimate: sum of …") only when one of its parts does, so a sum of sourced prices is not called an estimate.
 */
export function isEstimatePrice(price: Pick<Price, 'source' | 'parts'>): boolean {
  if (!allEstimates(price.source)) return false;
  return price.parts === undefined || price.parts.length === 0 || price.parts.some((part) => allEstimates(part.source));
}

/** The EUR an EU buyer pays for `price`; a currency without a rate is refused with the reason. */
export function buyerPrice(
  price: Pick<Price, 'market' | 'amount' | 'currency' | 'date' | 'source' | 'parts'>,
  basis: PriceBasis = defaultPriceBasis,
): BuyerPriceResult {
  const rate = price.currency === 'EUR' ? 1 : basis.rates[price.currency]?.eurPerUnit;
  if (rate === undefined) return { ok: false, reason: `no exchange rate for ${price.currency} in the price basis` };
  const converted = price.amount * rate;
  const common = { market: price.market, date: price.date, estimate: isEstimatePrice(price) };
  switch (price.market) {
    case 'us_list_excl_tax':
      return {
        ok: true,
        value: {
          ...common,
          eur: converted * (1 + basis.vatPercent / 100),
          basis: { code: 'us-list-plus-vat', vatPercent: basis.vatPercent },
        },
      };
    case 'used_market':
      return {
        ok: true,
        value: {
          ...common,
          eur: converted,
          basis: {
            code: 'used-marketplace',
            ...(price.currency === 'EUR' ? {} : { conversion: { currency: price.currency, eurPerUnit: rate } }),
          },
        },
      };
    case 'eu_retail_incl_vat':
      return { ok: true, value: { ...common, eur: converted, basis: { code: 'eu-retail' } } };
  }
}

/** Like buyerPrice for prices the loader has already checked: an unknown currency counts at face value. */
export function buyerEur(
  price: Pick<Price, 'market' | 'amount' | 'currency' | 'date' | 'source'>,
  basis: PriceBasis = defaultPriceBasis,
): number {
  const result = buyerPrice(price, basis);
  return result.ok ? result.value.eur : price.amount;
}

/** A price older than this many months before today is said to be old. */
export const oldPriceMonths = 6;

/** The first day of the month `months` before `today`, as YYYY-MM-DD. */
function monthsBefore(today: Date, months: number): string {
  const cutoff = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, today.getUTCDate()));
  return cutoff.toISOString().slice(0, 10);
}

/** True when a price dated `date` (YYYY-MM counts as its first day) is more than six months before `today`. */
export function isOldPrice(date: string, today: Date): boolean {
  const day = date.length === 7 ? `${date}-01` : date;
  return day < monthsBefore(today, oldPriceMonths);
}

/**
 * Why a product cannot be ranked as something to buy, or undefined when it can: a
 * discontinued one without a used price, or one only announced.
 */
export function notBuyableReason(
  availability: Availability,
  market: PriceMarket,
): 'not-sold-new' | 'announced' | undefined {
  if (availability === 'discontinued_used_only' && market !== 'used_market') return 'not-sold-new';
  if (availability === 'announced') return 'announced';
  return undefined;
}
