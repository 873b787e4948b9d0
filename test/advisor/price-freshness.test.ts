/** Prices an EU buyer can act on: their age said in words, and products no longer sold new kept out or shown used. */
import { describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import { createAdvisor, recommend, type MachineSummary } from '../../src/advisor/index.ts';
import { exclusionText, priceWords } from '../../src/format/index.ts';
import { isOldPrice } from '../../src/catalog/price.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { renderCommandResult } from '../../src/discord/render/index.ts';
import { fixtureCatalog, fixtureTexts, parseFixture } from '../helpers/catalog.ts';

const seventyB = { model: 'test-dense-70b', quant: 'Q4_0', allowBuilds: false, allowClusters: false } as const;
const december2026 = new Date('2026-12-01T12:00:00Z');

function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.value;
}

function catalogWith(machines: string) {
  const result = parseFixture({ machines });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.catalog;
}

describe('the age of a price', () => {
  it('is old only when more than six months before today', () => {
    // 2026-12-01 minus six months = 2026-06-01: June is still fresh, May is old.
    expect(isOldPrice('2026-06', december2026)).toBe(false);
    expect(isOldPrice('2026-06-01', december2026)).toBe(false);
    expect(isOldPrice('2026-05-31', december2026)).toBe(true);
    expect(isOldPrice('2025-09', december2026)).toBe(true);
  });

  it('is flagged in the advisor result, the JSON, the terminal and Discord', () => {
    // Every fixture price is dated 2025-06-01: 18 months before 2026-12-01.
    const advisor = createAdvisor(fixtureCatalog(), { today: december2026 });
    const context = { advisor };
    const line = '/recommend model:test-dense-70b quant:Q4_0 allow_builds:false allow_clusters:false';
    // --json keeps the words beside the codes: each machine's priceNote.
    const json = JSON.parse(executeLine(line, { commands: commandsByName, context, json: true }).output) as {
      picks: { machine: MachineSummary & { priceNote: string } }[];
    };
    expect(json.picks.length).toBeGreaterThan(0);
    for (const pick of json.picks) {
      expect(pick.machine.priceOld).toBe(true);
      expect(pick.machine.priceNote).toContain('price from 2025-06, likely higher now');
    }
    expect(executeLine(line, { commands: commandsByName, context, json: false }).output).toContain(
      'price from 2025-06, likely higher now',
    );
    const outcome = commandsByName
      .get('recommend')
      ?.run({ model: 'test-dense-70b', quant: 'Q4_0', allow_builds: false, allow_clusters: false }, context);
    if (!outcome?.ok) throw new Error('recommend failed');
    const payload = renderCommandResult(outcome.value, {});
    // Discord marks each pick's price short and says once, in the footer, what the mark means.
    const [embed] = payload.embeds;
    const picks = (embed?.fields ?? []).filter((field) => field.name.startsWith('#'));
    expect(picks.length).toBeGreaterThan(0);
    // "2,000+ EUR": "or more", as an old price likely is now.
    for (const field of picks) expect(field.name).toMatch(/ — ~?[\d,]+\+ EUR( used)? \(Jun 2025\)$/);
    expect(embed?.footer?.text).toMatch(/ · price (~ estimated, )?\+ over six months old, likely higher$/);
  });

  it('is not flagged three months on', () => {
    const advisor = createAdvisor(fixtureCatalog(), { today: new Date('2025-09-01T00:00:00Z') });
    const result = unwrap(recommend(advisor, seventyB));
    for (const pick of result.picks) {
      expect(pick.machine.priceOld).toBe(false);
      expect(priceWords(pick.machine)).not.toContain('likely higher');
    }
  });
});

describe('a product no longer sold new', () => {
  // test-mini is priced 2000 EUR at an EU shop in the fixture.
  const discontinued = fixtureTexts().machines.replace(
    '    price: { market: eu_retail_incl_vat, amount: 2000,',
    '    availability: discontinued_used_only\n    price: { market: eu_retail_incl_vat, amount: 2000,',
  );

  it('is left out at its new price, with the reason', () => {
    // Builds and clusters allowed, so the mini's eGPU set-up and cluster reach the availability check.
    const result = unwrap(
      recommend(createAdvisor(catalogWith(discontinued), { today: december2026 }), {
        ...seventyB,
        allowBuilds: true,
        allowClusters: true,
      }),
    );
    expect(result.picks.map((pick) => pick.machine.id)).not.toContain('test-mini');
    // The mini, and what is built on it: its eGPU set-up and the two-node cluster of minis.
    const notSoldNew = result.excluded.find((exclusion) => exclusion.kind === 'not-sold-new');
    expect(notSoldNew).toMatchObject({
      count: 3,
      examples: ['test-mini', 'egpu-test-mini-test-gpu-used-usb4', 'cluster-2x-test-mini-usb4'],
    });
    expect(notSoldNew && exclusionText(notSoldNew, result)).toBe(
      '3 no longer sold new and without a sourced used price (test-mini, egpu-test-mini-test-gpu-used-usb4, cluster-2x-test-mini-usb4)',
    );
  });

  it('is counted under the reason that stops it first when it could not qualify anyway, and never offered as the cheapest over budget', () => {
    // The mini at 500 EUR is now the cheapest of the three, and a 400 EUR budget buys none of them:
    // it is counted over budget, and the cheapest one can buy (the ~1,000 EUR CPU desktop) is offered.
    const cheapMini = discontinued.replace('amount: 2000,', 'amount: 500,');
    const result = unwrap(
      recommend(createAdvisor(catalogWith(cheapMini), { today: december2026 }), { ...seventyB, budgetEur: 400 }),
    );
    expect(result.picks).toEqual([]);
    expect(result.excluded.map((exclusion) => exclusion.kind)).not.toContain('not-sold-new');
    expect(result.excluded.find((exclusion) => exclusion.kind === 'over-budget')?.examples).toContain('test-mini');
    expect(result.cheapestOverBudget?.machine.id).toBe('test-desktop-cpu');
  });

  it('is ranked at its used price and says "used"', () => {
    const used = discontinued.replace(
      'price: { market: eu_retail_incl_vat, amount: 2000,',
      'price: { market: used_market, amount: 1400,',
    );
    const result = unwrap(recommend(createAdvisor(catalogWith(used), { today: december2026 }), seventyB));
    const mini = result.picks.find((pick) => pick.machine.id === 'test-mini');
    expect(mini?.machine.priceEur).toBe(1400);
    expect(mini && priceWords(mini.machine)).toMatch(/^used \(no longer sold new\) · used, marketplace/);
    expect(result.excluded.map((exclusion) => exclusion.kind)).not.toContain('not-sold-new');
  });
});

describe('catalog:check prices by age', () => {
  it('lists every price oldest first with its age flag', async () => {
    const { summarise } = await import('../../src/catalog/summary.ts');
    const fixture = summarise(fixtureCatalog(), december2026).pricesByAge;
    // Fixture prices are dated 2025-05-01 to 2025-07-01, all more than six months before 2026-12-01.
    expect(fixture.map((price) => price.date)).toEqual([...fixture.map((price) => price.date)].sort());
    expect(fixture.every((price) => price.old)).toBe(true);
    expect(fixture.find((price) => price.record === 'machines test-desktop-cpu')).toMatchObject({
      eur: 1000,
      market: 'us_list_excl_tax',
    });
  });
});
