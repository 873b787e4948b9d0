/**
 * The estimator as the rest of the code uses it: built once per catalog (the
 * calibration is fitted at load), then pure lookups and arithmetic per request.
 */
import type { Catalog } from '../catalog/catalog.ts';
import type { Benchmark, Machine } from '../catalog/schema.ts';
import { calibrate, type Calibration } from './calibration.ts';
import { assess, estimate, fits, memoryCeilingGb, type Assessment, type Estimate, type Workload } from './estimate.ts';
import { profileFromMachine, type HardwareProfile } from './hardware.ts';
import { specFromCatalog, specFromSize, type ModelSpec } from './model-spec.ts';
import { catalogObservations, setupForBenchmark } from './observations.ts';
import { memoryNeed, type PlacementKind } from './placement.ts';

export type ModelRequest =
  { model: string; quant: string } | { sizeGb: number; paramsBillions?: number; activeParamsBillions?: number };

/** Why a model request names no model, as a code and its figures (src/format/user-errors.ts words it). */
export type ModelProblem =
  | { code: 'unknown-model'; typed: string }
  | { code: 'unknown-quantization'; typed: string }
  | { code: 'model-size-range'; maxGb: number }
  | { code: 'active-over-total'; activeParamsBillions: number; paramsBillions: number }
  | {
      code: 'bits-per-weight-range';
      sizeGb: number;
      paramsBillions: number;
      bitsPerWeight: number;
      minBits: number;
      maxBits: number;
    };

export type Resolved<T> = { ok: true; value: T } | { ok: false; problem: ModelProblem; suggestions: string[] };

/** A model file holds 1 to 33 bits per parameter (IQ1_S is ~2, F32 32); the largest file size taken, GB. */
const bitsPerWeightRange = { min: 1, max: 33 } as const;
const maxModelSizeGb = 2000;

export interface Estimator {
  calibration: Calibration;
  /** Machines with equal keys get equal estimates: same chip, GPUs, memory and bandwidth. */
  hardwareKey(profile: HardwareProfile): string;
  /** The most memory any placement on this hardware can give a model, GB. */
  memoryCeilingGb(profile: HardwareProfile): number;
  /** What a model needs at a context, GB, without placing it. */
  memoryNeededGb(spec: ModelSpec, contextTokens: number): number;
  resolveModel(request: ModelRequest): Resolved<ModelSpec>;
  profile(machine: Machine): HardwareProfile;
  estimate(profile: HardwareProfile, spec: ModelSpec, workload: Workload): Estimate;
  /** Fit and speeds only, the same figures as `estimate`, for ranking many machines. */
  assess(profile: HardwareProfile, spec: ModelSpec, workload: Workload): Assessment;
  /** Whether the model fits at all: `assess(...).fits` without timing any placement. */
  fits(profile: HardwareProfile, spec: ModelSpec, workload: Workload): boolean;
  /**
   * A published run re-estimated at its own conditions (its hardware, file, backend, depth and
   * lengths), and where it ran: what an answer needs to set a measurement beside its estimate.
   */
  estimateBenchmark(benchmark: Benchmark): { placementKind: PlacementKind; estimate: Estimate } | undefined;
}

/**
 * Why figures typed for a model cannot describe one, or undefined: more active than total
 * parameters, or a file size that is not 1 to 33 bits per parameter (IQ1_S is ~2, F32 32).
 */
function checkFigures(
  sizeGb: number,
  paramsBillions?: number,
  activeParamsBillions?: number,
): ModelProblem | undefined {
  if (paramsBillions !== undefined && activeParamsBillions !== undefined && activeParamsBillions > paramsBillions)
    return { code: 'active-over-total', activeParamsBillions, paramsBillions };
  if (paramsBillions === undefined) return undefined;
  const bitsPerWeight = (sizeGb * 8) / paramsBillions;
  if (bitsPerWeight < bitsPerWeightRange.min || bitsPerWeight > bitsPerWeightRange.max)
    return {
      code: 'bits-per-weight-range',
      sizeGb,
      paramsBillions,
      bitsPerWeight,
      minBits: bitsPerWeightRange.min,
      maxBits: bitsPerWeightRange.max,
    };
  return undefined;
}

/**
 * `calibration`, when given, must be what `calibrateCatalog(catalog)` gives for this very
 * catalog and code: a one-shot answer reads it from the catalog cache instead of fitting it.
 */
export function createEstimator(catalog: Catalog, calibration: Calibration = calibrateCatalog(catalog)): Estimator {
  const profiles = new Map<string, HardwareProfile>();
  const benchmarkRuns = new Map<string, { placementKind: PlacementKind; estimate: Estimate } | undefined>();
  return {
    calibration,
    hardwareKey({ id, name, ...hardware }) {
      return JSON.stringify(hardware);
    },
    memoryCeilingGb,
    memoryNeededGb: (spec, contextTokens) => memoryNeed(spec, contextTokens).totalGb,
    resolveModel(request) {
      if ('sizeGb' in request) {
        if (!(request.sizeGb > 0 && request.sizeGb <= maxModelSizeGb))
          return { ok: false, problem: { code: 'model-size-range', maxGb: maxModelSizeGb }, suggestions: [] };
        const problem = checkFigures(request.sizeGb, request.paramsBillions, request.activeParamsBillions);
        if (problem) return { ok: false, problem, suggestions: [] };
        return { ok: true, value: specFromSize(request.sizeGb, request.paramsBillions, request.activeParamsBillions) };
      }
      const model = catalog.model(request.model);
      if (!model) {
        return {
          ok: false,
          problem: { code: 'unknown-model', typed: request.model },
          suggestions: catalog.modelSearch.suggest(request.model).map((found) => found.id),
        };
      }
      const quantization = catalog.quantization(request.quant);
      if (!quantization) {
        return {
          ok: false,
          problem: { code: 'unknown-quantization', typed: request.quant },
          suggestions: catalog.quantizationSearch.suggest(request.quant).map((found) => found.id),
        };
      }
      return { ok: true, value: specFromCatalog(model, quantization) };
    },
    profile(machine) {
      const cached = profiles.get(machine.id);
      if (cached) return cached;
      const built = profileFromMachine(catalog, machine);
      profiles.set(machine.id, built);
      return built;
    },
    estimate: (profile, spec, workload) => estimate(profile, spec, workload, calibration),
    assess: (profile, spec, workload) => assess(profile, spec, workload, calibration),
    fits,
    estimateBenchmark(benchmark) {
      if (benchmarkRuns.has(benchmark.id)) return benchmarkRuns.get(benchmark.id);
      const setup = setupForBenchmark(catalog, benchmark);
      const run = setup && {
        placementKind: setup.placement.kind,
        estimate: estimate(
          setup.profile,
          setup.spec,
          {
            contextTokens: benchmark.depth_tokens + Math.max(benchmark.pp_tokens, benchmark.tg_tokens),
            promptTokens: benchmark.pp_tokens,
            depthTokens: benchmark.depth_tokens,
            generatedTokens: benchmark.tg_tokens,
            engine: benchmark.engine === 'cpu' ? 'cpu' : 'gpu',
            backend: benchmark.backend,
          },
          calibration,
        ),
      };
      benchmarkRuns.set(benchmark.id, run);
      return run;
    },
  };
}

/** The efficiencies fitted on the catalog's published measurements (the slow part of creating an estimator). */
export function calibrateCatalog(catalog: Catalog): Calibration {
  return calibrate(catalogObservations(catalog).observations);
}

export {
  backendChoices,
  defaultWorkload,
  maxUsers,
  type Assessment,
  type BackendChoice,
  type Estimate,
  type EstimateShortfall,
  type ThinEvidence,
  type RunSetup,
  type Workload,
  type SpeedEstimate,
} from './estimate.ts';
export { KvCacheTypes, type KvCacheType, type ModelSpec } from './model-spec.ts';
export type { HardwareProfile } from './hardware.ts';
export type { Calibration } from './calibration.ts';
export type { EstimateNote, EstimateNoteCode, TokenReads } from './notes.ts';
