/** What the user named, resolved against the catalog: a machine id, a model (with quant) or a file size. */
import type { Catalog } from '../catalog/catalog.ts';
import type { Machine } from '../catalog/schema.ts';
import type { ModelRequest, ModelSpec } from '../estimator/index.ts';
import type { Advisor } from './advisor.ts';
import { userError, type Outcome } from './outcome.ts';

export function resolveMachine(catalog: Catalog, id: string): Outcome<Machine> {
  const machine = catalog.machine(id.trim());
  if (machine) return { ok: true, value: machine };
  return userError({ code: 'unknown-machine', typed: id }, suggestMachines(catalog, id));
}

/** A machine the catalog lists as such, not one assembled from parts (a build, an eGPU set-up, a cluster). */
const isAssembled = (id: string) => /^(build|egpu|cluster)-/.test(id);

/**
 * Plausible meanings of a machine id that is not in the catalog: close spellings of the
 * whole; failing that, machines matching most of its words ("framework-desktop-96gb" →
 * the Framework Desktops). Products before builds and set-ups, unless those were asked for.
 */
export function suggestMachines(catalog: Catalog, typed: string, limit = 5): string[] {
  let found = catalog.machineSearch.suggest(typed, 10).map((machine) => machine.id);
  if (found.length === 0) {
    const words = typed
      .toLowerCase()
      .split(/[^a-z0-9.+]+/)
      .filter((word) => word.length >= 2 && !/^\d+(?:gb|tb)?$/.test(word));
    const matched = new Map<string, number>();
    for (const word of words)
      for (const machine of catalog.machineSearch.suggest(word, 25))
        matched.set(machine.id, (matched.get(machine.id) ?? 0) + 1);
    found = [...matched.entries()].sort((a, b) => b[1] - a[1]).map(([machineId]) => machineId);
  }
  const wantsAssembled = /egpu|cluster|build|rpc|\+/i.test(typed);
  const ordered = wantsAssembled
    ? found
    : [...found.filter((machineId) => !isAssembled(machineId)), ...found.filter(isAssembled)];
  return ordered.slice(0, limit);
}

/** Model request as the commands take it: a catalog model (with quant) or a file size. */
export interface ModelQuery {
  model?: string;
  quant?: string;
  modelSizeGb?: number;
  /** A model known by its figures: total and (MoE) active parameters, with its file size. */
  paramsBillions?: number;
  activeParamsBillions?: number;
}

export const defaultQuantization = 'Q4_K_M';

export function resolveModelQuery(advisor: Advisor, query: ModelQuery): Outcome<ModelSpec> {
  let request: ModelRequest;
  const named = query.model !== undefined && query.model.trim() !== '';
  // Both at once is ambiguous: one would be silently ignored.
  if (named && query.modelSizeGb !== undefined)
    return userError({ code: 'model-and-size' }, ['model:', 'model_size_gb:']);
  if (named && query.model !== undefined)
    request = { model: query.model.trim(), quant: query.quant ?? defaultQuantization };
  else if (query.modelSizeGb !== undefined)
    request = {
      sizeGb: query.modelSizeGb,
      ...(query.paramsBillions === undefined ? {} : { paramsBillions: query.paramsBillions }),
      ...(query.activeParamsBillions === undefined ? {} : { activeParamsBillions: query.activeParamsBillions }),
    };
  else if (query.paramsBillions !== undefined) return userError({ code: 'params-without-size' });
  else
    return userError(
      { code: 'no-model' },
      advisor.catalog.models.slice(0, 5).map((model) => model.id),
    );
  const resolved = advisor.estimator.resolveModel(request);
  return resolved.ok ? { ok: true, value: resolved.value } : userError(resolved.problem, resolved.suggestions);
}
