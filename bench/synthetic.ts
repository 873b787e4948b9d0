/**
 * A synthetic catalog as large as the bench asks (10 000 machines, 200 models), built
 * from the real one by varying prices, memory and chips, so every estimate path runs.
 * It is made of copies of the real catalog's machines and configurations; each copy keeps
 * its own relations (a build's base and its one-card-fewer build, an eGPU's host, a
 * cluster's member), so ranking at this size also drops set-ups whose parts add nothing.
 */
import type { CatalogData } from '../src/catalog/catalog.ts';
import type { CatalogMachine, Configuration } from '../src/catalog/derive.ts';
import type { Model } from '../src/catalog/schema.ts';

/** A machine's id and configuration in copy `copy`, pointing at the same copy's machines. */
function inCopy(machine: CatalogMachine, copy: number): Pick<CatalogMachine, 'id'> & { configuration?: Configuration } {
  const suffix = `-c${copy}`;
  const configuration = machine.configuration;
  if (configuration?.kind === 'build') {
    // Build ids are made from the template's id (advisor.ts finds the one-card-fewer build so).
    const template = `${configuration.template}${suffix}`;
    return {
      id: machine.id.replace(`build-${configuration.template}-`, `build-${template}-`),
      configuration: { ...configuration, template, base: `${configuration.base}${suffix}` },
    };
  }
  if (configuration?.kind === 'egpu')
    return {
      id: `${machine.id}${suffix}`,
      configuration: { ...configuration, host: `${configuration.host}${suffix}` },
    };
  if (configuration?.kind === 'cluster')
    return {
      id: `${machine.id}${suffix}`,
      configuration: { ...configuration, member: `${configuration.member}${suffix}` },
    };
  return { id: `${machine.id}${suffix}` };
}

export function syntheticCatalogData(base: CatalogData, machineCount: number, modelCount: number): CatalogData {
  const machines: CatalogMachine[] = [];
  const baseMachines: readonly CatalogMachine[] = base.machines;
  for (let index = 0; index < machineCount; index += 1) {
    const template = baseMachines[index % baseMachines.length];
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
      ...inCopy(template, Math.floor(index / baseMachines.length)),
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
