/**
 * kv_cache, backend and users on /recommend, /compare and /specs: the option reaches the
 * estimator, the answer says how it was run, and the figures move the way physics says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName, type CommandResult, type OptionValues } from '../../commands/index.ts';
import { setupOptions } from '../../commands/options.ts';
import type { Advisor, CompareResult, RecommendResult, SpecsResult } from '../../src/advisor/index.ts';
import { resolveModelQuery, resolveWorkload } from '../../src/advisor/index.ts';
import { renderCommandResult } from '../../src/discord/render/index.ts';
import { renderResult } from '../../src/console/render.ts';
import { backendChoices, KvCacheTypes, maxUsers, type HardwareProfile } from '../../src/estimator/index.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';
import { reasonText } from '../../src/format/index.ts';
import { estimatePlacementText, estimateReasonText } from '../../src/format/index.ts';

/** A pick's reason in the words both fronts print; empty when there is no pick. */
const reasonWords = (pick?: { reason: Parameters<typeof reasonText>[0] }): string =>
  pick ? reasonText(pick.reason) : '';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function run(command: string, options: OptionValues): CommandResult {
  const outcome = commandsByName.get(command)?.run(options, { advisor });
  if (!outcome?.ok)
    throw new Error(`/${command} ${JSON.stringify(options)} failed: ${outcome?.error.message ?? 'no such command'}`);
  return outcome.value;
}
const specsOf = (options: OptionValues) => run('specs', options).result as SpecsResult;
const recommendOf = (options: OptionValues) => run('recommend', options).result as RecommendResult;

const twoGpus = 'desktop-9950x3d-2x-rtx-3090';
const strixHalo = 'gmktec-evo-x2-128gb';

describe('options are declared once, with the estimator’s own bounds', () => {
  it('offers exactly the KV types, backends and user counts the estimator accepts', () => {
    const byName = new Map(setupOptions.map((option) => [option.name, option] as const));
    const kv = byName.get('kv_cache');
    const backend = byName.get('backend');
    const users = byName.get('users');
    expect(kv && 'choices' in kv ? kv.choices.map((choice) => choice.value) : []).toEqual([...KvCacheTypes]);
    expect(backend && 'choices' in backend ? backend.choices.map((choice) => choice.value) : []).toEqual([
      ...backendChoices,
    ]);
    expect(users && 'max_value' in users ? [users.min_value, users.max_value] : []).toEqual([1, maxUsers]);
    const spec = resolveModelQuery(advisor, { model: 'llama-3.1-8b' });
    if (!spec.ok) throw new Error(JSON.stringify(spec.error));
    expect(resolveWorkload(spec.value, { users: maxUsers }).ok).toBe(true);
    expect(resolveWorkload(spec.value, { users: 1 }).ok).toBe(true);
    expect(resolveWorkload(spec.value, { users: maxUsers + 1 }).ok).toBe(false);
    expect(resolveWorkload(spec.value, { users: 0 }).ok).toBe(false);
  });

  it('is on all three commands', () => {
    for (const name of ['recommend', 'compare', 'specs']) {
      const declared = commandsByName.get(name)?.definition.options?.map((option) => option.name) ?? [];
      expect(declared, name).toEqual(expect.arrayContaining(['kv_cache', 'backend', 'users']));
    }
  });

  it('refuses a KV type or backend that is not one (a hand-made button id)', () => {
    expect(
      commandsByName.get('specs')?.run({ machine: twoGpus, model: 'llama-3.1-8b', kv_cache: 'q2_k' }, { advisor }).ok,
    ).toBe(false);
    expect(
      commandsByName.get('specs')?.run({ machine: twoGpus, model: 'llama-3.1-8b', backend: 'opencl' }, { advisor }).ok,
    ).toBe(false);
  });
});

describe('KV cache and users in memory (hand-worked)', () => {
  // Llama 3.3 70B: 80 layers × 2 × 8 KV heads × 128 = 163,840 elements per token; at 32,768 tokens
  // 5,368,709,120 elements. f16: 2 B each = 10.737 GB; q8_0: 34 B per 32 = 5.704 GB; q4_0: 18 B per 32 = 3.020 GB.
  const elements = 80 * 2 * 8 * 128 * 32768;

  it('sizes the cache by its element type', () => {
    const kvAt = (kvCache?: string) =>
      specsOf({ machine: twoGpus, model: 'llama-3.3-70b', context: 32768, ...(kvCache ? { kv_cache: kvCache } : {}) })
        .estimates[0]?.estimate.memory.kvCacheGb;
    expect(kvAt()).toBeCloseTo((elements * 2) / 1e9, 6);
    expect(kvAt('q8_0')).toBeCloseTo((elements * 34) / 32 / 1e9, 6);
    expect(kvAt('q4_0')).toBeCloseTo((elements * 18) / 32 / 1e9, 6);
  });

  it('q8_0 is what lets 70B at 32k sit wholly in 2× 24 GB (QA #9)', () => {
    const at = (kvCache: string) =>
      specsOf({ machine: twoGpus, model: 'llama-3.3-70b', context: 32768, kv_cache: kvCache }).estimates[0]?.estimate;
    // Weights 70e9 × 4.85 / 8 = 42.4 GB; + 10.7 GB f16 KV overflows 47 GB of usable VRAM, + 5.7 GB q8_0 does not.
    expect(at('f16')?.placement.kind).toBe('gpu+cpu');
    expect(at('q8_0')?.placement.kind).toBe('multi-gpu');
  });

  it('holds one cache per user', () => {
    const one = specsOf({ machine: strixHalo, model: 'qwen3-30b-a3b', context: 16384 }).estimates[0]?.estimate;
    const five = specsOf({ machine: strixHalo, model: 'qwen3-30b-a3b', context: 16384, users: 5 }).estimates[0]
      ?.estimate;
    expect(five?.memory.kvCacheGb).toBeCloseTo(5 * (one?.memory.kvCacheGb ?? Number.NaN), 9);
    expect(five?.memory.weightsGb).toBeCloseTo(one?.memory.weightsGb ?? Number.NaN, 9);
  });
});

describe('users on the live catalog', () => {
  it('more users never raise one user’s speed, and never give all together less than one alone while the placement holds', () => {
    for (const machine of [
      twoGpus,
      strixHalo,
      'nvidia-dgx-spark',
      'mac-studio-m3-ultra-512gb',
      'server-epyc-9655-768gb',
    ]) {
      for (const model of ['llama-3.1-8b', 'qwen3-30b-a3b', 'gpt-oss-120b']) {
        let perUser = Number.POSITIVE_INFINITY;
        let alone = 0;
        let placement: string | undefined;
        // On one backend: `auto` may switch to another as the users' prompts queue, which is a choice, not physics.
        const backend = specsOf({ machine, model, context: 8192 }).estimates[0]?.estimate.placement.backend ?? 'auto';
        for (const users of [1, 2, 4, 5, 8, 16, 32, maxUsers]) {
          const estimate = specsOf({ machine, model, context: 8192, users, backend }).estimates[0]?.estimate;
          const tg = estimate?.tg;
          if (!estimate || !tg) break; // more users' caches no longer fit
          const together = tg.aggregateTokensPerSecond ?? tg.tokensPerSecond;
          expect(tg.tokensPerSecond, `${machine} ${model} ${users}`).toBeLessThanOrEqual(perUser * (1 + 1e-12));
          // N caches that push the model out of VRAM can lower the total: only within one placement it holds.
          // An MoE's users each read their own experts, so the total may level off between N's; every
          // published batched run gives all sequences together at least what one alone gets.
          // The same placement down to its flags: the thread count and expert split are chosen per question.
          const flags = `${estimate.placement.kind} ${estimate.placement.llamaCppFlags.join(' ')}`;
          if (flags === placement)
            expect(together, `${machine} ${model} ${users}`).toBeGreaterThanOrEqual(alone * (1 - 1e-12));
          perUser = tg.tokensPerSecond;
          if (users === 1) {
            alone = together;
            placement = flags;
          }
        }
      }
    }
  });

  it('ranks by per-user speed at N users', () => {
    const result = recommendOf({ model: 'qwen3-30b-a3b', context: 16384, users: 5 });
    const speeds = result.picks.map((pick) => pick.estimate.tg?.tokensPerSecond ?? 0);
    expect(speeds.length).toBeGreaterThan(1);
    expect(speeds).toEqual([...speeds].sort((a, b) => b - a));
    expect(result.picks.every((pick) => pick.estimate.workload.users === 5)).toBe(true);
  });

  it('priority:first_token ranks by the last user’s wait: N prompts one after another, N × prompt / pp', () => {
    const result = recommendOf({
      model: 'qwen3-30b-a3b',
      context: 16384,
      prompt_tokens: 4000,
      users: 5,
      priority: 'first_token',
      budget: 5000,
    });
    const waits = result.picks.map((pick) => pick.estimate.queuedTimeToFirstTokenSeconds ?? Number.NaN);
    expect(waits.length).toBeGreaterThan(1);
    expect(waits).toEqual([...waits].sort((a, b) => a - b));
    for (const pick of result.picks)
      expect(pick.estimate.queuedTimeToFirstTokenSeconds).toBeCloseTo(
        (5 * 4000) / (pick.estimate.pp?.tokensPerSecond ?? Number.NaN),
        9,
      );
    expect(result.picks[0]?.reason).toMatchObject({ firstToken: { promptTokens: 4000 }, users: 5 });
    expect(reasonWords(result.picks[0])).toContain('last of 5 4,000-token prompts');
  });
});

describe('backend', () => {
  it('runs the backend asked for, and auto takes the one with the shorter prompt + answer and says over what', () => {
    const on = (backend: string) =>
      specsOf({ machine: strixHalo, model: 'gpt-oss-120b', quant: 'MXFP4', backend }).estimates[0]?.estimate;
    const vulkan = on('vulkan');
    const rocm = on('rocm');
    const auto = on('auto');
    expect(vulkan?.placement.backend).toBe('vulkan');
    expect(rocm?.placement.backend).toBe('rocm');
    const seconds = (estimate: typeof vulkan) =>
      512 / (estimate?.pp?.tokensPerSecond ?? Number.NaN) + 128 / (estimate?.tg?.tokensPerSecond ?? Number.NaN);
    const faster = seconds(vulkan) <= seconds(rocm) ? 'vulkan' : 'rocm';
    expect(auto?.placement.backend).toBe(faster);
    expect(auto?.placement.passedOver).toEqual([faster === 'vulkan' ? 'rocm' : 'vulkan']);
    expect(auto && estimatePlacementText(auto)).toContain(
      `${faster}, faster here than ${faster === 'vulkan' ? 'rocm' : 'vulkan'}`,
    );
    expect(auto?.setup.otherBackends.map((other) => other.backend)).toEqual(
      expect.arrayContaining([faster === 'vulkan' ? 'rocm' : 'vulkan']),
    );
  });

  it('says when the hardware has no such backend', () => {
    const estimate = specsOf({ machine: twoGpus, model: 'llama-3.1-8b', backend: 'metal' }).estimates[0]?.estimate;
    expect(estimate?.fits).toBe(false);
    expect(estimate?.shortfall).toEqual({ code: 'no-engine', machineName: expect.any(String), backend: 'metal' });
    expect(estimate && estimateReasonText(estimate)).toContain('metal');
  });
});

describe('more VRAM never makes a placement slower', () => {
  it('holds for every dGPU machine of the catalog with each card grown by 24 GB', () => {
    const models = ['llama-3.3-70b', 'qwen3-235b-a22b', 'gpt-oss-120b', 'deepseek-v3'];
    for (const indexed of advisor.machines) {
      if (indexed.profile.dgpus.length === 0) continue;
      const bigger: HardwareProfile = {
        ...indexed.profile,
        dgpus: indexed.profile.dgpus.map((card) => ({ ...card, vramGb: card.vramGb + 24 })),
      };
      for (const model of models) {
        const spec = resolveModelQuery(advisor, { model });
        if (!spec.ok) throw new Error(JSON.stringify(spec.error));
        const workload = resolveWorkload(spec.value, { contextTokens: 8192, promptTokens: 2000 });
        if (!workload.ok) throw new Error(JSON.stringify(workload.error));
        const before = advisor.estimator.estimate(indexed.profile, spec.value, workload.value);
        const after = advisor.estimator.estimate(bigger, spec.value, workload.value);
        if (!before.fits) continue;
        expect(after.fits, `${indexed.machine.id} ${model}`).toBe(true);
        // The placement is chosen on the prompt plus the answer: that time never grows.
        const seconds = (estimate: typeof before) =>
          2000 / (estimate.pp?.tokensPerSecond ?? 0) + 128 / (estimate.tg?.tokensPerSecond ?? 0);
        expect(seconds(after), `${indexed.machine.id} ${model}`).toBeLessThanOrEqual(seconds(before) * (1 + 1e-9));
      }
    }
  });
});

describe('the answer says how it was run', () => {
  const options = { model: 'llama-3.3-70b', context: 32768, kv_cache: 'q8_0', users: 3, backend: 'vulkan' };
  const words = '3 users at once, KV q8_0, flash attention on, backend vulkan';

  it('in the terminal, on all three commands', () => {
    // The terminal wraps at 100 columns: the words may run over a line break.
    const said = (result: ReturnType<typeof run>) => renderResult(result).replace(/\s+/g, ' ');
    expect(said(run('recommend', options))).toContain(words);
    expect(said(run('specs', { machine: strixHalo, ...options }))).toContain(words);
    expect(said(run('compare', { machine_a: strixHalo, machine_b: twoGpus, ...options }))).toContain(words);
  });

  it('in the Discord footer, on all three commands', () => {
    const footer = (command: string, values: OptionValues) =>
      renderCommandResult(run(command, values), values).embeds[0]?.footer?.text ?? '';
    // /recommend's list says it shortest (its context is in the question line, flash attention in the details).
    expect(footer('recommend', options)).toContain('3 users at once, KV q8_0, backend vulkan');
    expect(footer('specs', { machine: strixHalo, ...options })).toContain(words);
    expect(footer('compare', { machine_a: strixHalo, machine_b: twoGpus, ...options })).toContain(words);
    const compared = run('compare', { machine_a: strixHalo, machine_b: twoGpus, ...options }).result as CompareResult;
    expect(compared.a.estimate.placement.backend).toBe('vulkan');
  });
});
