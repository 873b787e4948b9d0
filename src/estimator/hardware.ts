/**
 * The hardware as the estimator sees it: memory pools with their bandwidth, and the
 * engines that can run a model from them. Built from a catalog machine, or from a
 * chip alone (a benchmark that names only a GPU card).
 */
import type { Catalog } from '../catalog/catalog.ts';
import type { CatalogMachine } from '../catalog/derive.ts';
import type { Backend, Chip, ComputeEngine, VulkanMatrix } from '../catalog/schema.ts';
import type { EstimateNote } from './notes.ts';

export interface CpuEngine {
  name: string;
  fp16Tflops: number;
  /** What the cores can read: the memory interface, or less where the fabric limits them. */
  bandwidthGbps: number;
  /**
   * Threads llama.cpp runs on by default (one per physical core): every graph node of
   * every layer ends in a barrier all of them cross, a cost that grows with their number.
   */
  threads: number;
}

export interface IntegratedGpu {
  name: string;
  fp16Tflops: number;
  backends: Backend[];
  bandwidthGbps: number;
  /** How much of the shared memory the GPU may hold. */
  addressableGb: number;
}

export interface DiscreteGpu {
  chipId: string;
  name: string;
  fp16Tflops: number;
  backends: Backend[];
  vramGb: number;
  bandwidthGbps: number;
  /** Host link, GB/s one way: matters for offloaded layers and loading. */
  linkGbps: number;
  /** The matrix path llama.cpp's Vulkan backend uses on this card; none when the catalog does not say. */
  vulkanMatrix?: VulkanMatrix;
  /** Dense INT8 TOPS, where the catalog has it: CUDA's quantized matmuls (MMQ) run on INT8. */
  int8Tops?: number;
}

export interface HardwareProfile {
  id: string;
  name: string;
  systemMemoryGb: number;
  systemBandwidthGbps: number;
  unifiedMemory: boolean;
  cpu: CpuEngine;
  igpu?: IntegratedGpu;
  /** One entry per card. */
  dgpus: DiscreteGpu[];
  /** Engines common runtimes cannot use for LLMs, named so answers can say so. */
  unusedEngines: EstimateNote[];
  assumptions: EstimateNote[];
  /** Identical machines joined by a network (llama.cpp RPC); memory figures above are their sum. */
  nodes: number;
  interconnect?: { linkGigabytesPerSecond: number; hopLatencySeconds: number };
}

/** PCIe GB/s per lane, one way, by generation (after 128b/130b encoding). */
const pcieGbpsPerLane: Record<number, number> = { 3: 0.985, 4: 1.969, 5: 3.938, 6: 7.563 };

/** Without a stated share, a unified-memory GPU is assumed to address this much of RAM. */
export const defaultAddressableShare = 0.75;

function engineOf(chip: Chip, kind: ComputeEngine['kind']): ComputeEngine | undefined {
  return chip.engines.find((engine) => engine.kind === kind);
}

/** Physical cores assumed for a host CPU the catalog does not describe (a desktop 8-core). */
export const defaultCpuThreads = 8;

function cpuEngine(chip: Chip | undefined, interfaceBandwidthGbps: number): CpuEngine {
  const engine = chip ? engineOf(chip, 'cpu') : undefined;
  const fabricLimit = chip?.cpu?.read_bandwidth_gbps;
  return {
    name: engine?.name ?? chip?.name ?? 'host CPU',
    fp16Tflops: engine?.fp16_tflops ?? 1,
    threads: chip?.cpu?.cores ?? defaultCpuThreads,
    bandwidthGbps: fabricLimit === undefined ? interfaceBandwidthGbps : Math.min(fabricLimit, interfaceBandwidthGbps),
  };
}

function npuNames(chip: Chip | undefined): EstimateNote[] {
  return (chip?.engines ?? [])
    .filter((engine) => engine.backends.length === 0)
    .map((engine) => ({ code: 'engine-unused', engineName: engine.name, engineKind: engine.kind }));
}

function discreteGpus(
  catalog: Catalog,
  gpus: readonly { chip: string; count: number }[],
  linkGbps: number,
): DiscreteGpu[] {
  return gpus.flatMap(({ chip: chipId, count }) => {
    const chip = catalog.chip(chipId);
    const engine = chip ? engineOf(chip, 'dgpu') : undefined;
    if (!chip || !engine) return [];
    const card: DiscreteGpu = {
      chipId,
      name: chip.name,
      fp16Tflops: engine.fp16_tflops,
      backends: engine.backends,
      vramGb: chip.memory.vram_gb ?? 0,
      bandwidthGbps: chip.memory.bandwidth_gbps,
      linkGbps,
      vulkanMatrix: engine.vulkan_matrix?.path ?? 'none',
      int8Tops: engine.int8_tops,
    };
    return Array.from({ length: count }, () => card);
  });
}

/** How fast each GPU reaches the host: the build's lanes, the eGPU's link, or the board's best slot. */
function gpuLinkGbps(machine: CatalogMachine): number {
  const configuration = machine.configuration;
  if (configuration?.kind === 'egpu') return configuration.linkGbps;
  if (configuration?.kind === 'build')
    return (pcieGbpsPerLane[configuration.pcieGen] ?? 1.969) * configuration.lanesPerGpu;
  const nodes = configuration?.kind === 'cluster' ? configuration.nodes : 1;
  const gpuCount = machine.gpus.reduce((total, gpu) => total + gpu.count, 0) / nodes;
  const fastestSlot = [...machine.expansion.pcie_slots].sort((a, b) => b.gen * b.lanes - a.gen * a.lanes)[0];
  // Two cards on a desktop board share the x16 as x8/x8 (the survey's "1 x16 or 2 x8").
  const lanes = fastestSlot ? Math.max(4, Math.floor(fastestSlot.lanes / Math.max(1, gpuCount))) : 16;
  return (pcieGbpsPerLane[fastestSlot?.gen ?? 4] ?? 1.969) * lanes;
}

export function profileFromMachine(catalog: Catalog, machine: CatalogMachine): HardwareProfile {
  const chip = catalog.chip(machine.chip);
  const assumptions: EstimateNote[] = [];
  const linkGbps = gpuLinkGbps(machine);
  const cluster = machine.configuration?.kind === 'cluster' ? machine.configuration : undefined;

  // Only a SoC's iGPU runs models: a desktop CPU's small display iGPU has neither the
  // compute nor a memory carve-out worth using.
  const igpuEngine = chip?.kind === 'soc' ? engineOf(chip, 'igpu') : undefined;
  let igpu: IntegratedGpu | undefined;
  if (igpuEngine && igpuEngine.backends.length > 0) {
    let addressableGb = machine.memory.gpu_addressable_gb;
    if (addressableGb === undefined) {
      addressableGb = machine.memory.capacity_gb * defaultAddressableShare;
      assumptions.push({ code: 'igpu-share-assumed', addressableShare: defaultAddressableShare });
    }
    igpu = {
      name: igpuEngine.name,
      fp16Tflops: igpuEngine.fp16_tflops,
      backends: igpuEngine.backends,
      bandwidthGbps: machine.memory.bandwidth_gbps,
      addressableGb,
    };
  }
  return {
    id: machine.id,
    name: machine.name,
    systemMemoryGb: machine.memory.capacity_gb,
    systemBandwidthGbps: machine.memory.bandwidth_gbps,
    unifiedMemory: chip?.kind === 'soc',
    cpu: cpuEngine(chip, machine.memory.bandwidth_gbps),
    ...(igpu ? { igpu } : {}),
    dgpus: discreteGpus(catalog, machine.gpus, linkGbps),
    unusedEngines: npuNames(chip),
    assumptions,
    nodes: cluster?.nodes ?? 1,
    ...(cluster
      ? {
          interconnect: {
            linkGigabytesPerSecond: cluster.linkGbitPerSecond / 8,
            hopLatencySeconds: cluster.hopLatencyMs / 1000,
          },
        }
      : {}),
  };
}

/**
 * A chip measured on its own: a GPU card (on a host that does not matter while the model
 * fits in VRAM), or a CPU/SoC at its fastest memory and largest capacity.
 */
export function profileFromChip(catalog: Catalog, chip: Chip, count = 1): HardwareProfile {
  if (chip.kind === 'gpu') {
    const host = { systemMemoryGb: 128, pcieGen: 4, pcieLanes: 16 };
    return {
      id: chip.id,
      name: count > 1 ? `${count}× ${chip.name}` : chip.name,
      systemMemoryGb: host.systemMemoryGb,
      systemBandwidthGbps: 80,
      unifiedMemory: false,
      cpu: { name: 'unspecified host CPU', fp16Tflops: 2, bandwidthGbps: 80, threads: defaultCpuThreads },
      dgpus: discreteGpus(
        catalog,
        [{ chip: chip.id, count }],
        (pcieGbpsPerLane[host.pcieGen] ?? 1.969) * host.pcieLanes,
      ),
      unusedEngines: [],
      assumptions: [{ code: 'benchmark-host-assumed', ...host }],
      nodes: 1,
    };
  }
  const capacity = chip.memory.max_capacity_gb ?? 64;
  const igpuEngine = chip.kind === 'soc' ? engineOf(chip, 'igpu') : undefined;
  return {
    id: chip.id,
    name: chip.name,
    systemMemoryGb: capacity,
    systemBandwidthGbps: chip.memory.bandwidth_gbps,
    unifiedMemory: chip.kind === 'soc',
    cpu: cpuEngine(chip, chip.memory.bandwidth_gbps),
    ...(igpuEngine && igpuEngine.backends.length > 0
      ? {
          igpu: {
            name: igpuEngine.name,
            fp16Tflops: igpuEngine.fp16_tflops,
            backends: igpuEngine.backends,
            bandwidthGbps: chip.memory.bandwidth_gbps,
            addressableGb: capacity * defaultAddressableShare,
          },
        }
      : {}),
    dgpus: [],
    unusedEngines: npuNames(chip),
    assumptions: [{ code: 'chip-memory-assumed', capacityGb: capacity }],
    nodes: 1,
  };
}
