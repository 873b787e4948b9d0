import { describe, expect, it } from 'vitest';
import { formatProblem, loadCatalog } from '../../src/catalog/index.ts';
import { fixtureTexts, parseFixture } from '../helpers/catalog.ts';

const messagesOf = (result: ReturnType<typeof parseFixture>) => (result.ok ? [] : result.problems.map(formatProblem));

describe('the live catalog', () => {
  it('loads with no problem', async () => {
    const result = await loadCatalog('data');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });
});

describe('catalog problems are reported at file:line:column', () => {
  it('reports a value of the wrong type where the value stands', () => {
    const machines = fixtureTexts().machines.replace(
      'bandwidth_gbps: 256\n      capacity_gb: 128',
      'bandwidth_gbps: fast\n      capacity_gb: 128',
    );
    expect(messagesOf(parseFixture({ machines }))).toEqual([
      'data/machines.yaml:11:23 machines[0].memory.bandwidth_gbps: Invalid input: expected number, received string',
    ]);
  });

  it('reports an unknown chip reference', () => {
    const machines = fixtureTexts().machines.replace('chip: test-soc', 'chip: test-soc-typo');
    expect(messagesOf(parseFixture({ machines }))).toEqual([
      'data/machines.yaml:6:11 machines[0].chip: unknown chip "test-soc-typo"',
    ]);
  });

  it('reports a duplicate id at the second occurrence', () => {
    const models = fixtureTexts().models.replace('id: test-dense-70b', 'id: test-dense-8b');
    expect(messagesOf(parseFixture({ models }))).toEqual([
      'data/models.yaml:15:9 models[1].id: duplicate id "test-dense-8b"',
    ]);
  });

  it('reports a bandwidth that contradicts bus width × transfer rate', () => {
    const chips = fixtureTexts().chips.replace('bandwidth_gbps: 96', 'bandwidth_gbps: 120');
    expect(messagesOf(parseFixture({ chips }))).toEqual([
      'data/chips.yaml:28:23 chips[1].memory.bandwidth_gbps: 120 GB/s contradicts 128-bit × 6000 MT/s = 96 GB/s (allowed ±5 %)',
    ]);
  });

  it('reports bad YAML syntax with its position', () => {
    const quantizations = 'quantizations:\n  - { id: Q8_0, bits_per_weight: 8.5\n';
    expect(messagesOf(parseFixture({ quantizations }))).toEqual([
      'data/quantizations.yaml:3:1 Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('reports a key given twice in one record', () => {
    const models = fixtureTexts().models.replace('    layers: 32\n', '    layers: 32\n    layers: 36\n');
    expect(messagesOf(parseFixture({ models }))).toEqual(['data/models.yaml:9:5 Map keys must be unique']);
  });

  it('reports an unknown field at the field itself', () => {
    const models = fixtureTexts().models.replace('    layers: 32\n', '    layers: 32\n    layerz: 32\n');
    expect(messagesOf(parseFixture({ models }))).toEqual([
      'data/models.yaml:9:5 models[0].layerz: unknown field "layerz"',
    ]);
  });

  it('reports a missing source with the object that lacks it', () => {
    const quantizations = fixtureTexts().quantizations.replace(
      '{ id: F16, bits_per_weight: 16, source: "estimate: test fixture with round numbers" }',
      '{ id: F16, bits_per_weight: 16 }',
    );
    expect(messagesOf(parseFixture({ quantizations }))).toEqual([
      'data/quantizations.yaml:4:5 quantizations[2].source: Invalid input: expected string, received undefined',
    ]);
  });

  it('rejects a source that is neither a URL nor a reasoned estimate', () => {
    const quantizations = fixtureTexts().quantizations.replace(
      'source: "estimate: test fixture with round numbers" }\n  - { id: Q4_0',
      'source: "trust me" }\n  - { id: Q4_0',
    );
    expect(messagesOf(parseFixture({ quantizations }))).toEqual([
      'data/quantizations.yaml:2:47 quantizations[0].source: a source is an http(s) URL, "survey: <section>" or "estimate: <reasoning of at least 10 characters>"',
    ]);
  });

  it('refuses a separate full-attention KV layout on a model without sliding layers, and sparse attention without MLA', () => {
    const models = fixtureTexts().models.replace(
      '    head_dim: 128\n    native_context: 131072\n    source: "estimate: test fixture with round numbers"\n  - id: test-dense-70b',
      '    head_dim: 128\n    full_attention_kv: { kv_heads: 4, head_dim: 512 }\n    sparse_attention: { index_head_dim: 128 }\n    native_context: 131072\n    source: "estimate: test fixture with round numbers"\n  - id: test-dense-70b',
    );
    expect(messagesOf(parseFixture({ models }))).toEqual([
      'data/models.yaml:13:24 models[0].full_attention_kv: a separate full-attention KV layout needs sliding_window layers to differ from',
      'data/models.yaml:14:23 models[0].sparse_attention: DeepSeek sparse attention sits on latent attention: give latent_attention too',
    ]);
  });

  it('reports every problem at once, across files', () => {
    const machines = fixtureTexts().machines.replace('chip: test-soc', 'chip: nope');
    const models = fixtureTexts().models.replace('active_params_b: 3\n', 'active_params_b: 30\n');
    const messages = messagesOf(parseFixture({ machines, models }));
    expect(messages).toHaveLength(2);
  });

  it('refuses GPU-addressable memory larger than what is installed', () => {
    const machines = fixtureTexts().machines.replace('gpu_addressable_gb: 96', 'gpu_addressable_gb: 160');
    expect(messagesOf(parseFixture({ machines }))).toEqual([
      'data/machines.yaml:13:27 machines[0].memory.gpu_addressable_gb: GPU-addressable 160 GB exceeds the installed 128 GB',
    ]);
  });

  it('checks that a build costs the sum of its parts', () => {
    const machines = fixtureTexts().machines.replace('amount: 3000', 'amount: 3500');
    expect(messagesOf(parseFixture({ machines }))).toEqual([
      'data/machines.yaml:37:15 machines[1].price.amount: 3500 EUR differs from the sum of its parts, 3000 EUR',
    ]);
  });

  it('refuses a price without a date, and one without a source, at the price', () => {
    const undated = fixtureTexts().machines.replace(
      'amount: 1000, currency: USD, date: 2025-06-01, ',
      'amount: 1000, currency: USD, ',
    );
    expect(messagesOf(parseFixture({ machines: undated }))).toEqual([
      'data/machines.yaml:57:12 machines[2].price.date: Invalid input: expected string, received undefined',
    ]);
    const unsourced = fixtureTexts().machines.replace(
      'date: 2025-06-01, source: "estimate: test fixture with round numbers" }\n    power: { psu_w: 850',
      'date: 2025-06-01 }\n    power: { psu_w: 850',
    );
    expect(messagesOf(parseFixture({ machines: unsourced }))).toEqual([
      'data/machines.yaml:57:12 machines[2].price.source: Invalid input: expected string, received undefined',
    ]);
  });

  it('refuses a price without its market', () => {
    const machines = fixtureTexts().machines.replace('market: us_list_excl_tax, ', '');
    expect(messagesOf(parseFixture({ machines }))[0]).toMatch(
      /^data\/machines.yaml:57:12 machines\[2\]\.price\.market: /,
    );
  });
});

describe('lookups', () => {
  it('finds quantizations whatever the case', () => {
    const result = parseFixture();
    if (!result.ok) throw new Error('fixture broken');
    expect(result.catalog.quantization('q4_0')?.bits_per_weight).toBe(4.5);
  });
});
