import { describe, expect, it } from 'vitest';
import { estimateNoteText } from '../../src/format/estimate-notes.ts';

describe('estimate notes in words', () => {
  it('says what a mixture-of-experts token reads, in GB to one decimal below 100 GB', () => {
    expect(
      estimateNoteText({
        code: 'tg-bandwidth-bound',
        reads: { weightsGb: 2.7349, experts: { activeParamsBillions: 5.1, paramsBillions: 116.8 } },
      }),
    ).toBe(
      'tg is bandwidth-bound: each token reads 2.7 GB of active weights (5.1 B of 116.8 B parameters) plus the KV cache so far',
    );
    expect(estimateNoteText({ code: 'tg-bandwidth-bound', reads: { weightsGb: 141.2 } })).toBe(
      'tg is bandwidth-bound: each token reads 141 GB of weights plus the KV cache so far',
    );
  });

  it('gives thread-barrier and read times in ms, one decimal under 10 ms', () => {
    const text = estimateNoteText({
      code: 'tg-sync-bound',
      cpuThreads: 96,
      layers: 16,
      overheadSeconds: 0.0123,
      readSeconds: 0.00042,
      reads: { weightsGb: 1.2 },
    });
    expect(text).toContain('96 CPU threads meet at a barrier after every step of each of 16 layers (12 ms per token)');
    expect(text).toContain('(0.4 ms; each token reads 1.2 GB of weights');
  });

  it('counts network hops with their link in Gbit/s', () => {
    expect(
      estimateNoteText({ code: 'cluster-hops', hops: 1, linkGigabytesPerSecond: 1.175, hopLatencySeconds: 0.0005 }),
    ).toMatch(/^each token crosses 1 network hop \(9 Gbit\/s, 0\.5 ms assumed per hop\)/);
    expect(
      estimateNoteText({ code: 'cluster-hops', hops: 3, linkGigabytesPerSecond: 0.625, hopLatencySeconds: 0.0005 }),
    ).toMatch(/^each token crosses 3 network hops \(5 Gbit\/s/);
  });

  it('names the llama-server flags for a team and the KV-cache type', () => {
    expect(estimateNoteText({ code: 'users', users: 5, moe: false, batchedRuns: 13 })).toMatch(
      /^5 users at once \(llama-server -np 5, continuous batching\): memory holds 5 KV caches; each step reads the weights once and/,
    );
    expect(estimateNoteText({ code: 'users', users: 2, moe: true, batchedRuns: 22 })).toContain(
      '(more experts, as each user picks their own)',
    );
    expect(estimateNoteText({ code: 'users', users: 5, moe: false, batchedRuns: 13 })).toContain(
      'calibrated on 13 published batched runs of dense models',
    );
    expect(estimateNoteText({ code: 'users', users: 5, moe: true, batchedRuns: 0 })).toContain(
      'no published batched runs of mixture-of-experts models calibrate',
    );
    expect(estimateNoteText({ code: 'kv-cache-quantized', kvCache: 'q8_0' })).toMatch(
      /^KV cache in q8_0 \(-ctk q8_0 -ctv q8_0\)/,
    );
  });

  it('says one measurement, not one measurements, and names the engine class', () => {
    expect(estimateNoteText({ code: 'range-pooled', measurements: 1, engineClass: 'igpu-vulkan' })).toBe(
      'only 1 measurement for integrated GPUs with Vulkan: its range borrows the spread of similar engines, widened',
    );
  });

  it('says where depth evidence is thin, per metric, with the runs behind it', () => {
    expect(
      estimateNoteText({
        code: 'depth-thin',
        engineClass: 'cpu-cpu',
        contextTokens: 32768,
        attentionShare: { tg: 0.18, pp: 0.194 },
        runs: 2,
      }),
    ).toBe(
      'at 32,768 tokens of context attention is 18 % of tg and 19 % of pp, and the slowdown with depth on CPUs rests on only 2 published long-context runs: the range is wider',
    );
    expect(
      estimateNoteText({
        code: 'depth-thin',
        engineClass: 'cpu-cpu',
        contextTokens: 8192,
        attentionShare: { pp: 0.1 },
        runs: 0,
      }),
    ).toContain('10 % of pp, and the slowdown with depth on CPUs rests on no published long-context runs');
  });

  it('says which engine is not used and the assumptions made for a bare file size', () => {
    expect(estimateNoteText({ code: 'engine-unused', engineName: 'XDNA 2', engineKind: 'npu' })).toBe(
      'XDNA 2 (NPU): not used — llama.cpp-class runtimes cannot run LLMs on it',
    );
    expect(
      estimateNoteText({ code: 'params-from-size', paramsBillions: 16.494, sizeGb: 10, bitsPerWeight: 4.85 }),
    ).toBe('16.5 B parameters, from 10 GB at Q4_K_M (4.85 bits/weight)');
    expect(estimateNoteText({ code: 'igpu-share-assumed', addressableShare: 0.75 })).toBe(
      'the iGPU addresses 75 % of RAM (no figure in the catalog)',
    );
  });
});
