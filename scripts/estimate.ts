/**
 * npm run estimate -- --machine <id> (--model <id> --quant <q> | --model-size-gb <n>)
 *                     [--context N] [--prompt N] [--engine auto|cpu|gpu] [--backend auto|cuda|rocm|vulkan|metal|sycl|cpu]
 *                     [--kv-cache f16|q8_0|q4_0] [--users N] [--json]
 * Exit 2 on bad input (with the closest ids), 1 on a broken catalog.
 */
import { parseArgs } from 'node:util';
import { formatProblem, loadCatalog } from '../src/catalog/index.ts';
import { Backend } from '../src/catalog/schema.ts';
import { estimateNoteText } from '../src/format/estimate-notes.ts';
import { estimatePlacementText, estimateReasonText } from '../src/format/estimate.ts';
import { userProblemText } from '../src/format/user-errors.ts';
import {
  createEstimator,
  defaultWorkload,
  KvCacheTypes,
  maxUsers,
  type Estimate,
  type ModelRequest,
} from '../src/estimator/index.ts';

function fail(message: string, suggestions: string[] = []): never {
  console.error(`estimate: ${message}${suggestions.length > 0 ? ` — did you mean ${suggestions.join(', ')}?` : ''}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      machine: { type: 'string' },
      model: { type: 'string' },
      quant: { type: 'string', default: 'Q4_K_M' },
      'model-size-gb': { type: 'string' },
      context: { type: 'string' },
      prompt: { type: 'string' },
      engine: { type: 'string', default: 'auto' },
      backend: { type: 'string', default: 'auto' },
      'kv-cache': { type: 'string', default: 'f16' },
      users: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values } = parsed;

const positiveInteger = (text: string | undefined, name: string, fallback: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0 || value > 10_000_000)
    fail(`--${name} must be a whole number of tokens between 1 and 10 000 000`);
  return value;
};

const loaded = await loadCatalog('data');
if (!loaded.ok) {
  for (const problem of loaded.problems) console.error(formatProblem(problem));
  process.exit(1);
}
const catalog = loaded.catalog;
const estimator = createEstimator(catalog);

if (!values.machine)
  fail(
    '--machine is required',
    catalog.machines.slice(0, 5).map((machine) => machine.id),
  );
const machine = catalog.machine(values.machine);
if (!machine)
  fail(
    `unknown machine "${values.machine}"`,
    catalog.machineSearch.suggest(values.machine).map((found) => found.id),
  );

let request: ModelRequest;
if (values['model-size-gb'] !== undefined) {
  const sizeGb = Number(values['model-size-gb']);
  request = { sizeGb };
} else if (values.model !== undefined) {
  request = { model: values.model, quant: values.quant };
} else fail('give --model <id> (with --quant) or --model-size-gb <n>');
const spec = estimator.resolveModel(request);
if (!spec.ok) fail(userProblemText(spec.problem), spec.suggestions);

if (!['auto', 'cpu', 'gpu'].includes(values.engine)) fail('--engine is auto, cpu or gpu');
const backend = values.backend === 'auto' ? undefined : Backend.safeParse(values.backend);
if (backend && !backend.success) fail(`--backend is auto or one of ${Backend.options.join(', ')}`);
const kvCache = KvCacheTypes.find((type) => type === values['kv-cache']);
if (!kvCache) fail(`--kv-cache is one of ${KvCacheTypes.join(', ')}`);
const users = values.users === undefined ? 1 : Number(values.users);
if (!Number.isInteger(users) || users < 1 || users > maxUsers)
  fail(`--users must be a whole number from 1 to ${maxUsers}`);
const workload = {
  ...defaultWorkload,
  contextTokens: positiveInteger(values.context, 'context', defaultWorkload.contextTokens),
  promptTokens: positiveInteger(values.prompt, 'prompt', defaultWorkload.promptTokens),
  engine: values.engine as 'auto' | 'cpu' | 'gpu',
  ...(backend?.success ? { backend: backend.data } : {}),
  kvCache,
  users,
};
const result = estimator.estimate(estimator.profile(machine), spec.value, workload);

if (values.json) {
  console.log(JSON.stringify(toJson(result), null, 2));
} else {
  console.log(render(result));
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function toJson(estimate: Estimate) {
  return {
    machine: estimate.hardware.id,
    model: estimate.model.id,
    quantization: estimate.model.quantization,
    fits: estimate.fits,
    placement: estimate.placement.kind,
    placement_description: estimatePlacementText(estimate),
    llama_cpp_flags: estimate.placement.llamaCppFlags,
    aggregate_tg_tps: estimate.tg?.aggregateTokensPerSecond ?? null,
    queued_time_to_first_token_s: estimate.queuedTimeToFirstTokenSeconds ?? null,
    backend: estimate.placement.backend,
    memory_needed_gb: round(estimate.memory.neededGb, 2),
    memory_available_gb: round(estimate.memory.availableGb, 2),
    headroom_gb: round(estimate.memory.headroomGb, 2),
    pp_tps: estimate.pp ? round(estimate.pp.tokensPerSecond) : null,
    tg_tps: estimate.tg ? round(estimate.tg.tokensPerSecond) : null,
    pp_range: estimate.pp ? [round(estimate.pp.low), round(estimate.pp.high)] : null,
    tg_range: estimate.tg ? [round(estimate.tg.low), round(estimate.tg.high)] : null,
    time_to_first_token_s:
      estimate.timeToFirstTokenSeconds === undefined ? null : round(estimate.timeToFirstTokenSeconds, 2),
    bound: estimate.pp && estimate.tg ? { pp: estimate.pp.bound, tg: estimate.tg.bound } : null,
    reason: estimateReasonText(estimate) ?? null,
    notes: estimate.notes.map(estimateNoteText),
    workload: estimate.workload,
  };
}

function render(estimate: Estimate): string {
  const lines = [
    `${estimate.model.name} (${estimate.model.quantization}) on ${estimate.hardware.name}`,
    `  fits:       ${estimate.fits ? 'yes' : 'NO'} — ${estimatePlacementText(estimate)}`,
    ...(estimate.placement.llamaCppFlags.length > 0
      ? [`  llama.cpp:  ${estimate.placement.llamaCppFlags.join(' ')}`]
      : []),
    `  memory:     needs ${round(estimate.memory.neededGb)} GB (weights ${round(estimate.memory.weightsGb)} + KV ${round(estimate.memory.kvCacheGb)} at ${estimate.workload.contextTokens} tokens + buffers ${round(estimate.memory.buffersGb)}), has ${round(estimate.memory.availableGb)} GB, headroom ${round(estimate.memory.headroomGb)} GB`,
  ];
  if (estimate.tg && estimate.pp) {
    lines.push(
      `  generation: ${round(estimate.tg.tokensPerSecond)} tok/s${estimate.tg.aggregateTokensPerSecond === undefined ? '' : ' per user'} (likely ${round(estimate.tg.low)}–${round(estimate.tg.high)}), ${estimate.tg.bound}-bound${estimate.tg.aggregateTokensPerSecond === undefined ? '' : `; ${round(estimate.tg.aggregateTokensPerSecond)} tok/s for all ${estimate.workload.users} together`}`,
      `  prompt:     ${round(estimate.pp.tokensPerSecond, 0)} tok/s (likely ${round(estimate.pp.low, 0)}–${round(estimate.pp.high, 0)}), ${estimate.pp.bound}-bound; first token after ${round(estimate.timeToFirstTokenSeconds ?? 0, 2)} s for ${estimate.workload.promptTokens} tokens${estimate.queuedTimeToFirstTokenSeconds === undefined ? '' : ` (${round(estimate.queuedTimeToFirstTokenSeconds, 2)} s for the last of ${estimate.workload.users} prompts sent together)`}`,
    );
  }
  const reason = estimateReasonText(estimate);
  if (reason) lines.push(`  note:       ${reason}`);
  for (const note of estimate.notes) lines.push(`  - ${estimateNoteText(note)}`);
  return lines.join('\n');
}
