import { describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import {
  buttonNamespaces,
  carriedOptions,
  comparePairId,
  recommendChartId,
  recommendRunId,
  specsPageId,
  machineRef,
  parseCustomId,
  recommendMoreId,
  resolveButtonAction,
  resolveMachineRef,
} from '../../src/discord/custom-ids.ts';

const longest = 'egpu-framework-desktop-mainboard-128gb-radeon-ai-pro-r9700-usb4';
const alsoLong = 'workstation-tr-pro-9995wx-2x-rtx-pro-6000';

describe('recommend:more custom_ids', () => {
  it('round-trips the query with the new offset', () => {
    const options = {
      model: 'llama-3.3-70b',
      quant: 'Q5_K_M',
      budget: 3000,
      context: 32768,
      prompt_tokens: 1024,
      min_speed: 7.5,
      category: 'mini-pc',
      priority: 'value',
      allow_builds: false,
      allow_clusters: true,
    };
    const id = recommendMoreId(options, 5);
    expect(id).toBe(
      'recommend:more:m=llama-3.3-70b,q=Q5_K_M,b=3000,c=32768,p=1024,v=7.5,k=mini-pc,r=value,g=0,x=1,o=5',
    );
    expect(parseCustomId(id ?? '')).toEqual({
      namespace: 'recommend:more',
      command: 'recommend',
      response: 'update',
      options: { ...options, offset: 5 },
    });
  });

  it('can carry every /recommend option, so "Show more" answers the same question', () => {
    const names = commandsByName.get('recommend')?.definition.options?.map((option) => option.name) ?? [];
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !carriedOptions.includes(name))).toEqual([]);
  });

  it("carries Unsloth's UD- quantization names (the dash is no separator)", () => {
    const id = recommendMoreId({ model: 'qwen3.5-35b-a3b', quant: 'UD-Q4_K_XL' }, 5) ?? '';
    expect(id).toBe('recommend:more:m=qwen3.5-35b-a3b,q=UD-Q4_K_XL,o=5');
    expect(parseCustomId(id)?.options).toEqual({ model: 'qwen3.5-35b-a3b', quant: 'UD-Q4_K_XL', offset: 5 });
  });

  it('carries a model size instead of a model', () => {
    expect(parseCustomId(recommendMoreId({ model_size_gb: 10.5 }, 10) ?? '')?.options).toEqual({
      model_size_gb: 10.5,
      offset: 10,
    });
  });

  it('drops optional fields, prompt first, to stay within 100 characters, and keeps the model and offset', () => {
    const model = `a-${'b'.repeat(50)}`;
    const id =
      recommendMoreId(
        {
          model,
          budget: 123456,
          context: 131072,
          prompt_tokens: 65536,
          min_speed: 12.25,
          category: 'workstation',
          priority: 'price',
        },
        25,
      ) ?? '';
    expect(id.length).toBeLessThanOrEqual(100);
    const options = parseCustomId(id)?.options;
    expect(options).toMatchObject({ model, offset: 25 });
    expect(options?.prompt_tokens).toBeUndefined();
  });

  it('makes no id when even the model does not fit, and none without a model', () => {
    expect(recommendMoreId({ model: `m-${'x'.repeat(100)}` }, 5)).toBeUndefined();
    expect(recommendMoreId({ budget: 3000 }, 5)).toBeUndefined();
  });

  it('never writes a value that could break the format', () => {
    const id = recommendMoreId({ model: 'llama-3.3-70b', category: 'a,b=c:d' }, 5);
    expect(id).toBe('recommend:more:m=llama-3.3-70b,o=5');
  });
});

describe('compare:pair custom_ids', () => {
  it('writes both machine ids and the model when they fit', () => {
    const id = comparePairId('framework-desktop-128gb', 'nvidia-dgx-spark', {
      model: 'gpt-oss-120b',
      quant: 'MXFP4',
      context: 32768,
      budget: 3000,
    });
    expect(id).toBe('compare:pair:framework-desktop-128gb:nvidia-dgx-spark:m=gpt-oss-120b,q=MXFP4,c=32768');
    expect(parseCustomId(id ?? '')).toEqual({
      namespace: 'compare:pair',
      command: 'compare',
      response: 'reply',
      options: {
        machine_a: 'framework-desktop-128gb',
        machine_b: 'nvidia-dgx-spark',
        model: 'gpt-oss-120b',
        quant: 'MXFP4',
        context: 32768,
      },
    });
  });

  it('uses short machine references when two long ids do not fit, resolved against the catalog ids', () => {
    const id = comparePairId(longest, alsoLong, { model: 'llama-3.3-70b', context: 32768 }) ?? '';
    expect(id.length).toBeLessThanOrEqual(100);
    expect(id).toBe(`compare:pair:${machineRef(longest)}:${machineRef(alsoLong)}:m=llama-3.3-70b,c=32768`);
    const parsed = parseCustomId(id);
    expect(parsed).toBeDefined();
    const resolved = parsed && resolveButtonAction(parsed, ['other-machine', alsoLong, longest]);
    expect(resolved?.options).toEqual({
      machine_a: longest,
      machine_b: alsoLong,
      model: 'llama-3.3-70b',
      context: 32768,
    });
  });

  it('calls a button stale when its machine has left the catalog', () => {
    const parsed = parseCustomId(comparePairId(longest, alsoLong, {}) ?? '');
    expect(parsed && resolveButtonAction(parsed, [longest])).toBeUndefined();
    expect(resolveMachineRef('gone-machine', ['other'])).toBeUndefined();
  });

  it('gives a stable reference per id', () => {
    expect(machineRef(longest)).toBe(machineRef(longest));
    expect(machineRef(longest)).not.toBe(machineRef(alsoLong));
    expect(machineRef(longest)).toMatch(/^~[0-9a-z]{1,7}$/);
  });
});

describe('parseCustomId', () => {
  it.each([
    '',
    'recommend:more',
    'recommend:more:',
    'recommend:more:m=llama-3.3-70b',
    'recommend:more:o=5',
    'recommend:more:m=llama-3.3-70b,o=5,o=6',
    'recommend:more:m=Llama 3,o=5',
    'recommend:more:z=1,o=5,m=a',
    'recommend:more:m=a,g=true,o=5',
    'recommend:less:m=a,o=5',
    'compare:pair:a',
    'compare:pair:a:b:c:d',
    'compare:pair:A-B:b:',
    'compare:pair:a:b:b=3000',
    `compare:pair:a:b:m=${'x'.repeat(100)}`,
  ])('rejects %j', (customId) => {
    expect(parseCustomId(customId)).toBeUndefined();
  });

  it('routes only the namespaces of the one table', () => {
    expect(Object.keys(buttonNamespaces)).toEqual([
      'recommend:more',
      'recommend:run',
      'recommend:chart',
      'compare:pair',
      'specs:one',
      'specs:page',
    ]);
  });
});

describe('recommend:run custom_ids', () => {
  it('asks the question afresh as a new message, without an offset', () => {
    const id = recommendRunId({ model: 'llama-3.3-70b', budget: 3000, offset: 5 });
    expect(id).toBe('recommend:run:m=llama-3.3-70b,b=3000');
    expect(parseCustomId(id ?? '')).toEqual({
      namespace: 'recommend:run',
      command: 'recommend',
      response: 'reply',
      options: { model: 'llama-3.3-70b', budget: 3000 },
    });
    expect(recommendRunId({ budget: 3000 })).toBeUndefined();
  });
});

describe('recommend:chart custom_ids', () => {
  it("asks for the same question's chart view, answered only to the one who pressed it", () => {
    const id = recommendChartId({ model: 'llama-3.3-70b', quant: 'Q4_K_M', budget: 3000, context: 32768, offset: 5 });
    expect(id).toBe('recommend:chart:m=llama-3.3-70b,q=Q4_K_M,b=3000,c=32768,o=5');
    expect(parseCustomId(id ?? '')).toEqual({
      namespace: 'recommend:chart',
      command: 'recommend',
      response: 'ephemeral',
      options: { model: 'llama-3.3-70b', quant: 'Q4_K_M', budget: 3000, context: 32768, offset: 5, view: 'chart' },
    });
    expect(recommendChartId({ budget: 3000 })).toBeUndefined();
    // A view is not an option a button can carry: only the namespace sets it.
    expect(parseCustomId('recommend:chart:m=llama-3.3-70b,view=chart')).toBeUndefined();
  });
});

describe('specs:page custom_ids', () => {
  it('turns the same sheet to another page in place, with its model and workload', () => {
    const id = specsPageId('framework-desktop-128gb', 'measured', { model: 'qwen3-30b-a3b', context: 32768 });
    expect(id).toBe('specs:page:framework-desktop-128gb:measured:m=qwen3-30b-a3b,c=32768');
    expect(parseCustomId(id ?? '')).toEqual({
      namespace: 'specs:page',
      command: 'specs',
      response: 'update',
      options: { machine: 'framework-desktop-128gb', page: 'measured', model: 'qwen3-30b-a3b', context: 32768 },
    });
  });

  it('refuses a page it does not have', () => {
    expect(parseCustomId('specs:page:framework-desktop-128gb:secret:')).toBeUndefined();
  });
});
