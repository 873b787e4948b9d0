import { describe, expect, it } from 'vitest';
import { fixtureCatalog, fixtureTexts, parseFixture } from '../helpers/catalog.ts';

const catalog = fixtureCatalog();
const byId = (id: string) => catalog.configurations.find((machine) => machine.id === id);

describe('builds from builds.yaml', () => {
  it('expands a base into 1 and 2 GPU configurations with stable ids and readable names', () => {
    expect(byId('build-test-build-1x-test-gpu-used')?.name).toBe('Test build + Test GPU 24 (used)');
    expect(byId('build-test-build-2x-test-gpu-used')?.gpus).toEqual([{ chip: 'test-gpu', count: 2 }]);
  });

  it('gives each card the lanes the board allows for that many cards', () => {
    expect(byId('build-test-build-1x-test-gpu-used')?.configuration).toMatchObject({ lanesPerGpu: 16 });
    expect(byId('build-test-build-2x-test-gpu-used')?.configuration).toMatchObject({ lanesPerGpu: 8 });
  });

  it('keeps the base power supply while the load stays under 80 % of it', () => {
    // 250 W base + 350 W card = 600 W ≤ 0.8 × 850 W
    const build = byId('build-test-build-1x-test-gpu-used');
    expect(build?.power).toMatchObject({ psu_w: 850, load_w: 600 });
    expect(build?.price.amount).toBe(1000 + 700);
  });

  it('swaps in a bigger power supply, priced, when the cards need it', () => {
    // 250 + 2 × 350 = 950 W > 680 W; 950 ≤ 0.8 × 1200 W
    const build = byId('build-test-build-2x-test-gpu-used');
    expect(build?.power).toMatchObject({ psu_w: 1200, load_w: 950 });
    expect(build?.price.parts?.map((part) => part.amount)).toEqual([1000, 1400, 200]);
  });

  it('builds a capped offer only up to its max_count', () => {
    // The fixture caps the 600 W card at one: 250 + 2 × 600 = 1450 W > 0.8 × 1200 W.
    expect(byId('build-test-build-1x-test-gpu-hot-new')?.gpus).toEqual([{ chip: 'test-gpu-hot', count: 1 }]);
    expect(byId('build-test-build-2x-test-gpu-hot-new')).toBeUndefined();
  });

  it('keeps one candidate when a second template on the same base builds the same card count', () => {
    const second = `  - id: test-build-wide
    name: Test build wide
    base: test-desktop-cpu
    gpu_lanes: [8, 8]
    pcie_gen: 5
    slot_positions: [1, 4]
    case_slots: 7
    gpu_offers: [test-gpu-used]
    psu_offers: [test-psu-1200]
    source: "estimate: test fixture with round numbers"
`;
    const builds = fixtureTexts().builds.replace('psu_load_limit: 0.8', `${second}psu_load_limit: 0.8`);
    const result = parseFixture({ builds });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const ids = result.catalog.configurations.map((machine) => machine.id);
    expect(ids).toContain('build-test-build-1x-test-gpu-used');
    expect(ids).not.toContain('build-test-build-wide-1x-test-gpu-used');
    expect(result.catalog.rejectedConfigurations).toContainEqual({
      id: 'build-test-build-wide-1x-test-gpu-used',
      reason: 'the same hardware is already built as build-test-build-1x-test-gpu-used',
    });
  });

  it('dates a configuration by its oldest part', () => {
    // GPU offer 2025-05-01, base 2025-06-01
    expect(byId('build-test-build-1x-test-gpu-used')?.price.date).toBe('2025-05-01');
  });
});

describe('eGPU configurations', () => {
  it('offers only the links a host has: USB4 on a mini PC without a PCIe slot', () => {
    const egpus = catalog.configurations
      .filter((machine) => machine.configuration?.kind === 'egpu')
      .map((machine) => machine.id);
    expect(egpus).toEqual(['egpu-test-mini-test-gpu-used-usb4']);
    expect(byId('egpu-test-mini-test-gpu-used-usb4')?.configuration).toMatchObject({ linkKind: 'usb4', linkGbps: 3 });
  });
});

describe('clusters', () => {
  it('adds up its members memory and price, plus the links', () => {
    const cluster = byId('cluster-2x-test-mini-usb4');
    expect(cluster?.memory).toMatchObject({ capacity_gb: 256, gpu_addressable_gb: 192, bandwidth_gbps: 256 });
    expect(cluster?.price.amount).toBe(2 * 2000 + 50);
  });

  it('counts one link per pair of neighbouring nodes: four nodes need three cables', () => {
    const fourNodes = parseFixture({
      builds: fixtureTexts().builds.replace('node_counts: [2]', 'node_counts: [2, 4]'),
    });
    if (!fourNodes.ok) throw new Error(JSON.stringify(fourNodes.problems));
    const cluster = fourNodes.catalog.configurations.find((machine) => machine.id === 'cluster-4x-test-mini-usb4');
    // 4 × 2,000 EUR minis + 3 × 50 EUR links
    expect(cluster?.price.amount).toBe(4 * 2000 + 3 * 50);
    expect(cluster?.price.parts?.map((part) => [part.item, part.amount])).toEqual([
      ['4× Test Mini 128', 8000],
      ['3× usb4 link', 150],
    ]);
  });

  it('names the link a buyer cables: USB4, Thunderbolt 5, or the Ethernet rating', () => {
    const linked = (link: string, gbps: number) => {
      const parsed = parseFixture({
        builds: fixtureTexts()
          .builds.replace('link: usb4', `link: ${link}`)
          .replace(/link_gbps: [0-9.]+/, `link_gbps: ${gbps}`),
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      return parsed.catalog.configurations.find((machine) => machine.id === `cluster-2x-test-mini-${link}`)?.name;
    };
    expect(byId('cluster-2x-test-mini-usb4')?.name).toContain(' over USB4 ');
    expect(linked('thunderbolt', 80)).toContain(' over Thunderbolt 5 ');
    expect(linked('ethernet', 200)).toContain(' over 200 GbE ');
  });
});

describe('cluster link variants', () => {
  // The fixture's USB4 pair plus the same two minis over 5 GbE: one candidate, not two.
  const ethernet = [
    '  - machine: test-mini',
    '    node_counts: [2]',
    '    link: ethernet',
    '    link_gbps: 5',
    '    hop_latency_ms: 0.5',
    '    link_cost: { market: eu_retail_incl_vat, amount: 80, currency: EUR, date: 2025-06-01, source: "estimate: test fixture with round numbers" }',
    '    source: "estimate: test fixture with round numbers"',
  ].join('\n');
  const parsed = parseFixture({ builds: `${fixtureTexts().builds.trimEnd()}\n${ethernet}\n` });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const clusters = parsed.catalog.configurations.filter((machine) => machine.configuration?.kind === 'cluster');

  it('collapses clusters that differ only in the link into one candidate that names both', () => {
    expect(clusters.map((machine) => machine.id)).toEqual(['cluster-2x-test-mini-usb4']);
    expect(clusters[0]?.name).toContain(' over USB4 or 5 GbE ');
  });

  it('estimates on the quicker link, prices its cables, and says what the other costs', () => {
    // Same 0.5 ms hand-off: the wider link (10 Gbit/s USB4) wins; its 50 EUR cable is in the price.
    expect(clusters[0]?.configuration).toMatchObject({ link: 'usb4', linkGbitPerSecond: 10 });
    expect(clusters[0]?.price.amount).toBe(2 * 2000 + 50);
    expect(clusters[0]?.notes.join(' ')).toContain('Also possible over 5 GbE (80 EUR for the links)');
  });
});

describe('catalog lookups', () => {
  it('finds configurations by id like any machine', () => {
    expect(catalog.machine('cluster-2x-test-mini-usb4')?.configuration?.kind).toBe('cluster');
    expect(catalog.products.map((machine) => machine.id)).toEqual([
      'test-mini',
      'test-desktop-gpu',
      'test-desktop-cpu',
    ]);
  });
});

describe('eGPU link variants', () => {
  // The fixture mini with a PCIe x4 slot as well as USB4: both docks fit it.
  const machines = fixtureTexts().machines.replace(
    'expansion: { usb4_ports: 2, ethernet_gbps: 5, source: "estimate: test fixture with round numbers" }',
    'expansion: { usb4_ports: 2, ethernet_gbps: 5, pcie_slots: [{ gen: 4, lanes: 4 }], source: "estimate: test fixture with round numbers" }',
  );
  const parsed = parseFixture({ machines });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const egpus = parsed.catalog.configurations.filter((machine) => machine.configuration?.kind === 'egpu');

  it('collapses set-ups that differ only in the link into one candidate that names both', () => {
    expect(egpus.map((machine) => machine.id)).toEqual(['egpu-test-mini-test-gpu-used-pcie']);
    expect(egpus[0]?.name).toBe('Test Mini 128 + Test GPU 24 (used) (OCuLink or USB4)');
  });

  it('estimates on the fastest link and keeps the slower one as a variant with its own bandwidth', () => {
    expect(egpus[0]?.configuration).toMatchObject({
      linkKind: 'pcie',
      linkGbps: 7.88,
      variants: [
        { link: 'test-oculink', linkGbps: 7.88, priceEur: 150 },
        { link: 'test-usb4', linkGbps: 3, priceEur: 150 },
      ],
    });
    // mini 2000 + used card 700 + dock 150, counted once
    expect(egpus[0]?.price.amount).toBe(2000 + 700 + 150);
  });
});
