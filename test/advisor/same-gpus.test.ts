/**
 * The same GPUs on a dearer host, at the same estimate, are one pick with the host named as a
 * variant (issue 15 item 6); a host that changes the estimate stays its own pick.
 */
import { describe, expect, it } from 'vitest';
import { createAdvisor, priorities, recommend, type RecommendResult } from '../../src/advisor/index.ts';
import { fixtureTexts, parseFixture } from '../helpers/catalog.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

function unwrap<T>(outcome: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.value;
}

const source = '"estimate: test fixture with round numbers"';

/**
 * The fixture plus a second host for the same cards: the same CPU, twice the RAM channels
 * (192 GB/s instead of 96) and 1000 EUR dearer, with its own build template and the same slots.
 */
function twoHostAdvisor() {
  const texts = fixtureTexts();
  const machines = `${texts.machines.trimEnd()}
  - id: test-desktop-big
    name: Test Desktop big RAM
    vendor: Testco
    category: desktop
    chip: test-cpu
    memory: { type: DDR5, bus_width_bits: 256, transfer_rate_mts: 6000, bandwidth_gbps: 192, capacity_gb: 192, source: ${source} }
    expansion: { pcie_slots: [{ gen: 5, lanes: 16 }, { gen: 5, lanes: 8 }], ethernet_gbps: 2.5, source: ${source} }
    price: { market: eu_retail_incl_vat, amount: 2000, currency: EUR, date: 2025-06-01, source: ${source} }
    power: { psu_w: 850, load_w: 250, source: ${source} }
`;
  const builds = texts.builds.replace(
    'builds:\n',
    `builds:
  - id: test-build-big
    name: Test big build
    base: test-desktop-big
    gpu_lanes: [16, 8]
    pcie_gen: 5
    slot_positions: [1, 4]
    case_slots: 7
    gpu_offers: [test-gpu-used]
    psu_offers: [test-psu-1200]
    source: ${source}
`,
  );
  const parsed = parseFixture({ machines, builds });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return createAdvisor(parsed.catalog);
}

const pickOf = (result: RecommendResult, id: string) => result.picks.find((pick) => pick.machine.id === id);

describe('the same GPUs on a dearer host', () => {
  const advisor = twoHostAdvisor();
  const small1 = 'build-test-build-1x-test-gpu-used';
  const big1 = 'build-test-build-big-1x-test-gpu-used';
  const small2 = 'build-test-build-2x-test-gpu-used';
  const big2 = 'build-test-build-big-2x-test-gpu-used';

  it('is one pick with the host named, when the whole model sits on the card', () => {
    // 8B at Q4_0 is ~4.5 GB: one 24 GB card holds it all, so no host's RAM enters the estimate.
    // Host + card: 1000 + 700 = 1700 EUR; 2000 + 700 = 2700 EUR on the big host; and the same card
    // as an eGPU on the 2000 EUR mini PC, 2000 + 700 + 150 (USB4 dock) = 2850 EUR.
    const egpu = 'egpu-test-mini-test-gpu-used-usb4';
    const result = unwrap(recommend(advisor, { model: 'test-dense-8b', quant: 'Q4_0', limit: 25 }));
    expect(pickOf(result, big1)).toBeUndefined();
    expect(pickOf(result, egpu)).toBeUndefined();
    expect(pickOf(result, small1)?.variants?.map(({ id, hostName, priceEur }) => ({ id, hostName, priceEur }))).toEqual(
      [
        { id: big1, hostName: 'Test big build', priceEur: 2700 },
        { id: egpu, hostName: 'Test Mini 128', priceEur: 2850 },
      ],
    );
    expect(result.excluded.find((exclusion) => exclusion.kind === 'same-gpus')?.count).toBe(2);
    // Ranked by price the cheaper host leads as well, and the dearer one is no slot of its own.
    for (const priority of priorities) {
      const ranked = unwrap(recommend(advisor, { model: 'test-dense-8b', quant: 'Q4_0', limit: 25, priority }));
      expect(ranked.picks.map((pick) => pick.machine.id)).not.toContain(big1);
    }
  });

  it('stays two picks when the host changes the speed, and folds what it does not change', () => {
    // 70B at Q4_0 is ~40 GB. One 24 GB card spills the rest to system RAM, read at the host's
    // bandwidth: the big host's 192 GB/s against 96 makes it faster, so both are picks. Two cards
    // hold it all (48 GB) on either host, in the same slots: the dearer 2-card build folds.
    const result = unwrap(recommend(advisor, { model: 'test-dense-70b', quant: 'Q4_0', limit: 25 }));
    const [one, oneBig] = [pickOf(result, small1), pickOf(result, big1)];
    expect(one?.estimate.placement.kind).toBe('gpu+cpu');
    expect(oneBig?.estimate.tg?.tokensPerSecond ?? 0).toBeGreaterThan(one?.estimate.tg?.tokensPerSecond ?? 0);
    expect(one?.variants).toBeUndefined();
    expect(pickOf(result, small2)?.estimate.placement.kind).toBe('multi-gpu');
    expect(pickOf(result, small2)?.variants?.map((variant) => variant.id)).toEqual([big2]);
    expect(pickOf(result, big2)).toBeUndefined();
  });
});

describe('on the live catalog', () => {
  it('no two of a top 5 share a GPU set at the same speed (the lab question and others)', async () => {
    const live = await liveAdvisor();
    const questions = [
      { model: 'qwen3-235b-a22b', quant: 'Q4_K_M', contextTokens: 32768, budgetEur: 30000, users: 5 },
      { model: 'llama-3.3-70b', quant: 'Q4_K_M', contextTokens: 32768, budgetEur: 8000 },
      { model: 'gpt-oss-120b', quant: 'MXFP4', budgetEur: 15000 },
    ];
    let folded = 0;
    for (const question of questions)
      for (const priority of priorities) {
        const result = unwrap(recommend(live, { ...question, priority }));
        const seen = new Map<string, number[]>();
        for (const pick of result.picks) {
          const gpus = (live.catalog.machine(pick.machine.id)?.gpus ?? [])
            .map((gpu) => `${gpu.chip}×${gpu.count}`)
            .sort()
            .join('+');
          const tg = pick.estimate.tg?.tokensPerSecond ?? 0;
          // Ranked by cost of ownership, a dearer machine that is cheaper to run is its own pick.
          if (priority !== 'cost')
            for (const other of seen.get(gpus) ?? [])
              expect(Math.abs(other - tg), `${pick.machine.id} (${priority})`).toBeGreaterThan(tg * 1e-9);
          seen.set(gpus, [...(seen.get(gpus) ?? []), tg]);
          // A variant is never cheaper than the pick it is named under.
          for (const variant of pick.variants ?? [])
            expect(variant.priceEur).toBeGreaterThanOrEqual(pick.machine.priceEur);
          folded += pick.variants?.length ?? 0;
        }
      }
    // The lab question's two EPYC hosts and the workstation are among them, so the check meets folds.
    expect(folded).toBeGreaterThan(0);
  }, 60_000);
});
