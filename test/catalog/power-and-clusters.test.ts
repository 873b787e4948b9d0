/** The live catalog's power and cluster prices: every machine has both watts, a cluster pays every cable and what its nodes need. */
import { describe, expect, it } from 'vitest';
import { liveAdvisor } from '../helpers/live-advisor.ts';

describe('power in the live catalog', () => {
  it('gives every machine in machines.yaml a load and an idle draw, so no cost rests on a guessed idle share', async () => {
    const missing = (await liveAdvisor()).catalog.products
      .filter((machine) => machine.power?.load_w === undefined || machine.power.idle_w === undefined)
      .map((machine) => machine.id);
    expect(missing).toEqual([]);
  });
});

describe('a cluster of Framework mainboards', () => {
  it('costs four nodes with the parts a board needs plus three USB4 cables', async () => {
    const advisor = await liveAdvisor();
    const cluster = advisor.catalog.machine('cluster-4x-framework-desktop-mainboard-128gb-usb4');
    // Node: 2,574 EUR board + 103 PSU + 67 case + 67 SSD + 25 fan = 2,836 EUR (machines.yaml);
    // cable: 30 USD × 0.8519 EUR/USD × 1.21 = 30.92 EUR, three of them = 92.77 → 93 EUR.
    expect(cluster?.price.parts?.map((part) => part.amount)).toEqual([4 * 2836, 93]);
    expect(cluster?.price.amount).toBe(11344 + 93);
  });
});
