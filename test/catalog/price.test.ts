import { describe, expect, it } from 'vitest';
import { buyerPrice, defaultPriceBasis, isEstimatePrice, priceBasisWithVat } from '../../src/catalog/price.ts';
import { priceBasisText } from '../../src/format/price.ts';

const source = 'https://example.org/store-page';

describe('what an EU buyer pays', () => {
  it('converts a US list price at the dated rate and adds the default 21 % VAT', () => {
    // 3999 USD × 0.8519 EUR/USD = 3406.75 EUR; × 1.21 = 4122.17 EUR.
    const result = buyerPrice({ market: 'us_list_excl_tax', amount: 3999, currency: 'USD', date: '2026-10', source });
    expect(result.ok && result.value.eur).toBeCloseTo(4122.17, 1);
    expect(result.ok && result.value.basis).toEqual({ code: 'us-list-plus-vat', vatPercent: 21 });
  });

  it('takes the VAT rate it is given', () => {
    // 1000 USD × 0.8519 = 851.90 EUR; × 1.19 (German rate) = 1013.76 EUR.
    const result = buyerPrice(
      { market: 'us_list_excl_tax', amount: 1000, currency: 'USD', date: '2026-10', source },
      priceBasisWithVat(19),
    );
    expect(result.ok && result.value.eur).toBeCloseTo(1013.76, 1);
    expect(result.ok && result.value.basis).toEqual({ code: 'us-list-plus-vat', vatPercent: 19 });
    expect(result.ok && priceBasisText(result.value.basis)).toBe('US list + 19 % VAT');
  });

  it('leaves an EU shelf price as it is and adds no VAT to a used marketplace price', () => {
    const retail = buyerPrice({ market: 'eu_retail_incl_vat', amount: 2199, currency: 'EUR', date: '2026-10', source });
    expect(retail.ok && retail.value.eur).toBe(2199);
    // 700 USD × 0.8519 = 596.33 EUR, no VAT on a private sale.
    const used = buyerPrice({ market: 'used_market', amount: 700, currency: 'USD', date: '2026-10', source });
    expect(used.ok && used.value.eur).toBeCloseTo(596.33, 1);
    expect(retail.ok && retail.value.basis).toEqual({ code: 'eu-retail' });
    expect(used.ok && used.value.basis).toEqual({
      code: 'used-marketplace',
      conversion: { currency: 'USD', eurPerUnit: 0.8519 },
    });
    expect(used.ok && priceBasisText(used.value.basis)).toBe('used, marketplace, USD at 0.8519 EUR');
  });

  it('refuses a currency it has no rate for', () => {
    const result = buyerPrice(
      { market: 'us_list_excl_tax', amount: 1, currency: 'USD', date: '2026-10', source },
      { ...defaultPriceBasis, rates: {} },
    );
    expect(result).toEqual({ ok: false, reason: 'no exchange rate for USD in the price basis' });
  });

  it('marks a price that rests on an estimate', () => {
    const result = buyerPrice({
      market: 'eu_retail_incl_vat',
      amount: 100,
      currency: 'EUR',
      date: '2026-10',
      source: 'estimate: ten percent above the last listed price',
    });
    expect(result.ok && result.value.estimate).toBe(true);
  });
});

describe('an estimated price', () => {
  const part = (partSource: string) => ({ item: 'a part', amount: 100, currency: 'EUR' as const, source: partSource });
  const sum = {
    market: 'eu_retail_incl_vat' as const,
    amount: 200,
    currency: 'EUR' as const,
    date: '2026-10',
    source: 'estimate: sum of the parts below',
  };

  it('is one whose only source is an estimate', () => {
    expect(isEstimatePrice({ source: 'estimate: no page states it' })).toBe(true);
    expect(isEstimatePrice({ source: [source, 'estimate: midpoint of the range the page gives'] })).toBe(false);
  });

  it('is a sum of parts only when one of its parts is an estimate', () => {
    expect(isEstimatePrice({ ...sum, parts: [part(source), part('https://example.org/other')] })).toBe(false);
    expect(isEstimatePrice({ ...sum, parts: [part(source), part('estimate: typical street price')] })).toBe(true);
    const result = buyerPrice({ ...sum, parts: [part(source), part(source)] });
    expect(result.ok && result.value.estimate).toBe(false);
  });
});
