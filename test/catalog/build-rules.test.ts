import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeCards } from '../../src/catalog/build-rules.ts';
import { catalogFileNames, formatProblem, parseCatalog, type CatalogTexts } from '../../src/catalog/index.ts';
import { displayName, fixtureTexts, parseFixture } from '../helpers/catalog.ts';

/** file:line:col of the first `token` at or after `after` in `text`, counted by hand (1-based). */
function whereIs(file: string, text: string, token: string, after = ''): string {
  const from = after === '' ? 0 : text.indexOf(after);
  const index = text.indexOf(token, from);
  if (from < 0 || index < 0) throw new Error(`"${token}" not found after "${after}"`);
  const before = text.slice(0, index).split('\n');
  return `${file}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

function replaceOnce(text: string, old: string, replacement: string): string {
  if (text.split(old).length !== 2) throw new Error(`expected exactly one "${old}"`);
  return text.replace(old, replacement);
}

function problemsOf(result: ReturnType<typeof parseCatalog>): string[] {
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('placing cards in slots', () => {
  it('fits two dual-slot cards in slots 2 apart, not two 3-slot cards', () => {
    expect(placeCards(2, 2, [1, 3], 7)).toEqual([1, 3]);
    expect(placeCards(2, 3, [1, 3], 7)).toBeUndefined();
  });

  it('skips a slot a wide card covers and uses the next free one', () => {
    // 3.5 slots from slot 1 cover slots 1-4 and half of 5's bracket: the next card goes in 5,
    // and ends inside slot 8 (5 + 3.5 - 1 = 7.5), within an 8-slot case.
    expect(placeCards(2, 3.5, [1, 2, 3, 4, 5, 6, 7], 8)).toEqual([1, 5]);
    expect(placeCards(2, 2.5, [1, 4], 7)).toEqual([1, 4]);
  });

  it('refuses a bottom card that would hang past the case', () => {
    // Three 3-slot cards in 1, 4, 7: the last ends at slot 9 of an 8-slot case.
    expect(placeCards(3, 3, [1, 2, 3, 4, 5, 6, 7], 8)).toBeUndefined();
    expect(placeCards(1, 2, [7], 7)).toBeUndefined();
    expect(placeCards(1, 2, [6], 7)).toEqual([6]);
  });
});

describe('the loader refuses a build template that cannot be built, at its line', () => {
  const builds = fixtureTexts().builds;
  const file = 'data/builds.yaml';

  it('two 3-slot cards on a board whose GPU slots are 2 apart, without risers', () => {
    const text = replaceOnce(builds, 'slot_positions: [1, 4]', 'slot_positions: [1, 3]');
    const problems = problemsOf(parseFixture({ builds: text }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `^${whereIs(file, text, 'test-gpu-used', 'gpu_offers: [')} builds\\[0\\]\\.gpu_offers\\[0\\]: 2× Test GPU 24 \\(3 slots wide each\\) do not fit`,
      ),
    );
  });

  it('the same two cards on risers', () => {
    const text = replaceOnce(
      builds,
      'slot_positions: [1, 4]\n    case_slots: 7',
      'risers: { name: test riser, price: { market: eu_retail_incl_vat, amount: 50, currency: EUR, date: 2025-06-01, source: "estimate: test fixture with round numbers" } }',
    );
    const result = parseFixture({ builds: text });
    expect(problemsOf(result)).toEqual([]);
    // 1000 base + 2 × 700 card + 200 supply + 2 × 50 risers
    const build = result.ok ? result.catalog.machine('build-test-build-2x-test-gpu-used') : undefined;
    expect(build?.price.amount).toBe(1000 + 1400 + 200 + 100);
  });

  it('more lanes than the host slots carry', () => {
    // 2 × x16 = 32 lanes; the base's slots carry 16 + 8 = 24.
    const text = replaceOnce(builds, 'gpu_lanes: [16, 8]', 'gpu_lanes: [16, 16]');
    expect(problemsOf(parseFixture({ builds: text }))).toEqual([
      `${whereIs(file, text, '16]', 'gpu_lanes: [16, ')} builds[0].gpu_lanes[1]: 2 cards × x16 = 32 lanes, but test-desktop-cpu's slots carry 24`,
    ]);
  });

  it('a load no supply can carry', () => {
    // 250 + 2 × 600 = 1450 W > 0.8 × 1200 W
    const text = replaceOnce(builds, '{ offer: test-gpu-hot-new, max_count: 1 }', 'test-gpu-hot-new');
    expect(problemsOf(parseFixture({ builds: text }))).toEqual([
      `${whereIs(file, text, 'test-gpu-hot-new]')} builds[0].gpu_offers[1]: 2× Test GPU 48 Hot: 1450 W under load is more than 80 % of the biggest supply offered (1200 W): cap it with max_count: 1, or offer a bigger supply`,
    ]);
  });
});

describe('every live build template refuses an impossible combination at its line', () => {
  const live = Object.fromEntries(
    catalogFileNames.map((name) => [name, readFileSync(`data/${name}.yaml`, 'utf8')]),
  ) as CatalogTexts;
  const parseLive = (overrides: Partial<CatalogTexts>) => parseCatalog({ ...live, ...overrides }, displayName);
  const baseResult = parseLive({});
  if (!baseResult.ok) throw new Error(`live catalog does not load: ${problemsOf(baseResult).join('\n')}`);
  const catalog = baseResult.catalog;
  const file = 'data/builds.yaml';

  it.each(catalog.builds.builds.map((template, index) => [template.id, index] as const))(
    '%s: one card more lanes than its host has',
    (id, index) => {
      const template = catalog.builds.builds[index];
      const base = template ? catalog.products.find((machine) => machine.id === template.base) : undefined;
      if (!template || !base) throw new Error(`template ${id} or its base is missing`);
      const hostLanes = base.expansion.pcie_slots.reduce((total, slot) => total + slot.lanes * slot.count, 0);
      const original = `gpu_lanes: [${template.gpu_lanes.join(', ')}]`;
      const tooMany = hostLanes + 1;
      const block = `  - id: ${id}\n`;
      const start = live.builds.indexOf(block);
      const at = live.builds.indexOf(original, start);
      const text = `${live.builds.slice(0, at)}gpu_lanes: [${tooMany}]${live.builds.slice(at + original.length)}`;
      const problems = problemsOf(parseLive({ builds: text }));
      expect(problems).toContain(
        `${whereIs(file, text, `${tooMany}]`, block)} builds[${index}].gpu_lanes[0]: 1 card × x${tooMany} = ${tooMany} lanes, but ${base.id}'s slots carry ${hostLanes}`,
      );
    },
  );

  it('the budget B550 board takes a 3-slot RTX 3090 once, and refuses two', () => {
    const block = '  - id: am4-5600-budget\n';
    const text = replaceOnce(live.builds, '{ offer: rtx-3090-used, max_count: 1 }', 'rtx-3090-used');
    const index = catalog.builds.builds.findIndex((template) => template.id === 'am4-5600-budget');
    const problems = problemsOf(parseLive({ builds: text }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `${whereIs(file, text, 'rtx-3090-used', block)} builds[${index}].gpu_offers[1]: 2× NVIDIA GeForce RTX 3090 (3 slots wide each) do not fit GPU slots at positions 1, 3 in a 7-slot case`,
    );
    expect(catalog.machine('build-am4-5600-budget-1x-rtx-3090-used')).toBeDefined();
    expect(catalog.machine('build-am4-5600-budget-2x-rtx-3090-used')).toBeUndefined();
  });

  it('the Threadripper tower refuses two 600 W RTX PRO 6000s on one 2000 W supply', () => {
    const block = '  - id: wrx90-tr-pro-9975wx\n';
    const text = replaceOnce(live.builds, '{ offer: rtx-pro-6000-blackwell, max_count: 1 }', 'rtx-pro-6000-blackwell');
    const index = catalog.builds.builds.findIndex((template) => template.id === 'wrx90-tr-pro-9975wx');
    // 450 W base + 2 × 600 W = 1650 W > 0.8 × 2000 W
    expect(problemsOf(parseLive({ builds: text }))).toContain(
      `${whereIs(file, text, 'rtx-pro-6000-blackwell]', block)} builds[${index}].gpu_offers[3]: 2× NVIDIA RTX PRO 6000 Blackwell Workstation Edition: 1650 W under load is more than 80 % of the biggest supply offered (2000 W): cap it with max_count: 1, or offer a bigger supply`,
    );
  });
});
