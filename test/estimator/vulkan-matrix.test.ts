import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.ts';
import { profileFromChip } from '../../src/estimator/hardware.ts';
import { catalogObservations, setupForBenchmark } from '../../src/estimator/observations.ts';
import { candidatePlacements, memoryNeed } from '../../src/estimator/placement.ts';
import { specFromSize } from '../../src/estimator/model-spec.ts';

const loaded = await loadCatalog('data');
if (!loaded.ok) throw new Error('catalog does not load');
const catalog = loaded.catalog;

function vulkanClassOn(chipId: string): string | undefined {
  const chip = catalog.chip(chipId);
  if (!chip) throw new Error(`no chip ${chipId}`);
  const need = memoryNeed(specFromSize(4), 4096);
  const placement = candidatePlacements(profileFromChip(catalog, chip), need, { engine: 'gpu', backend: 'vulkan' })[0];
  return placement?.stages[0]?.engineClass;
}

describe('Vulkan matrix path', () => {
  it('puts NVIDIA tensor-core cards in the coopmat2 class and AMD, Intel and Pascal cards in the other', () => {
    // llama.cpp logs 'matrix cores: NV_coopmat2' on RTX 30/40 cards, KHR_coopmat on RDNA3, none on Pascal.
    expect(vulkanClassOn('rtx-3090')).toBe('dgpu-vulkan-coopmat2');
    expect(vulkanClassOn('rtx-4090')).toBe('dgpu-vulkan-coopmat2');
    expect(vulkanClassOn('rx-7900-xtx')).toBe('dgpu-vulkan');
    expect(vulkanClassOn('arc-b580')).toBe('dgpu-vulkan');
    expect(vulkanClassOn('tesla-p40')).toBe('dgpu-vulkan');
  });

  it("follows a run's own matrix path over the card's usual one", () => {
    const benchmark = catalog.benchmarks.find((row) => row.id === 'rtx-3090-vulkan-llama-3-8b-q4-0');
    if (!benchmark) throw new Error('benchmark missing');
    const usual = setupForBenchmark(catalog, benchmark);
    const coopmatOff = setupForBenchmark(catalog, { ...benchmark, vulkan_matrix: 'khr-coopmat' });
    expect(usual?.placement.stages[0]?.engineClass).toBe('dgpu-vulkan-coopmat2');
    expect(coopmatOff?.placement.stages[0]?.engineClass).toBe('dgpu-vulkan');
  });

  it('fits each Vulkan class on at least three prompt measurements of its own', () => {
    const { observations } = catalogObservations(catalog);
    for (const engineClass of ['dgpu-vulkan', 'dgpu-vulkan-coopmat2'])
      expect(
        observations.filter((row) => row.metric === 'pp' && row.engineClass === engineClass).length,
      ).toBeGreaterThanOrEqual(3);
  });
});
