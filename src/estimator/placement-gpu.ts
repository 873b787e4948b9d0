/** Placements on discrete GPUs: all in VRAM, spilling layers to RAM, routed experts in RAM, or spilling onto an iGPU. */
import type { Backend } from '../catalog/schema.ts';
import type { DiscreteGpu } from './hardware.ts';
import { cardUsableGb, decimalGb } from './placement-memory.ts';
import {
  engineClassOf,
  expertHandoffSecondsPerLayer,
  expertNodeShare,
  placementOf,
  stageOf,
  withShare,
  type Placement,
  type PlacementContext,
  type Stage,
} from './placement-parts.ts';

export function discreteGpuPlacements(
  context: PlacementContext,
  wantsBackend: (backend: Backend) => boolean,
): Placement[] {
  const { profile, need, usableGb, cpuStage } = context;
  if (profile.dgpus.length === 0) return [];
  const shared = profile.dgpus.reduce<Backend[]>(
    (common, card) => common.filter((backend) => card.backends.includes(backend)),
    profile.dgpus[0]?.backends ?? [],
  );
  const usable = profile.dgpus.map(cardUsableGb);
  const vramGb = usable.reduce((total, gb) => total + gb, 0);
  const multi = profile.dgpus.length > 1;
  const placements: Placement[] = [];
  for (const backend of shared.filter(wantsBackend)) {
    const gpuStages = profile.dgpus.map((card, index): Stage =>
      stageOf({
        engine: 'dgpu',
        engineClass:
          backend === 'vulkan' && card.vulkanMatrix === 'nv-coopmat2'
            ? 'dgpu-vulkan-coopmat2'
            : engineClassOf('dgpu', backend),
        device: card.name,
        share: (usable[index] ?? 0) / vramGb,
        bandwidthGbps: card.bandwidthGbps,
        computeTflops: promptPeakTflops(card, backend),
        syncThreads: 1,
      }),
    );
    if (need.totalGb <= vramGb) {
      placements.push(
        placementOf(context, {
          kind: multi ? 'multi-gpu' : 'gpu',
          backend,
          stages: gpuStages,
          availableGb: vramGb,
          fits: true,
          llamaCppFlags: ['-ngl 99'],
        }),
      );
      continue;
    }
    const offloadLinkGbps = Math.min(...profile.dgpus.map((card) => card.linkGbps));
    // Layers that do not fit in VRAM stay in system RAM and run on the CPU.
    const gpuWeightsGb = Math.max(0, vramGb - need.kvCacheGb - need.buffersGb);
    const gpuShare = Math.min(1, gpuWeightsGb / need.weightsGb);
    const fits = need.totalGb <= vramGb + usableGb;
    const gpuLayers = Math.floor(gpuShare * need.layers);
    placements.push(
      placementOf(context, {
        kind: 'gpu+cpu',
        backend,
        stages: [...gpuStages.map((stage) => withShare(stage, stage.share * gpuShare)), cpuStage(1 - gpuShare)],
        offloadLinkGbps,
        availableGb: vramGb + usableGb,
        fits,
        llamaCppFlags: [`-ngl ${gpuLayers}`],
        shortfall: fits
          ? { code: 'spills-to-ram', neededGb: need.totalGb, vramGb, ramShare: 1 - gpuShare }
          : { code: 'exceeds-vram-and-ram', neededGb: need.totalGb, vramGb, usableRamGb: usableGb },
      }),
    );
    const hybrid = expertOffloadPlacement(
      context,
      backend,
      gpuStages,
      gpuWeightsGb,
      offloadLinkGbps,
      vramGb + usableGb,
    );
    if (hybrid) placements.push(hybrid);
    // One per iGPU backend: the iGPU runs what its owner would run on it (ROCm or Vulkan), not what the eGPU runs.
    for (const igpuBackend of profile.igpu?.backends ?? []) {
      const igpuSpill = igpuSpillPlacement(context, backend, igpuBackend, gpuStages, gpuShare, vramGb);
      if (igpuSpill) placements.push(igpuSpill);
    }
  }
  return placements;
}

/**
 * An MoE too big for VRAM: attention, shared experts and dense layers on the GPU(s) with
 * the KV cache, the routed experts of as many layers as needed in RAM on the CPU
 * (llama.cpp --n-cpu-moe N; -ot exps=CPU for all of them). A token reads only k of E experts,
 * so the CPU's share of the reads is small even when it holds most of the weights.
 */
function expertOffloadPlacement(
  context: PlacementContext,
  backend: Backend,
  gpuStages: Stage[],
  gpuWeightsGb: number,
  offloadLinkGbps: number,
  availableGb: number,
): Placement | undefined {
  const { need, usableGb, cpuStage } = context;
  const routed = need.routedExperts;
  if (!routed) return undefined;
  const alwaysReadGb = need.weightsGb - routed.weightsGb;
  if (alwaysReadGb > gpuWeightsGb) return undefined; // not even the dense part fits: plain spill is all there is
  // Experts go to RAM by whole layers: the first N layers' experts, as llama.cpp's --n-cpu-moe does.
  const expertLayersOnGpu = Math.floor(
    (Math.min(routed.weightsGb, gpuWeightsGb - alwaysReadGb) / routed.weightsGb) * need.layers,
  );
  const cpuExpertLayers = need.layers - expertLayersOnGpu;
  const cpuExpertShare = cpuExpertLayers / need.layers;
  const ramGb = cpuExpertShare * routed.weightsGb;
  const fits = ramGb <= usableGb;
  const gpuWeightShare = 1 - ramGb / need.weightsGb;
  const cpuActiveShare = routed.activeShare * cpuExpertShare;
  return placementOf(context, {
    kind: 'gpu+cpu-experts',
    backend,
    stages: [
      ...gpuStages.map((stage) =>
        withShare(stage, stage.share * gpuWeightShare, {
          activeShare: stage.share * (1 - cpuActiveShare),
          kvShare: stage.share,
          layerShare: stage.share,
        }),
      ),
      cpuStage(ramGb / need.weightsGb, {
        activeShare: cpuActiveShare,
        kvShare: 0,
        layerShare: cpuExpertShare * expertNodeShare,
      }),
    ],
    offloadLinkGbps,
    handoffSeconds: cpuExpertLayers * expertHandoffSecondsPerLayer,
    availableGb,
    fits,
    llamaCppFlags: ['-ngl 99', cpuExpertLayers >= need.layers ? '-ot exps=CPU' : `--n-cpu-moe ${cpuExpertLayers}`],
    shortfall: fits
      ? { code: 'experts-in-ram', neededGb: need.totalGb, cpuExpertLayers, layers: need.layers, ramGb }
      : { code: 'experts-exceed-ram', ramGb, usableRamGb: usableGb },
  });
}

/**
 * An eGPU on a unified-memory machine: the layers that do not fit in VRAM run on the iGPU, on
 * its own backend. Two backends in one process need a llama.cpp build with both loaded
 * (GGML_BACKEND_DL, e.g. CUDA + HIP) or an RPC server for the iGPU; one backend needs neither.
 */
function igpuSpillPlacement(
  context: PlacementContext,
  backend: Backend,
  igpuBackend: Backend,
  gpuStages: Stage[],
  gpuShare: number,
  vramGb: number,
): Placement | undefined {
  const { profile, need, usableGb } = context;
  const igpu = profile.igpu;
  if (!igpu) return undefined;
  const restGb = (1 - gpuShare) * need.weightsGb;
  const addressableGb = decimalGb(igpu.addressableGb);
  const fits = restGb <= addressableGb && need.totalGb <= vramGb + usableGb;
  return placementOf(context, {
    kind: 'gpu+igpu',
    backend,
    stages: [
      ...gpuStages.map((stage) => withShare(stage, stage.share * gpuShare)),
      stageOf({
        engine: 'igpu',
        engineClass: engineClassOf('igpu', igpuBackend),
        device: igpu.name,
        share: 1 - gpuShare,
        bandwidthGbps: igpu.bandwidthGbps,
        computeTflops: igpu.fp16Tflops,
        syncThreads: 1,
      }),
    ],
    availableGb: vramGb + Math.min(addressableGb, usableGb),
    fits,
    llamaCppFlags: [
      '-ngl 99',
      `--device ${deviceName(backend, 0)},${deviceName(igpuBackend, igpuBackend === backend ? 1 : 0)}`,
      `--tensor-split ${Math.round(gpuShare * 100)},${Math.round((1 - gpuShare) * 100)}`,
    ],
    shortfall: fits
      ? { code: 'spills-to-igpu', neededGb: need.totalGb, vramGb, igpuShare: 1 - gpuShare, igpuBackend, backend }
      : { code: 'exceeds-vram-and-igpu', neededGb: need.totalGb, vramGb },
  });
}

/** llama.cpp's device names (--list-devices): CUDA0, ROCm0, Vulkan1, ... */
function deviceName(backend: Backend, index: number): string {
  const names: Partial<Record<Backend, string>> = {
    cuda: 'CUDA',
    rocm: 'ROCm',
    vulkan: 'Vulkan',
    metal: 'Metal',
    sycl: 'SYCL',
  };
  return `${names[backend] ?? backend.toUpperCase()}${index}`;
}

/**
 * The peak a card's prompt matmuls run at on this backend. CUDA multiplies quantized weights
 * with INT8 kernels (MMQ: tensor-core mma from Turing on, DP4A on Pascal), so its peak is the INT8
 * rate; a Tesla P40 has 47 INT8 TOPS by DP4A against 11.8 FP32 TFLOPS, where an RTX card's INT8 is
 * twice its FP16 tensor rate. Other backends dequantize to FP16 first: the FP16 rate.
 */
function promptPeakTflops(card: Pick<DiscreteGpu, 'fp16Tflops' | 'int8Tops'>, backend: Backend): number {
  return backend === 'cuda' && card.int8Tops !== undefined ? card.int8Tops : card.fp16Tflops;
}
