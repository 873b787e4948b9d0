/** data/machines.yaml: the machines one can buy, as configured and priced. */
import { z } from 'zod';
import { Id, Source, nonNegative, positive } from './schema-common.ts';
import { MemoryInterface } from './schema-chips.ts';
import { Availability, Price } from './schema-price.ts';

export const Category = z.enum(['mini-pc', 'laptop', 'desktop', 'workstation', 'server']);
export type Category = z.infer<typeof Category>;

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
