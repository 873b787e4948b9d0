/** An eGPU beside a Strix Halo iGPU: the iGPU runs its own backend, and the pair never reads prompts slower than the box alone (#16 item 6). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Advisor } from '../../src/advisor/index.ts';
import { resolveModelQuery, resolveWorkload } from '../../src/advisor/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function estimateOn(machineId: string, model: string, quant: string) {
  const machine = advisor.catalog.machine(machineId);
  if (!machine) throw new Error(`${machineId} is in the catalog`);
  const spec = resolveModelQuery(advisor, { model, quant });
  if (!spec.ok) throw new Error(JSON.stringify(spec.error));
  const workload = resolveWorkload(spec.value, { contextTokens: 32768, promptTokens: 4000 });
  if (!workload.ok) throw new Error(JSON.stringify(workload.error));
  return advisor.estimator.estimate(advisor.estimator.profile(machine), spec.value, workload.value);
}

describe('eGPU + iGPU', () => {
  it('adding an RTX 5090 to a GMKtec EVO-X2 does not make GLM-4.5-Air prompts or generation slower', () => {
    const alone = estimateOn('gmktec-evo-x2-128gb', 'glm-4.5-air', 'Q4_K_M');
    const paired = estimateOn('egpu-gmktec-evo-x2-128gb-rtx-5090-usb4', 'glm-4.5-air', 'Q4_K_M');
    expect(paired.pp?.tokensPerSecond ?? 0).toBeGreaterThanOrEqual(alone.pp?.tokensPerSecond ?? Infinity);
    expect(paired.tg?.tokensPerSecond ?? 0).toBeGreaterThanOrEqual(alone.tg?.tokensPerSecond ?? Infinity);
  });

  it('names both devices of a split in the llama.cpp flags', () => {
    const paired = estimateOn('egpu-gmktec-evo-x2-128gb-rtx-5090-usb4', 'glm-4.5-air', 'Q4_K_M');
    if (paired.placement.kind === 'gpu+igpu')
      expect(paired.placement.llamaCppFlags.some((flag) => /^--device CUDA0,(ROCm0|Vulkan0)$/.test(flag))).toBe(true);
  });
});
