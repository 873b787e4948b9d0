/** Why a placement does not fit, or what it gives up to fit, in words (the data is PlacementShortfall). */
import type { PlacementShortfall } from '../estimator/placement.ts';

/** GB as the estimator's reasons have always said it: whole from 100 GB, else one decimal, no grouping. */
export function plainGb(gb: number): string {
  return `${gb >= 100 ? Math.round(gb) : Math.round(gb * 10) / 10} GB`;
}

const percent = (share: number): string => `${Math.round(share * 100)} %`;

export function placementShortfallText(shortfall: PlacementShortfall): string {
  switch (shortfall.code) {
    case 'spills-to-ram':
      return `${plainGb(shortfall.neededGb)} needed but ${plainGb(shortfall.vramGb)} of VRAM: ${percent(shortfall.ramShare)} of the weights stay in system RAM on the CPU`;
    case 'exceeds-vram-and-ram':
      return `needs ${plainGb(shortfall.neededGb)}, more than ${plainGb(shortfall.vramGb)} of VRAM plus ${plainGb(shortfall.usableRamGb)} of usable RAM`;
    case 'experts-in-ram':
      return `${plainGb(shortfall.neededGb)} needed, more than the VRAM holds: the routed experts of ${shortfall.cpuExpertLayers} of ${shortfall.layers} layers (${plainGb(shortfall.ramGb)}) stay in system RAM on the CPU; attention, shared weights and the KV cache stay on the GPU`;
    case 'experts-exceed-ram':
      return `the routed experts left for RAM (${plainGb(shortfall.ramGb)}) exceed the ${plainGb(shortfall.usableRamGb)} of usable RAM`;
    case 'spills-to-igpu': {
      const { igpuBackend, backend } = shortfall;
      const how =
        igpuBackend === backend
          ? ''
          : `, beside ${backend} on the eGPU: a llama.cpp build with both backends, or the iGPU behind llama.cpp RPC`;
      return `${plainGb(shortfall.neededGb)} needed but ${plainGb(shortfall.vramGb)} of VRAM: ${percent(shortfall.igpuShare)} of the weights run on the iGPU from unified memory (${igpuBackend}${how})`;
    }
    case 'exceeds-vram-and-igpu':
      return `needs ${plainGb(shortfall.neededGb)}, more than ${plainGb(shortfall.vramGb)} of VRAM plus what the iGPU addresses`;
    case 'igpu-spills-to-cpu':
      return `${plainGb(shortfall.neededGb)} needed but the GPU addresses ${plainGb(shortfall.addressableGb)}: ${percent(shortfall.cpuShare)} of the weights run on the CPU`;
    case 'exceeds-unified-memory':
      return `needs ${plainGb(shortfall.neededGb)}, more than the ${plainGb(shortfall.usableGb)} of usable memory (${plainGb(shortfall.installedGb)} installed)`;
    case 'exceeds-ram':
      return `needs ${plainGb(shortfall.neededGb)}, more than the ${plainGb(shortfall.usableGb)} of usable RAM (${plainGb(shortfall.installedGb)} installed)`;
  }
}
