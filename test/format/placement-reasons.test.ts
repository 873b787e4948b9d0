import { describe, expect, it } from 'vitest';
import { placementDescription, noEngineText } from '../../src/format/placement.ts';
import { placementShortfallText } from '../../src/format/placement-reasons.ts';

describe('placement shortfalls in words', () => {
  it('gives the share left in RAM as a whole percent, and GB whole from 100', () => {
    expect(placementShortfallText({ code: 'spills-to-ram', neededGb: 42.46, vramGb: 25.27, ramShare: 0.4149 })).toBe(
      '42.5 GB needed but 25.3 GB of VRAM: 41 % of the weights stay in system RAM on the CPU',
    );
    expect(placementShortfallText({ code: 'exceeds-ram', neededGb: 404.4, usableGb: 126.5, installedGb: 128 })).toBe(
      'needs 404 GB, more than the 127 GB of usable RAM (128 GB installed)',
    );
  });

  it('says how two backends meet when the iGPU runs another one than the eGPU', () => {
    const shortfall = { code: 'spills-to-igpu', neededGb: 70, vramGb: 31.7, igpuShare: 0.6 } as const;
    expect(placementShortfallText({ ...shortfall, igpuBackend: 'vulkan', backend: 'vulkan' })).toBe(
      '70 GB needed but 31.7 GB of VRAM: 60 % of the weights run on the iGPU from unified memory (vulkan)',
    );
    expect(placementShortfallText({ ...shortfall, igpuBackend: 'rocm', backend: 'cuda' })).toContain(
      '(rocm, beside cuda on the eGPU: a llama.cpp build with both backends, or the iGPU behind llama.cpp RPC)',
    );
  });
});

describe('placement descriptions', () => {
  it('names the devices, the backend, what auto passed over, and a cluster split', () => {
    expect(
      placementDescription({ kind: 'gpu', devices: ['RTX 3090'], backend: 'cuda', passedOver: [], nodes: 1 }),
    ).toBe('all on the GPU (RTX 3090, cuda)');
    expect(
      placementDescription({
        kind: 'unified-gpu',
        devices: ['Radeon 8060S'],
        backend: 'vulkan',
        passedOver: ['rocm'],
        nodes: 2,
      }),
    ).toBe(
      'on the integrated GPU, in the GPU-addressable share of unified memory (Radeon 8060S, vulkan, faster here than rocm, layers split over 2 nodes)',
    );
    expect(noEngineText('Mac mini', 'cuda')).toBe('no engine of Mac mini runs the cuda backend');
  });
});
