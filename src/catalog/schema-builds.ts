/** data/builds.yaml: GPU and PSU offers, desktop build templates, eGPU links and clusters. */
import { z } from 'zod';
import { Id, Source, nonNegative, positive } from './schema-common.ts';
import { Availability, Price } from './schema-price.ts';

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
