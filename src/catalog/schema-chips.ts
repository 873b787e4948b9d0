/** data/chips.yaml: CPUs, SoCs and GPU cards, with their memory and compute engines. */
import { z } from 'zod';
import { Id, IsoDate, Source, positive } from './schema-common.ts';

export const EngineKind = z.enum(['cpu', 'igpu', 'dgpu', 'npu']);
export type EngineKind = z.infer<typeof EngineKind>;
/** The engines llama.cpp-class runtimes run layers on: every kind but the NPU, which none of them uses. */
export const RunnableEngineKind = EngineKind.exclude(['npu']);
export type RunnableEngineKind = z.infer<typeof RunnableEngineKind>;

/** Software backends that run LLM inference (llama.cpp-class runtimes). */
export const Backend = z.enum(['cpu', 'cuda', 'rocm', 'vulkan', 'metal', 'sycl']);
export type Backend = z.infer<typeof Backend>;

export const MemoryType = z.enum([
  'DDR4',
  'DDR5',
  'LPDDR5',
  'LPDDR5X',
  'GDDR5',
  'GDDR6',
  'GDDR6X',
  'GDDR7',
  'HBM2',
  'HBM2e',
  'HBM3',
  'HBM3e',
  'unified',
]);

/** A memory interface: bandwidth must agree with bus width × transfer rate (checked at load). */
export const MemoryInterface = z.strictObject({
  type: MemoryType,
  bus_width_bits: z.number().int().positive(),
  transfer_rate_mts: positive,
  bandwidth_gbps: positive,
  source: Source,
});
export type MemoryInterface = z.infer<typeof MemoryInterface>;

/**
 * The matrix path llama.cpp's Vulkan backend runs prompt matmuls on, as its start-up line
 * prints it ("matrix cores: NV_coopmat2"): NVIDIA's VK_NV_cooperative_matrix2 (Turing and
 * newer on NVIDIA's driver; tensor-core loads that decode quantized blocks in place), the
 * vendor-neutral VK_KHR_cooperative_matrix (AMD RDNA3/RDNA4, Intel Xe2; dequantized through
 * shared memory first), or none (scalar FP16/FP32 shaders on the vector units).
 */
export const VulkanMatrix = z.enum(['nv-coopmat2', 'khr-coopmat', 'none']);
export type VulkanMatrix = z.infer<typeof VulkanMatrix>;

export const ComputeEngine = z.strictObject({
  kind: EngineKind,
  name: z.string().min(1),
  /**
   * Dense FP16 throughput without sparsity, TFLOPS, on the units llama.cpp's prompt matmuls use:
   * tensor cores at FP16 accumulate on NVIDIA (GeForce halves only FP32 accumulate, which llama.cpp
   * does not use; its INT8 kernels run at twice this), WMMA on AMD RDNA3/RDNA4, XMX on Intel, the
   * vector FP16 (or FP32, where FP16 is slow) rate on chips without matrix units. For CPUs:
   * cores × clock × FP16/FP32 FLOPs per cycle.
   */
  fp16_tflops: positive,
  /** Dense INT8 throughput without sparsity, TOPS (optional: not every vendor publishes it). */
  int8_tops: positive.optional(),
  /** Backends that common LLM runtimes offer on this engine; empty for an NPU they cannot use. */
  backends: z.array(Backend),
  source: Source,
  /** GPUs with Vulkan: the matrix path llama.cpp uses with the usual current driver, and why. */
  vulkan_matrix: z.strictObject({ path: VulkanMatrix, source: Source }).optional(),
});
export type ComputeEngine = z.infer<typeof ComputeEngine>;

export const Chip = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /**
   * Product-line and code names people type for this chip ("Strix Halo" for the Ryzen AI Max
   * parts), so a search for one finds the machines built on it; each as its source says it.
   */
  known_as: z.array(z.string().min(1)).default([]),
  vendor: z.string().min(1),
  /** cpu: socketed processor; soc: CPU+GPU(+NPU) sharing one memory; gpu: a discrete card with its own VRAM. */
  kind: z.enum(['cpu', 'soc', 'gpu']),
  released: IsoDate.optional(),
  cpu: z
    .strictObject({
      cores: z.number().int().positive(),
      threads: z.number().int().positive(),
      base_clock_ghz: positive.optional(),
      boost_clock_ghz: positive,
      l3_cache_mb: positive.optional(),
      source: Source,
      /**
       * Memory read bandwidth the CPU cores reach when it is well below the memory
       * interface (e.g. Strix Halo's CPU is fabric-limited while its GPU is not), measured.
       */
      read_bandwidth_gbps: positive.optional(),
      read_bandwidth_source: Source.optional(),
    })
    .optional(),
  /**
   * CPU/SoC: the fastest memory the chip supports (a machine may fit slower).
   * GPU: its own VRAM, with `vram_gb`.
   */
  memory: MemoryInterface.extend({
    max_capacity_gb: positive.optional(),
    vram_gb: positive.optional(),
  }),
  engines: z.array(ComputeEngine).min(1),
  pcie: z
    .strictObject({ gen: z.number().int().min(3).max(6), lanes: z.number().int().positive(), source: Source })
    .optional(),
  tdp_w: z.strictObject({ watts: positive, source: Source }).optional(),
  /**
   * GPUs: expansion slots the card takes (2, 2.5, 3, 3.5), the typical board sold; decides
   * whether two cards fit a board's slot spacing without risers (builds.yaml `slot_spacing`).
   */
  slot_width: z.strictObject({ slots: positive.max(5), source: Source }).optional(),
  notes: z.array(z.string()).default([]),
});
export type Chip = z.infer<typeof Chip>;

export const ChipsFile = z.strictObject({ chips: z.array(Chip).min(1) });
