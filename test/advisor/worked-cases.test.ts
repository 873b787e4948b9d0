/**
 * The survey's claims, worked on the live catalog with their assumptions stated:
 * Llama 70B on one Framework Desktop, and a ~235B model on a 2-node cluster.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compare, recommend, type Advisor } from '../../src/advisor/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

describe('"Llama 70B right on your desk" (Framework, survey)', () => {
  it('fits Llama 3.3 70B Q4_K_M at 32k context in the 96 GB the iGPU addresses', () => {
    const result = compare(advisor, {
      machineA: 'framework-desktop-mainboard-128gb',
      machineB: 'gmktec-evo-x2-128gb',
      model: 'llama-3.3-70b',
      quant: 'Q4_K_M',
      contextTokens: 32768,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const estimate = result.value.a.estimate;
    expect(estimate.fits).toBe(true);
    expect(estimate.placement.kind).toBe('unified-gpu');
    // 70.6 B × 4.89 bits ≈ 43 GB of weights + 80 layers × 8 KV heads × 128 × 2 × 2 bytes × 32768 ≈ 10.7 GB of KV
    expect(estimate.memory.neededGb).toBeGreaterThan(53);
    expect(estimate.memory.neededGb).toBeLessThan(96);
    // bandwidth-bound: 256 GB/s over ~43 GB a token gives at most ~6 tok/s; published runs measure 4.5-5.1
    expect(estimate.tg?.tokensPerSecond).toBeGreaterThan(3);
    expect(estimate.tg?.tokensPerSecond).toBeLessThan(256 / 43);
  });
});

describe('a ~235B MoE on two nodes (llama.cpp RPC)', () => {
  it('needs the cluster: one 128 GB node cannot hold Qwen3-235B at Q4_K_M, two can', () => {
    const result = recommend(advisor, {
      model: 'qwen3-235b-a22b',
      quant: 'Q4_K_M',
      allowBuilds: false,
      allowClusters: true,
      limit: 25,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const cluster = result.value.picks.find(
      (pick) => pick.machine.id === 'cluster-2x-framework-desktop-mainboard-128gb-usb4',
    );
    expect(cluster?.estimate.fits).toBe(true);
    expect(cluster?.cluster).toMatchObject({
      nodes: 2,
      memberId: 'framework-desktop-mainboard-128gb',
      slowerThanOneNode: false,
    });
    expect(cluster?.cluster?.memberTgTokensPerSecond).toBeUndefined(); // one node alone does not hold it
    // 22 B active × 4.89 bits ≈ 13.4 GB read a token at 256 GB/s: at most ~19 tok/s before efficiencies
    expect(cluster?.estimate.tg?.tokensPerSecond).toBeLessThan(256 / 13.4);
  });
});
