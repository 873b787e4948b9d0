/**
 * The catalog's shapes, declared once. Every type the rest of the code uses is
 * inferred from these schemas; `npm run catalog:schema` turns them into JSON
 * Schema for editors.
 */
import { z } from 'zod';

/** kebab-case, unique within its file; a dot may stand between digits for versions (llama-3.3-70b). */
export const Id = z
  .string()
  .regex(
    /^[a-z0-9]+(?:(?:-|(?<=\d)\.(?=\d))[a-z0-9]+)*$/,
    'ids are kebab-case: lower-case letters, digits, single dashes, and dots only between digits',
  );

/**
 * Where a figure comes from: an http(s) URL; `survey: <section>` for the team's own
 * hardware survey (shared/seed/hardware-alternatives.md); or `estimate: <reasoning>`
 * when no published figure exists. A list is allowed when one figure rests on several pages.
 */
export const SourceText = z
  .string()
  .refine(
    (text) => /^https?:\/\/\S+$/.test(text) || /^(estimate|survey): \S.{9,}/.test(text),
    'a source is an http(s) URL, "survey: <section>" or "estimate: <reasoning of at least 10 characters>"',
  );
export const Source = z.union([SourceText, z.array(SourceText).min(1)]);

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
/** Dates as ISO strings (YAML would turn unquoted dates into Date objects, so both are accepted). */
export const IsoDate = z
  .union([z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'dates are YYYY-MM-DD or YYYY-MM'), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value));

// ---------------------------------------------------------------- chips

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

// ---------------------------------------------------------------- machines

export const Category = z.enum(['mini-pc', 'laptop', 'desktop', 'workstation', 'server']);
export type Category = z.infer<typeof Category>;

/** A currency needs an exchange rate in src/catalog/price.ts before a price may use it. */
export const Currency = z.enum(['EUR', 'USD']);
export type Currency = z.infer<typeof Currency>;

/**
 * Where a price was seen: an EU shop's price incl. VAT; a US list price, which excludes sales
 * tax (converted and taxed at VAT_PERCENT to compare); or a used/refurbished marketplace price.
 */
export const PriceMarket = z.enum(['eu_retail_incl_vat', 'us_list_excl_tax', 'used_market']);
export type PriceMarket = z.infer<typeof PriceMarket>;

/** Whether a product can be bought new: a discontinued one is offered only at a used price. */
export const Availability = z.enum(['on_sale', 'discontinued_used_only', 'preorder', 'announced']);
export type Availability = z.infer<typeof Availability>;

export const PricePart = z.strictObject({
  item: z.string().min(1),
  amount: positive,
  currency: Currency,
  source: Source,
});

export const Price = z.strictObject({
  market: PriceMarket,
  amount: positive,
  currency: Currency,
  /** When the price was seen (YYYY-MM or YYYY-MM-DD). */
  date: IsoDate,
  source: Source,
  /** For sums (builds, eGPUs, clusters): the parts, each in EUR as an EU buyer pays, with its own source. */
  parts: z.array(PricePart).optional(),
  /** For sums: how the parts were priced, e.g. "GPU: US list + 21 % VAT". Set by derive, not in data. */
  basis: z.string().optional(),
});
export type Price = z.infer<typeof Price>;

export const PcieSlot = z.strictObject({
  gen: z.number().int().min(3).max(6),
  lanes: z.number().int().positive(),
  count: z.number().int().positive().default(1),
  /** e.g. "not exposed in the default case", "shared with M.2_2". */
  note: z.string().optional(),
});

export const Machine = z.strictObject({
  id: Id,
  name: z.string().min(1),
  vendor: z.string().min(1),
  category: Category,
  /** The CPU or SoC (chips.yaml id). */
  chip: Id,
  /** Discrete GPUs fitted in this configuration (chips.yaml ids of kind gpu). */
  gpus: z.array(z.strictObject({ chip: Id, count: z.number().int().positive() })).default([]),
  memory: MemoryInterface.extend({
    capacity_gb: positive,
    /**
     * Unified-memory machines: how much the GPU may address (e.g. 96 of 128 GB on
     * Strix Halo through Variable Graphics Memory). Absent for machines whose GPU has its own VRAM.
     */
    gpu_addressable_gb: positive.optional(),
    gpu_addressable_source: Source.optional(),
  }),
  expansion: z.strictObject({
    pcie_slots: z.array(PcieSlot).default([]),
    usb4_ports: z.number().int().nonnegative().default(0),
    thunderbolt_ports: z.number().int().nonnegative().default(0),
    /** Fastest onboard Ethernet port, Gbit/s. */
    ethernet_gbps: nonNegative,
    source: Source,
  }),
  power: z
    .strictObject({
      psu_w: positive.optional(),
      load_w: positive.optional(),
      idle_w: positive.optional(),
      source: Source,
    })
    .optional(),
  price: Price,
  /** A product no longer sold new is ranked only at a used_market price, else left out. */
  availability: Availability.default('on_sale'),
  links: z.array(z.url()).default([]),
  notes: z.array(z.string()).default([]),
});
export type Machine = z.infer<typeof Machine>;

export const MachinesFile = z.strictObject({ machines: z.array(Machine).min(1) });

// ---------------------------------------------------------------- models

export const Model = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /**
   * Other names people type for this model, matched without case: Hugging Face ids
   * (`Qwen/Qwen3-Coder-30B-A3B-Instruct`), and sibling releases with this exact architecture
   * (DeepSeek-R1 on DeepSeek-V3's), each said in the notes with its source.
   */
  aliases: z.array(z.string().min(1)).default([]),
  vendor: z.string().min(1),
  architecture: z.enum(['dense', 'moe']),
  /** Total parameters, billions. */
  params_b: positive,
  /** Parameters read per token, billions: equal to params_b for dense models. */
  active_params_b: positive,
  layers: z.number().int().positive(),
  hidden_size: z.number().int().positive(),
  attention_heads: z.number().int().positive(),
  kv_heads: z.number().int().positive(),
  head_dim: z.number().int().positive(),
  /** Layers that use a sliding window (Gemma, gpt-oss) keep only this many tokens of KV cache. */
  sliding_window: z
    .strictObject({ tokens: z.number().int().positive(), layers: z.number().int().positive() })
    .optional(),
  /**
   * KV-cache elements stored per token per layer when it is not 2 × kv_heads × head_dim,
   * e.g. DeepSeek's multi-head latent attention caches one 576-wide latent.
   */
  kv_elements_per_token_per_layer: z.number().int().positive().optional(),
  /**
   * Multi-head latent attention (DeepSeek-V3, Kimi K2): each layer caches one compressed
   * latent of kv_lora_rank plus the shared RoPE key of qk_rope_head_dim, not per-head K and V.
   */
  latent_attention: z
    .strictObject({ kv_lora_rank: z.number().int().positive(), qk_rope_head_dim: z.number().int().positive() })
    .optional(),
  /**
   * Hybrid models (Qwen3-Next): only this many layers use full attention and grow a KV cache;
   * the others are linear-attention layers whose fixed-size state does not grow with context.
   */
  full_attention_layers: z.number().int().positive().optional(),
  /**
   * KV layout of the full-attention (global) layers when it differs from the sliding-window ones,
   * which keep kv_heads × head_dim: Gemma 4 31B caches 4 KV heads × 512 on its 10 global layers and
   * 16 × 256 on its 50 sliding layers.
   */
  full_attention_kv: z
    .strictObject({ kv_heads: z.number().int().positive(), head_dim: z.number().int().positive() })
    .optional(),
  /**
   * DeepSeek Sparse Attention (DeepSeek-V3.2, GLM-5): a lightning indexer caches one key of
   * index_head_dim per token in each attention layer beside the MLA latent (llama.cpp allocates it as
   * an "indexer KV" buffer), and each query attends to only top_k cached tokens (when known).
   */
  sparse_attention: z
    .strictObject({ index_head_dim: z.number().int().positive(), top_k: z.number().int().positive().optional() })
    .optional(),
  /** Mixture-of-experts layout: routed experts, how many are picked per token, always-on shared ones. */
  experts: z
    .strictObject({
      routed: z.number().int().positive(),
      active: z.number().int().positive(),
      shared: z.number().int().nonnegative().default(0),
    })
    .optional(),
  native_context: z.number().int().positive(),
  released: IsoDate.optional(),
  source: Source,
  notes: z.array(z.string()).default([]),
});
export type Model = z.infer<typeof Model>;

export const ModelsFile = z.strictObject({ models: z.array(Model).min(1) });

// ---------------------------------------------------------------- quantizations

export const Quantization = z.strictObject({
  /** The name llama.cpp uses, e.g. Q4_K_M, or Unsloth's dynamic name with its UD- prefix (UD-Q4_K_XL). */
  id: z
    .string()
    .regex(
      /^(?:UD-)?[A-Z0-9_]+$/i,
      'quantization ids are llama.cpp names such as Q4_K_M, or Unsloth UD- names such as UD-Q4_K_XL',
    ),
  bits_per_weight: positive.max(32),
  description: z.string().optional(),
  source: Source,
});
export type Quantization = z.infer<typeof Quantization>;

export const QuantizationsFile = z.strictObject({ quantizations: z.array(Quantization).min(1) });

// ---------------------------------------------------------------- benchmarks

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

// ---------------------------------------------------------------- builds, eGPUs, clusters

export const GpuOffer = z.strictObject({
  id: Id,
  /** chips.yaml id of a discrete GPU. */
  chip: Id,
  condition: z.enum(['new', 'used']),
  price: Price,
  availability: Availability.default('on_sale'),
  notes: z.array(z.string()).default([]),
});
export type GpuOffer = z.infer<typeof GpuOffer>;

export const PsuOffer = z.strictObject({ id: Id, watts: positive, price: Price });
export type PsuOffer = z.infer<typeof PsuOffer>;

export const BuildTemplate = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** machines.yaml id of the box without GPUs; its price includes its own PSU. */
  base: Id,
  /** PCIe lanes each card gets, by card count: [16, 8] = one card at x16, or two at x8. */
  gpu_lanes: z.array(z.number().int().positive()).min(1).max(8),
  pcie_gen: z.number().int().min(3).max(6),
  /**
   * GPU offers, each up to as many cards as gpu_lanes allows; `{ offer, max_count }` caps one
   * that fits fewer (a 3-slot card on a board whose GPU slots are 2 apart fits once).
   */
  gpu_offers: z.array(z.union([Id, z.strictObject({ offer: Id, max_count: z.number().int().positive() })])).min(1),
  /** Bigger supplies that replace the base one when the cards need more power. */
  psu_offers: z.array(Id).default([]),
  /**
   * Where the x16-size GPU slots sit, as expansion-slot positions from the top (1 = first),
   * and how many slots the case has: a card N slots wide covers its slot and the N-1 below.
   * Needed for two or more cards unless they sit on risers.
   */
  slot_positions: z.array(z.number().int().positive()).min(1).optional(),
  case_slots: z.number().int().positive().optional(),
  /**
   * Open frames: every card on its own riser cable, so widths never collide; priced per card,
   * or without a price when the base machine's price includes them (say so in its source).
   */
  risers: z.strictObject({ name: z.string().min(1), price: Price.optional() }).optional(),
  source: Source,
});
export type BuildTemplate = z.infer<typeof BuildTemplate>;
export type TemplateOffer = BuildTemplate['gpu_offers'][number];

export const EgpuLink = z.strictObject({
  id: Id,
  name: z.string().min(1),
  /** A word or two for candidate names that list the variants: "OCuLink or USB4". */
  label: z.string().min(1),
  kind: z.enum(['pcie', 'usb4']),
  /** One way, GB/s. */
  bandwidth_gbps: positive,
  price: Price,
  source: Source,
});
export type EgpuLink = z.infer<typeof EgpuLink>;

export const ClusterTemplate = z.strictObject({
  machine: Id,
  node_counts: z.array(z.number().int().min(2).max(8)).min(1),
  /** thunderbolt: Mac-to-Mac Thunderbolt 5 (IP over Thunderbolt for llama.cpp RPC). */
  link: z.enum(['ethernet', 'usb4', 'thunderbolt']),
  /** Link speed, Gbit/s. */
  link_gbps: positive,
  /** Time for one activation hand-off between neighbouring nodes, ms. */
  hop_latency_ms: nonNegative,
  /** Cables or switch, per cluster. */
  link_cost: Price,
  source: Source,
});
export type ClusterTemplate = z.infer<typeof ClusterTemplate>;

export const BuildsFile = z.strictObject({
  gpu_offers: z.array(GpuOffer).default([]),
  psu_offers: z.array(PsuOffer).default([]),
  builds: z.array(BuildTemplate).default([]),
  psu_load_limit: z.number().gt(0).max(1).default(0.8),
  psu_load_limit_source: Source.optional(),
  egpu_links: z.array(EgpuLink).default([]),
  egpu: z.strictObject({ hosts: z.array(Id), gpu_offers: z.array(Id), source: Source }).optional(),
  clusters: z.array(ClusterTemplate).default([]),
});
export type BuildsData = z.infer<typeof BuildsFile>;

export const catalogFiles = {
  chips: ChipsFile,
  machines: MachinesFile,
  models: ModelsFile,
  quantizations: QuantizationsFile,
  benchmarks: BenchmarksFile,
  builds: BuildsFile,
} as const;
export type CatalogFileName = keyof typeof catalogFiles;
