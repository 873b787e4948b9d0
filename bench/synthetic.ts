/**
 * A synthetic catalog as large as the bench asks (10 000 machines, 200 models), built
 * from the real one by varying prices, memory and chips, so every estimate path runs.
 */
import type { CatalogData } from '../src/catalog/catalog.ts';
import type { Machine, Model } from '../src/catalog/schema.ts';

export function syntheticCatalogData(base: CatalogData, machineCount: number, modelCount: number): CatalogData {
  const machines: Machine[] = [];
  for (let index = 0; index < machineCount; index += 1) {
    const template = base.machines[index % base.machines.length];
    if (!template) break;
    const scale = 0.6 + ((index * 7919) % 1000) / 1000; // deterministic spread of prices
    // Memory size and speed vary too, so that the catalog has ~170 distinct hardware
    // configurations rather than 28: shared estimates must not flatter the bench.
    const capacityScale = [1, 0.5, 2][Math.floor(index / base.machines.length) % 3] ?? 1;
    const rateScale = [1, 0.9][Math.floor(index / (3 * base.machines.length)) % 2] ?? 1;
    machines.push({
      ...template,
      memory: {
        ...template.memory,
        capacity_gb: template.memory.capacity_gb * capacityScale,
        transfer_rate_mts: template.memory.transfer_rate_mts * rateScale,
        bandwidth_gbps: template.memory.bandwidth_gbps * rateScale,
        ...(template.memory.gpu_addressable_gb === undefined
          ? {}
          : { gpu_addressable_gb: template.memory.gpu_addressable_gb * capacityScale }),
      },
      id: `${template.id}-v${index}`,
      name: `${template.name} variant ${index}`,
      price: { ...template.price, amount: Math.round(template.price.amount * scale), parts: undefined },
    });
  }
  const models: Model[] = [];
  for (let index = 0; index < modelCount; index += 1) {
    const template = base.models[index % base.models.length];
    if (!template) break;
    const scale = 0.5 + (index % 20) / 10;
    models.push({
      ...template,
      id: `${template.id}-v${index}`,
      name: `${template.name} variant ${index}`,
      params_b: template.params_b * scale,
      active_params_b: template.active_params_b * scale,
    });
  }
  return { ...base, machines, models };
}
