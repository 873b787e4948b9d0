/** Shared pieces of the advisor's use cases: prices in EUR, measurements, workloads, user errors. */
import type { Catalog } from '../catalog/catalog.ts';
import type { CatalogMachine } from '../catalog/derive.ts';
import { ownershipCostEur, runningCost, type CostSettings, type RunningCost } from './running-cost.ts';
import type { Availability, Benchmark, Category, Machine, PriceMarket } from '../catalog/schema.ts';
import { isOldPrice, priceWords } from '../catalog/price.ts';
import type {
  BackendChoice,
  Estimate,
  Estimator,
  HardwareProfile,
  KvCacheType,
  ModelRequest,
  ModelSpec,
  Workload,
} from '../estimator/index.ts';
import { backendChoices, defaultWorkload, KvCacheTypes, maxUsers } from '../estimator/index.ts';
import { LruMap } from '../lru-map.ts';

/** A mistake in what the user asked: shown to them, never thrown. */
export interface UserError {
  message: string;
  /** Close matches or allowed values. */
  suggestions: string[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: UserError };

export const userError = (message: string, suggestions: string[] = []): { ok: false; error: UserError } => ({
  ok: false,
  error: { message, suggestions },
});

export interface Advisor {
  catalog: Catalog;
  estimator: Estimator;
  /** Electricity price and use pattern behind running costs. */
  costs: CostSettings;
  /** Every machine with what each request needs of it, computed once per catalog. */
  machines: readonly IndexedMachine[];
  /** Estimates of recent (model, workload) questions, shared across requests. */
  memos: MemoCache;
  /** How many distinct hardware configurations the machines have (see IndexedMachine.hardwareGroup). */
  hardwareGroups: number;
  /** Today, for the age of prices; fixed in tests. */
  today: Date;
}

/**
 * The shared estimates of the last few questions asked: "Show more" and a team asking
 * about the same model again reuse them. Bounded; a reload makes a new advisor and so a
 * new cache.
 */
export class MemoCache {
  private readonly memos: LruMap<string, QuestionMemo>;

  constructor(
    private readonly hardwareGroups: number,
    maxQuestions = 16,
  ) {
    this.memos = new LruMap(maxQuestions);
  }

  for(spec: ModelSpec, workload: Workload): QuestionMemo {
    const key = `${spec.id}|${spec.quantization}|${spec.bitsPerWeight}|${spec.paramsBillions}|${JSON.stringify(workload)}`;
    const memo = this.memos.get(key) ?? new QuestionMemo(this.hardwareGroups);
    this.memos.set(key, memo); // asked again: the most recent question now
    return memo;
  }

  get size(): number {
    return this.memos.size;
  }
}

export interface IndexedMachine {
  machine: CatalogMachine;
  summary: MachineSummary;
  profile: HardwareProfile;
  /**
   * Machines with equal Estimator.hardwareKey share this number and their estimates; the
   * key itself (a kilobyte of JSON) is not kept.
   */
  hardwareGroup: number;
  memoryCeilingGb: number;
  /** Purchase plus electricity over the cost settings' years; infinite when the power draw is unknown. */
  ownershipCostEur: number;
  /** For a build or eGPU set-up: the position of the machine it adds parts to, to drop it when the parts do not help. */
  hostPosition?: number;
}

export function indexMachines(
  catalog: Catalog,
  estimator: Estimator,
  costs: CostSettings,
  today: Date,
): IndexedMachine[] {
  const groups = new Map<string, number>();
  const positions = new Map(catalog.machines.map((machine, position) => [machine.id, position]));
  return catalog.machines.map((machine) => {
    const configuration = machine.configuration;
    // What the set-up adds parts to: an eGPU's host, a 1-GPU build's base, a 2-GPU build's 1-GPU build.
    const fewerCards =
      configuration?.kind === 'build' && configuration.gpuCount > 1
        ? `build-${configuration.template}-${configuration.gpuCount - 1}x-${configuration.gpuOffer}`
        : undefined;
    const hostId =
      configuration?.kind === 'egpu'
        ? configuration.host
        : configuration?.kind === 'build'
          ? configuration.base
          : undefined;
    const hostPosition =
      (fewerCards === undefined ? undefined : positions.get(fewerCards)) ??
      (hostId === undefined ? undefined : positions.get(hostId));
    const profile = estimator.profile(machine);
    const hardwareKey = estimator.hardwareKey(profile);
    let hardwareGroup = groups.get(hardwareKey);
    if (hardwareGroup === undefined) {
      hardwareGroup = groups.size;
      groups.set(hardwareKey, hardwareGroup);
    }
    const summary = summariseMachine(catalog, machine, today);
    return {
      machine,
      summary,
      profile,
      hardwareGroup,
      memoryCeilingGb: estimator.memoryCeilingGb(profile),
      ownershipCostEur: ownershipCostEur(catalog, machine, summary.priceEur, costs) ?? Number.POSITIVE_INFINITY,
      ...(hostPosition === undefined ? {} : { hostPosition }),
    };
  });
}

export interface MachineSummary {
  id: string;
  name: string;
  category: Category;
  priceEur: number;
  /** Price in its own currency when not EUR, for transparency. */
  originalPrice?: { amount: number; currency: string };
  priceAsOf: string;
  /** How the EUR figure was reached, in a few words: "US list + 21 % VAT". */
  priceBasis: string;
  priceMarket: PriceMarket;
  /** The price rests on an `estimate:`, not a page that states it. */
  priceIsEstimate: boolean;
  /** The price is more than six months older than today. */
  priceOld: boolean;
  /** Basis, availability and age in words: "US list + 21 % VAT · price from 2025-09, likely higher now". */
  priceNote: string;
  availability: Availability;
  priceSource: string[];
}

/** What an EU buyer pays, EUR incl. VAT, under the catalog's price basis. */
export function priceEur(catalog: Catalog, machine: Machine): number {
  return catalog.buyerPrice(machine).eur;
}

export function asList(source: string | string[]): string[] {
  return Array.isArray(source) ? source : [source];
}

export function summariseMachine(catalog: Catalog, machine: Machine, today: Date): MachineSummary {
  const buyer = catalog.buyerPrice(machine);
  const facts = { ...buyer, availability: machine.availability };
  return {
    id: machine.id,
    name: machine.name,
    category: machine.category,
    priceEur: buyer.eur,
    priceBasis: buyer.basis,
    priceMarket: buyer.market,
    priceIsEstimate: buyer.estimate,
    priceOld: isOldPrice(buyer.date, today),
    priceNote: priceWords(facts, today),
    availability: machine.availability,
    ...(machine.price.currency === 'EUR'
      ? {}
      : { originalPrice: { amount: machine.price.amount, currency: machine.price.currency } }),
    priceAsOf: machine.price.date,
    priceSource: asList(machine.price.source),
  };
}

export function resolveMachine(catalog: Catalog, id: string): Outcome<Machine> {
  const machine = catalog.machine(id.trim());
  if (machine) return { ok: true, value: machine };
  return userError(`unknown machine "${id}"`, suggestMachines(catalog, id));
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
    return userError('give model or model_size_gb, not both', ['model:', 'model_size_gb:']);
  if (named && query.model !== undefined)
    request = { model: query.model.trim(), quant: query.quant ?? defaultQuantization };
  else if (query.modelSizeGb !== undefined)
    request = {
      sizeGb: query.modelSizeGb,
      ...(query.paramsBillions === undefined ? {} : { paramsBillions: query.paramsBillions }),
      ...(query.activeParamsBillions === undefined ? {} : { activeParamsBillions: query.activeParamsBillions }),
    };
  else if (query.paramsBillions !== undefined)
    return userError('params_b describes a model together with its file size: add model_size_gb');
  else
    return userError(
      'name a model (model) or its file size in GB (model_size_gb)',
      advisor.catalog.models.slice(0, 5).map((model) => model.id),
    );
  const resolved = advisor.estimator.resolveModel(request);
  return resolved.ok ? { ok: true, value: resolved.value } : userError(resolved.message, resolved.suggestions);
}

export interface WorkloadQuery {
  contextTokens?: number;
  promptTokens?: number;
  engine?: Workload['engine'];
  /** KV-cache element type (llama.cpp -ctk/-ctv); f16 when absent. */
  kvCache?: KvCacheType;
  /** A llama.cpp backend, or auto (absent): the fastest the hardware supports. */
  backend?: BackendChoice;
  /** People generating at once, one parallel sequence each; 1 when absent. */
  users?: number;
}

/** The part of a query that says how a model is run, not how long: kept when other rows reuse the question. */
export function runOptions(query: WorkloadQuery): Pick<WorkloadQuery, 'engine' | 'kvCache' | 'backend' | 'users'> {
  return {
    ...(query.engine ? { engine: query.engine } : {}),
    ...(query.kvCache ? { kvCache: query.kvCache } : {}),
    ...(query.backend ? { backend: query.backend } : {}),
    ...(query.users === undefined ? {} : { users: query.users }),
  };
}

/**
 * How a workload is run, in words every answer states beside its numbers:
 * "1 user, KV f16, flash attention on, backend auto". `auto` picks per machine; each
 * estimate's placement names the backend it took.
 */
export function runWords(workload: Pick<Workload, 'users' | 'kvCache' | 'backend'>): string {
  const users = workload.users ?? 1;
  return `${users === 1 ? '1 user' : `${users} users at once`}, KV ${workload.kvCache ?? 'f16'}, flash attention on, backend ${workload.backend ?? 'auto'}`;
}

/** Checks the context against the model; the prompt must fit in the context. */
export function resolveWorkload(spec: ModelSpec, query: WorkloadQuery): Outcome<Workload> {
  const contextTokens = query.contextTokens ?? Math.min(defaultWorkload.contextTokens, spec.nativeContext);
  if (!Number.isInteger(contextTokens) || contextTokens < 256)
    return userError(`context must be a whole number of tokens, at least 256 (got ${contextTokens})`);
  if (contextTokens > spec.nativeContext)
    return userError(`${spec.name} handles at most ${spec.nativeContext} tokens of context; ${contextTokens} is more`, [
      String(spec.nativeContext),
    ]);
  const promptTokens = query.promptTokens ?? Math.min(defaultWorkload.promptTokens, contextTokens);
  if (!Number.isInteger(promptTokens) || promptTokens < 1)
    return userError(`prompt_tokens must be a whole number of at least 1 (got ${promptTokens})`);
  if (promptTokens > contextTokens) {
    const needed = promptTokens + defaultWorkload.generatedTokens;
    return userError(
      `prompt_tokens ${promptTokens} does not fit in context ${contextTokens}: raise context to at least ${needed} (the prompt plus ${defaultWorkload.generatedTokens} generated tokens)`,
      [`context:${needed}`],
    );
  }
  const users = query.users ?? 1;
  if (!Number.isInteger(users) || users < 1 || users > maxUsers)
    return userError(`users is a whole number from 1 to ${maxUsers} (got ${users})`);
  if (query.kvCache !== undefined && !KvCacheTypes.includes(query.kvCache))
    return userError(`kv_cache is one of ${KvCacheTypes.join(', ')}`, [...KvCacheTypes]);
  if (query.backend !== undefined && !backendChoices.includes(query.backend))
    return userError(`backend is one of ${backendChoices.join(', ')}`, [...backendChoices]);
  const backend = query.backend === undefined || query.backend === 'auto' ? undefined : query.backend;
  return {
    ok: true,
    value: {
      ...defaultWorkload,
      contextTokens,
      promptTokens,
      engine: query.engine ?? 'auto',
      ...(backend ? { backend } : {}),
      ...(query.kvCache && query.kvCache !== 'f16' ? { kvCache: query.kvCache } : {}),
      ...(users > 1 ? { users } : {}),
    },
  };
}

/** A published measurement that matches an estimate's hardware and model. */
export interface Measurement {
  benchmarkId: string;
  modelId?: string;
  /** The model's name, for people (the id is for machines). */
  modelName?: string;
  /** The measured file's quantization, or its bits per weight when only the file size is known. */
  quantization: string;
  backend: string;
  ppTokensPerSecond?: number;
  tgTokensPerSecond?: number;
  ppTokens: number;
  tgTokens: number;
  depthTokens: number;
  measured?: string;
  source: string[];
  /** How close the match is: this exact machine, or another box with the same chip and memory. */
  match: 'same machine' | 'same chip';
  /**
   * Beside an estimate: how the measured run differs from the asked one, in a few words, with
   * the estimate at the measured conditions ("measured at a 512-token context, all in VRAM; this
   * estimate: 32,768, 12 % in system RAM · estimated tg 18.2 as measured"); absent when alike.
   */
  caveat?: string;
  /** The same differences in a few words for a one-line summary, without figures: "512-token context, all in VRAM". */
  conditions?: string;
}

/**
 * Machines whose measurements count for each other: same chip, GPUs and memory bandwidth
 * (capacity may differ). Looser than Estimator.hardwareKey, which decides equal estimates.
 */
function measurementKey(machine: Machine): string {
  const gpus = machine.gpus.map((gpu) => `${gpu.count}x${gpu.chip}`).join('+');
  return `${machine.chip}|${gpus}|${Math.round(machine.memory.bandwidth_gbps)}`;
}

/** Quantizations within this share of each other's bits per weight count as comparable. */
export const comparableBitsShare = 0.12;

function benchmarkBitsPerWeight(catalog: Catalog, benchmark: Catalog['benchmarks'][number]): number | undefined {
  const params = benchmark.params_b ?? (benchmark.model ? catalog.model(benchmark.model)?.params_b : undefined);
  if (benchmark.model_size_gb !== undefined && params !== undefined) return (benchmark.model_size_gb * 8) / params;
  return benchmark.quant ? catalog.quantization(benchmark.quant)?.bits_per_weight : undefined;
}

/**
 * Published measurements of this hardware; with a model, only those of that model at a
 * comparable quantization (bits per weight within 12 %: Q4_K_M beside Q4_K_XL, not Q8_0).
 */
export function measurementsFor(
  catalog: Catalog,
  machine: Machine,
  model?: { id: string; bitsPerWeight: number },
): Measurement[] {
  const key = measurementKey(machine);
  const matches: Measurement[] = [];
  for (const benchmark of catalog.benchmarks) {
    const match = matchOf(catalog, benchmark, machine, key);
    if (!match) continue;
    const bits = benchmarkBitsPerWeight(catalog, benchmark);
    if (
      model &&
      (benchmark.model !== model.id ||
        bits === undefined ||
        Math.abs(bits - model.bitsPerWeight) > model.bitsPerWeight * comparableBitsShare)
    )
      continue;
    matches.push({
      benchmarkId: benchmark.id,
      ...(benchmark.model
        ? { modelId: benchmark.model, modelName: catalog.model(benchmark.model)?.name ?? benchmark.model }
        : {}),
      quantization: benchmark.quant ?? (bits === undefined ? 'unknown' : `${Math.round(bits * 100) / 100} bits/weight`),
      backend: benchmark.backend,
      ...(benchmark.pp_tps === undefined ? {} : { ppTokensPerSecond: benchmark.pp_tps }),
      ...(benchmark.tg_tps === undefined ? {} : { tgTokensPerSecond: benchmark.tg_tps }),
      ppTokens: benchmark.pp_tokens,
      tgTokens: benchmark.tg_tokens,
      depthTokens: benchmark.depth_tokens,
      ...(benchmark.measured ? { measured: benchmark.measured } : {}),
      source: asList(benchmark.source),
      match,
    });
  }
  return matches.sort((a, b) => (a.match === b.match ? 0 : a.match === 'same machine' ? -1 : 1));
}

function matchOf(
  catalog: Catalog,
  benchmark: Benchmark,
  machine: Machine,
  key: string,
): Measurement['match'] | undefined {
  const hardware = benchmark.hardware;
  if ('machine' in hardware) {
    if (hardware.machine === machine.id) return 'same machine';
    const other = catalog.machine(hardware.machine);
    return other && measurementKey(other) === key ? 'same chip' : undefined;
  }
  // A bare chip: a SoC matches machines built on it without GPUs; a card matches machines holding exactly that many.
  const chip = catalog.chip(hardware.chip);
  if (!chip) return undefined;
  if (chip.kind === 'gpu') {
    const only = machine.gpus.length === 1 ? machine.gpus[0] : undefined;
    return only && only.chip === hardware.chip && only.count === hardware.count ? 'same chip' : undefined;
  }
  return machine.chip === hardware.chip && machine.gpus.length === 0 ? 'same chip' : undefined;
}

export interface MachineEstimate {
  machine: MachineSummary;
  estimate: Estimate;
  measurements: Measurement[];
  /** Electricity and total cost of ownership, when the model fits and the power draw is known. */
  runningCost?: RunningCost;
}

export function runningCostOf(advisor: Advisor, machine: CatalogMachine, estimate: Estimate): RunningCost | undefined {
  return runningCost(advisor.catalog, machine, priceEur(advisor.catalog, machine), estimate, advisor.costs);
}

/**
 * What one question (model and workload) has learned about each hardware group: machines
 * with the same hardware share it, since a catalog lists the same board under many names
 * and prices and the physics does not care. Ranking needs only each group's speed, kept
 * as one number so that many questions stay cheap to hold; the full estimate is made for
 * the machines shown. Shared estimates carry the first machine's id; `forMachine` puts
 * the right one.
 */
export class QuestionMemo {
  /** Generation tokens/s by hardware group: NaN not yet assessed, 0 does not fit. */
  readonly speeds: Float64Array;
  /** Seconds until the last user's first token by hardware group, set with `speeds`: infinite when it does not fit. */
  readonly firstTokenSeconds: Float64Array;
  readonly estimates: (Estimate | undefined)[] = [];

  constructor(hardwareGroups: number) {
    this.speeds = new Float64Array(hardwareGroups).fill(Number.NaN);
    this.firstTokenSeconds = new Float64Array(hardwareGroups).fill(Number.NaN);
  }
}

function assessInto(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): void {
  const assessment = advisor.estimator.assess(indexed.profile, spec, workload);
  memo.speeds[indexed.hardwareGroup] = assessment.tgTokensPerSecond;
  memo.firstTokenSeconds[indexed.hardwareGroup] = assessment.firstTokenSeconds;
}

/** The machine's generation speed for this question, 0 when the model does not fit. */
export function sharedSpeed(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): number {
  if (Number.isNaN(memo.speeds[indexed.hardwareGroup] ?? Number.NaN))
    assessInto(advisor, indexed, spec, workload, memo);
  return memo.speeds[indexed.hardwareGroup] ?? 0;
}

/** Seconds until the last of the question's users gets a first token on this machine; infinite when it does not fit. */
export function sharedFirstTokenSeconds(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): number {
  if (Number.isNaN(memo.firstTokenSeconds[indexed.hardwareGroup] ?? Number.NaN))
    assessInto(advisor, indexed, spec, workload, memo);
  return memo.firstTokenSeconds[indexed.hardwareGroup] ?? Number.POSITIVE_INFINITY;
}

export function sharedEstimate(
  advisor: Advisor,
  indexed: IndexedMachine,
  spec: ModelSpec,
  workload: Workload,
  memo: QuestionMemo,
): Estimate {
  let estimate = memo.estimates[indexed.hardwareGroup];
  if (!estimate) {
    estimate = advisor.estimator.estimate(indexed.profile, spec, workload);
    memo.estimates[indexed.hardwareGroup] = estimate;
  }
  return forMachine(estimate, indexed.machine);
}

export function forMachine(estimate: Estimate, machine: Machine): Estimate {
  return estimate.hardware.id === machine.id
    ? estimate
    : { ...estimate, hardware: { id: machine.id, name: machine.name } };
}

export function estimateFor(advisor: Advisor, machine: Machine, spec: ModelSpec, workload: Workload): Estimate {
  return advisor.estimator.estimate(advisor.estimator.profile(machine), spec, workload);
}

/**
 * Published measurements of this hardware for this model, when it is a catalog model: the one
 * nearest the asked depth first (then on the estimate's backend, then this very machine), each
 * with a caveat where its conditions differ from the estimate's.
 */
export function measurementsOf(advisor: Advisor, machine: Machine, estimate: Estimate): Measurement[] {
  const isCatalogModel = advisor.catalog.model(estimate.model.id) !== undefined;
  if (!isCatalogModel) return [];
  const bitsPerWeight = (estimate.memory.weightsGb * 8) / estimate.model.paramsBillions;
  const found = measurementsFor(advisor.catalog, machine, { id: estimate.model.id, bitsPerWeight });
  const workload = estimate.workload;
  // Generation is read at the depth the prompt leaves; a run at depth d with pp tokens on top is nearest by ratio.
  const askedDepth = workload.depthTokens + workload.promptTokens;
  const distance = (measurement: Measurement) =>
    Math.abs(Math.log((measurement.depthTokens + measurement.ppTokens + 1) / (askedDepth + 1)));
  const rank = (measurement: Measurement) => [
    Math.round(distance(measurement) * 2), // within a factor of ~1.6, depths count as alike
    measurement.backend === estimate.placement.backend ? 0 : 1,
    measurement.match === 'same machine' ? 0 : 1,
  ];
  const sorted = found
    .map((measurement) => ({ measurement, key: rank(measurement) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ measurement }) => measurement);
  return sorted.map((measurement) => {
    const caveat = measurementCaveat(advisor, measurement, estimate);
    return caveat ? { ...measurement, ...caveat } : measurement;
  });
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Two contexts differ in a way worth a word when one is more than twice the other. */
const contextRatioWorthSaying = 2;

/** How the measured run differs from the estimate, and the estimate at its conditions; undefined when alike. */
function measurementCaveat(
  advisor: Advisor,
  measurement: Measurement,
  estimate: Estimate,
): Pick<Measurement, 'caveat' | 'conditions'> | undefined {
  const benchmark = advisor.catalog.benchmarks.find((candidate) => candidate.id === measurement.benchmarkId);
  if (!benchmark) return undefined;
  const measuredRun = advisor.estimator.estimateBenchmark(benchmark);
  const workload = estimate.workload;
  const measuredContext = measurement.depthTokens + Math.max(measurement.ppTokens, measurement.tgTokens);
  const differences: string[] = [];
  const short: string[] = [];
  const tokens = (count: number) => count.toLocaleString('en-US');
  if (
    Math.max(measuredContext, workload.contextTokens) >
    contextRatioWorthSaying * Math.min(measuredContext, workload.contextTokens)
  ) {
    differences.push(`${tokens(measuredContext)}-token context, not ${tokens(workload.contextTokens)}`);
    short.push(`${tokens(measuredContext)}-token context`);
  }
  const inRam = (kind: string) => kind === 'gpu+cpu' || kind === 'gpu+cpu-experts' || kind === 'cpu';
  if (
    measuredRun &&
    !inRam(measuredRun.placementKind) &&
    inRam(estimate.placement.kind) &&
    estimate.placement.kind !== 'cpu'
  ) {
    differences.push('all in GPU memory, where this estimate keeps part in system RAM');
    short.push(measuredRun.placementKind === 'unified-gpu' ? 'all in GPU memory' : 'all in VRAM');
  }
  const other = (what: string, measured: string, asked: string) => {
    differences.push(`${measured}, not ${asked}`);
    short.push(what === 'quant' ? measured : `${measured}`);
  };
  if (measurement.quantization !== estimate.model.quantization)
    other('quant', measurement.quantization, estimate.model.quantization);
  if (measurement.backend !== estimate.placement.backend)
    other('backend', measurement.backend, estimate.placement.backend);
  if ((workload.users ?? 1) > 1) other('users', 'one user', `${workload.users ?? 1}`);
  if ((workload.kvCache ?? 'f16') !== 'f16') other('kv', 'f16 KV cache', workload.kvCache ?? 'f16');
  if (differences.length === 0) return undefined;
  const asMeasured = measuredRun?.estimate;
  const figures = [
    measurement.tgTokensPerSecond !== undefined && asMeasured?.tg
      ? `tg ${round1(asMeasured.tg.tokensPerSecond)}`
      : undefined,
    measurement.ppTokensPerSecond !== undefined && asMeasured?.pp
      ? `pp ${Math.round(asMeasured.pp.tokensPerSecond)}`
      : undefined,
  ].filter((figure): figure is string => figure !== undefined);
  return {
    caveat: `measured at ${differences.join('; ')}${figures.length > 0 ? ` (estimated ${figures.join(' · ')} as measured)` : ''}`,
    conditions: short.join(', '),
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function estimateMachine(
  advisor: Advisor,
  machine: Machine,
  spec: ModelSpec,
  workload: Workload,
): MachineEstimate {
  const estimate = estimateFor(advisor, machine, spec, workload);
  const cost = runningCostOf(advisor, machine, estimate);
  return {
    machine: summariseMachine(advisor.catalog, machine, advisor.today),
    estimate,
    measurements: measurementsOf(advisor, machine, estimate),
    ...(cost ? { runningCost: cost } : {}),
  };
}
