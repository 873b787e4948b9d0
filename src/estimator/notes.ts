/**
 * What an estimate assumed or found, as data: codes and numbers. The words are the
 * fronts' (src/format/estimate-notes.ts), so the estimator knows no language.
 */
import type { EngineKind } from '../catalog/schema.ts';
import type { KvCacheType } from './model-spec.ts';
import type { EngineClass } from './placement.ts';

/** What a generated token reads: its weights (the active ones of a mixture of experts) plus the KV cache so far. */
export interface TokenReads {
  weightsGb: number;
  /** Mixture of experts only: the parameters a token reads, of all. */
  experts?: { activeParamsBillions: number; paramsBillions: number };
}

export type EstimateNote =
  // Assumed by the model spec.
  | { code: 'hybrid-attention'; fullAttentionLayers: number; layers: number }
  | { code: 'params-from-size'; paramsBillions: number; sizeGb: number; bitsPerWeight: number }
  | { code: 'llama-like-shape'; moe: boolean; layers: number }
  // Assumed by the hardware profile.
  | { code: 'igpu-share-assumed'; addressableShare: number }
  | { code: 'benchmark-host-assumed'; systemMemoryGb: number; pcieGen: number; pcieLanes: number }
  | { code: 'chip-memory-assumed'; capacityGb: number }
  | { code: 'engine-unused'; engineName: string; engineKind: EngineKind }
  // Found by the estimate.
  | { code: 'tg-bandwidth-bound'; reads: TokenReads }
  | {
      code: 'tg-sync-bound';
      cpuThreads: number;
      layers: number;
      overheadSeconds: number;
      readSeconds: number;
      reads: TokenReads;
    }
  | { code: 'pp-bound'; bound: 'bandwidth' | 'compute' | 'link'; promptTokens: number }
  | { code: 'prompt-on-cpu' }
  | { code: 'cluster-hops'; hops: number; linkGigabytesPerSecond: number; hopLatencySeconds: number }
  | { code: 'kv-cache-quantized'; kvCache: Exclude<KvCacheType, 'f16'> }
  /** batchedRuns: published batched runs of this model type the cost of each added user is calibrated on. */
  | { code: 'users'; users: number; moe: boolean; batchedRuns: number }
  | { code: 'range-pooled'; measurements: number; engineClass: EngineClass }
  /**
   * Attention is a large share of the work at this context, and how this class slows with depth
   * rests on fewer than three published long-context runs: the range is widened.
   */
  | {
      code: 'depth-thin';
      engineClass: EngineClass;
      contextTokens: number;
      /** Attention's share of the work at efficiency 1, per metric that is deep and thin. */
      attentionShare: Partial<Record<'tg' | 'pp', number>>;
      /** Long-context runs behind this class's depth factor (0: none, attention at the class's own efficiency). */
      runs: number;
    };

export type EstimateNoteCode = EstimateNote['code'];
