/** Where a model runs, in words: a label for tables and charts, a phrase for sentences. */
import type { Backend, RunnableEngineKind } from '../catalog/schema.ts';
import type { EngineClass, PlacementKind } from '../estimator/placement.ts';

/** Table and chart labels: "iGPU (unified)", "GPU + RAM spill". */
export const placementLabel: Readonly<Record<PlacementKind, string>> = {
  gpu: 'GPU',
  'multi-gpu': 'multi-GPU',
  'unified-gpu': 'iGPU (unified)',
  'gpu+igpu': 'eGPU + iGPU',
  'gpu+cpu': 'GPU + RAM spill',
  'gpu+cpu-experts': 'GPU + experts in RAM',
  cpu: 'CPU only',
};

/** Short phrases for a line of prose, no chip internals: "on the integrated GPU (unified memory)". */
export const placementPhrase: Readonly<Record<PlacementKind, string>> = {
  gpu: 'all on the GPU',
  'multi-gpu': 'split across the GPUs',
  'unified-gpu': 'on the integrated GPU (unified memory)',
  'gpu+igpu': 'split between the eGPU and the integrated GPU',
  'gpu+cpu': 'on the GPU, spilling to system RAM',
  'gpu+cpu-experts': 'on the GPU, routed experts in system RAM',
  cpu: 'on the CPU only',
};

const engineKindWords: Readonly<Record<RunnableEngineKind, string>> = {
  cpu: 'CPUs',
  igpu: 'integrated GPUs',
  dgpu: 'GPUs',
};
const backendNames: Readonly<Record<Backend, string>> = {
  cpu: 'CPU',
  cuda: 'CUDA',
  rocm: 'ROCm',
  vulkan: 'Vulkan',
  metal: 'Metal',
  sycl: 'SYCL',
};

/** A calibration class as a reader says it: "cpu-cpu" → "CPUs", "igpu-vulkan" → "integrated GPUs with Vulkan". */
export function engineClassWords(engineClass: EngineClass): string {
  const [kind, backend, matrixPath] = engineClass.split('-') as [RunnableEngineKind, Backend, string | undefined];
  if (matrixPath === 'coopmat2') return `${engineKindWords[kind]} with Vulkan (NVIDIA coopmat2)`;
  return backend === 'cpu' ? engineKindWords[kind] : `${engineKindWords[kind]} with ${backendNames[backend]}`;
}

/** The long sentences of an estimate's placement: "all on the GPU (RTX 3090, cuda)". */
const placementSentence: Readonly<Record<PlacementKind, string>> = {
  gpu: 'all on the GPU',
  'multi-gpu': 'split by layers across the GPUs',
  'unified-gpu': 'on the integrated GPU, in the GPU-addressable share of unified memory',
  'gpu+igpu': 'split by layers between the external GPU and the integrated GPU',
  'gpu+cpu': 'partly on the GPU, the rest in system RAM on the CPU',
  'gpu+cpu-experts': 'attention, shared weights and KV cache on the GPU, routed experts in system RAM on the CPU',
  cpu: 'on the CPU only',
};

/**
 * Where an estimate runs, with its devices and backend; with `auto`, the backends it was
 * faster than (an AMD buyer sees ROCm against Vulkan); a cluster's nodes.
 */
export function placementDescription(placement: {
  kind: PlacementKind;
  devices: readonly string[];
  backend: Backend;
  passedOver: readonly Backend[];
  nodes: number;
}): string {
  const { kind, devices, backend, passedOver, nodes } = placement;
  const chosen = passedOver.length > 0 ? `${backend}, faster here than ${passedOver.join(' and ')}` : backend;
  const split = nodes > 1 ? `, layers split over ${nodes} nodes` : '';
  return `${placementSentence[kind]} (${devices.join(' + ')}, ${chosen}${split})`;
}

/** Why a machine has no placement at all. */
export function noEngineText(machineName: string, backend: Backend | undefined): string {
  return backend
    ? `no engine of ${machineName} runs the ${backend} backend`
    : `no engine of ${machineName} can run it as asked`;
}
