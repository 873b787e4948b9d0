/** data/benchmarks.yaml: published measurements, with the settings they ran at. */
import { z } from 'zod';
import { Id, IsoDate, Source, positive } from './schema-common.ts';
import { Backend, EngineKind, VulkanMatrix } from './schema-chips.ts';

/** What was measured on: a catalog machine, or a chip (GPU card, or a SoC at its catalog memory spec). */
export const BenchmarkHardware = z.union([
  z.strictObject({ machine: Id }),
  z.strictObject({ chip: Id, count: z.number().int().positive().default(1) }),
]);

export const Benchmark = z.strictObject({
  id: Id,
  hardware: BenchmarkHardware,
  engine: EngineKind,
  backend: Backend,
  runtime: z.string().min(1).default('llama.cpp'),
  /** A catalog model at a catalog quantization, or a model known only by file size. */
  model: Id.optional(),
  quant: z.string().optional(),
  model_size_gb: positive.optional(),
  /** Parameters of a model known only by file size, billions, when the source states them. */
  params_b: positive.optional(),
  /** Active parameters per token of such a model when it is a mixture of experts. */
  active_params_b: positive.optional(),
  /** llama-bench style test sizes: pp512 and tg128 unless stated. */
  pp_tokens: z.number().int().positive().default(512),
  tg_tokens: z.number().int().positive().default(128),
  /**
   * GPU-addressable memory the run was configured with, when it differs from the
   * machine's default (e.g. Strix Halo on Linux with the GTT limit raised past 96 GB).
   */
  gpu_addressable_gb: positive.optional(),
  /** Tokens already in the context when the test ran (llama-bench -d); 0 for plain pp512/tg128. */
  depth_tokens: z.number().int().nonnegative().default(0),
  /** CPU threads of the run (llama-bench -t) when the source states them; llama.cpp's default is one per physical core. */
  threads: z.number().int().positive().optional(),
  /** Threads for prompt processing when the run set them apart (--threads-batch); `threads` when not given. */
  threads_batch: z.number().int().positive().optional(),
  /** Prompt tokens per micro-batch (-ub / n_ubatch) when not llama.cpp's default 512. */
  ubatch_tokens: z.number().int().positive().optional(),
  /** Vulkan runs: the matrix path the run's log printed ("matrix cores: ..."), when it differs from the chip's usual one. */
  vulkan_matrix: VulkanMatrix.optional(),
  /**
   * Sequences decoded together (llama-batched-bench B / -npl, llama-server -np); 1 for llama-bench.
   * With more than one, pp_tps and tg_tps are the totals over all of them as published (S_PP and
   * S_TG): each sequence has pp_tokens of prompt and generates tg_tokens.
   */
  parallel_sequences: z.number().int().positive().default(1),
  /**
   * Every sequence decodes the same tokens, as llama-batched-bench's do (token 0 everywhere), so an
   * MoE routes them all to the same experts; false for a server fed different requests.
   */
  identical_sequences: z.boolean().default(false),
  pp_tps: positive.optional(),
  tg_tps: positive.optional(),
  measured: IsoDate.optional(),
  source: Source,
  notes: z.array(z.string()).default([]),
});
export type Benchmark = z.infer<typeof Benchmark>;

export const BenchmarksFile = z.strictObject({ benchmarks: z.array(Benchmark).min(1) });
