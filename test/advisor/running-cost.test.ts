import { describe, expect, it } from 'vitest';
import { compare, createAdvisor, recommend } from '../../src/advisor/index.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';
import { powerSourceText } from '../../src/format/index.ts';

const advisor = createAdvisor(fixtureCatalog(), { costs: { electricityEurPerKwh: 0.3 } });
const eightB = { model: 'test-dense-8b', quant: 'Q4_0', allowBuilds: false, allowClusters: false } as const;

describe('running cost', () => {
  it('charges the load draw for each generated token and the stated day for ownership', () => {
    const result = recommend(advisor, { ...eightB, priority: 'cost' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const cpuDesktop = result.value.picks.find((pick) => pick.machine.id === 'test-desktop-cpu');
    const tg = cpuDesktop?.estimate.tg?.tokensPerSecond ?? Number.NaN;
    // 250 W at load for 1e6 / tg seconds, at 0.30 EUR/kWh
    expect(cpuDesktop?.runningCost?.eurPerMillionTokens).toBeCloseTo(((250 * (1e6 / tg)) / 3.6e6) * 0.3, 9);
    // 1000 EUR + 3 years × 365 days × (8 h × 250 W + 16 h × 25 W idle, a tenth of load) × 0.30 EUR/kWh
    expect(cpuDesktop?.runningCost?.totalCostEur).toBeCloseTo(1000 + 3 * 365 * 2.4 * 0.3, 6);
  });

  it('ranks by cost of ownership, machines without a known draw last', () => {
    const result = recommend(advisor, { ...eightB, priority: 'cost' });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const costs = result.value.picks.map((pick) => pick.runningCost?.totalCostEur ?? Number.POSITIVE_INFINITY);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    // the fixture mini and its SoC carry no power figure at all
    expect(result.value.picks.at(-1)?.machine.id).toBe('test-mini');
  });

  it('estimates the draw from rated chip power when the machine has none, and says so', () => {
    const result = compare(advisor, { machineA: 'test-desktop-gpu', machineB: 'test-desktop-cpu', ...eightB });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // test-desktop-gpu: no power block; its card is rated 350 W, its CPU has no rating: no estimate
    expect(result.value.a.runningCost).toBeUndefined();
    expect(result.value.b.runningCost?.powerSource).toEqual({ code: 'catalog-load', idleShareOfLoad: 0.1 });
    const source = result.value.b.runningCost?.powerSource;
    expect(source && powerSourceText(source)).toBe('load from the catalog, idle estimated at 10 % of it');
    expect(result.value.estimateRows.find((row) => row.key === 'total-cost')?.better).toBeNull();
  });
});
