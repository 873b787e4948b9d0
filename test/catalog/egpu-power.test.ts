import { describe, expect, it } from 'vitest';
import { fixtureTexts, parseFixture } from '../helpers/catalog.ts';

describe('an eGPU set-up draws what the host and the card draw', () => {
  it('adds the card to the host, at load and at idle', () => {
    // Give the mini a measured draw: 150 W load, 12 W idle. The test GPU's board power is 350 W.
    const machines = fixtureTexts().machines.replace(
      '    price: { market: eu_retail_incl_vat, amount: 2000,',
      '    power: { load_w: 150, idle_w: 12, source: "estimate: test fixture with round numbers" }\n    price: { market: eu_retail_incl_vat, amount: 2000,',
    );
    const result = parseFixture({ machines });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const egpu = result.catalog.machine('egpu-test-mini-test-gpu-used-usb4');
    // load 150 + 350 = 500 W; idle 12 + 20 (the card's idle estimate) = 32 W.
    expect(egpu?.power).toMatchObject({ load_w: 500, idle_w: 32 });
    // The host alone is unchanged.
    expect(result.catalog.machine('test-mini')?.power).toMatchObject({ load_w: 150, idle_w: 12 });
  });
});
