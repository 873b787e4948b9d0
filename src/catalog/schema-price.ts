/** A price: where and when it was seen, in which currency, and for sums its parts. */
import { z } from 'zod';
import { IsoDate, Source, positive } from './schema-common.ts';

/** A currency needs an exchange rate in src/catalog/price.ts before a price may use it. */
export const Currency = z.enum(['EUR', 'USD']);
export type Currency = z.infer<typeof Currency>;

/**
 * Where a price was seen: an EU shop's price incl. VAT; a US list price, which excludes sales
 * tax (converted and taxed at VAT_PERCENT to compare); or a used/refurbished marketplace price.
 */
export const PriceMarket = z.enum(['eu_retail_incl_vat', 'us_list_excl_tax', 'used_market']);
export type PriceMarket = z.infer<typeof PriceMarket>;

/** Whether a product can be bought new: a discontinued one is offered only at a used price. */
export const Availability = z.enum(['on_sale', 'discontinued_used_only', 'preorder', 'announced']);
export type Availability = z.infer<typeof Availability>;

export const PricePart = z.strictObject({
  item: z.string().min(1),
  amount: positive,
  currency: Currency,
  source: Source,
});

export const Price = z.strictObject({
  market: PriceMarket,
  amount: positive,
  currency: Currency,
  /** When the price was seen (YYYY-MM or YYYY-MM-DD). */
  date: IsoDate,
  source: Source,
  /** For sums (builds, eGPUs, clusters): the parts, each in EUR as an EU buyer pays, with its own source. */
  parts: z.array(PricePart).optional(),
  /** For sums: how the parts were priced, e.g. "GPU: US list + 21 % VAT". Set by derive, not in data. */
  basis: z.string().optional(),
});
export type Price = z.infer<typeof Price>;
