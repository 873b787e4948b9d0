/**
 * npm run estimate:check [-- --json]
 * Measured vs estimated (leave-one-out) for every benchmark in data/benchmarks.yaml.
 */
import { parseArgs } from 'node:util';
import { formatProblem, loadCatalog } from '../src/catalog/index.ts';
import { checkEstimator, thinMeasurements, type CheckRow } from '../src/estimator/check.ts';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, dir: { type: 'string', default: 'data' } },
});
const loaded = await loadCatalog(values.dir);
if (!loaded.ok) {
  for (const problem of loaded.problems) console.error(formatProblem(problem));
  process.exit(1);
}
const report = checkEstimator(loaded.catalog);
if (values.json) {
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}
const percent = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(0)} %`;
const idWidth = Math.max(...report.rows.map((row) => row.benchmarkId.length));
console.log(`${'benchmark'.padEnd(idWidth)}  metric  class                  measured  estimated   error`);
for (const row of report.rows) {
  // A batched run's tg is per sequence: its published total over N sequences, divided by N.
  const metric = row.sequences > 1 ? `${row.metric}×${row.sequences}` : row.metric;
  console.log(
    `${row.benchmarkId.padEnd(idWidth)}  ${metric.padEnd(6)}  ${row.engineClass.padEnd(21)} ${row.measured.toFixed(1).padStart(9)} ${row.estimated.toFixed(1).padStart(10)} ${percent(row.error).padStart(7)}`,
  );
}
const line = (label: string, summary: { count: number; medianAbsoluteError: number; p90AbsoluteError: number }) =>
  `${label.padEnd(30)} n=${String(summary.count).padStart(3)}  median |error| ${(summary.medianAbsoluteError * 100).toFixed(1).padStart(5)} %   p90 |error| ${(summary.p90AbsoluteError * 100).toFixed(1).padStart(5)} %`;
console.log('\nleave-one-out error');
console.log(line('tg (all)', report.tg));
console.log(line('pp (all)', report.pp));
for (const [engineClass, metrics] of Object.entries(report.byClass)) {
  for (const [metric, summary] of Object.entries(metrics)) console.log(line(`${metric} ${engineClass}`, summary));
}
for (const [runtime, metrics] of Object.entries(report.byRuntime)) {
  for (const [metric, summary] of Object.entries(metrics)) console.log(line(`${metric} ${runtime}`, summary));
}
const groups = (title: string, grouped: typeof report.byClassAndType, width = 22) => {
  console.log(`\n${title} (n < ${thinMeasurements}: too few to trust)`);
  for (const [group, metrics] of Object.entries(grouped).sort(([a], [b]) => a.localeCompare(b))) {
    for (const [metric, summary] of Object.entries(metrics))
      console.log(
        `${line(`${metric} ${group}`, summary).replace(/^(\S+ \S+( \S+)*?)\s+n=/, (_, label: string) => `${label.padEnd(width)} n=`)}${summary.count < thinMeasurements ? '   thin' : ''}`,
      );
  }
};
groups('leave-one-out error per engine class × dense/MoE', report.byClassAndType);
groups(
  'leave-one-out error per engine class × dense/MoE × context (short < 2k, mid 2k-12k, long ≥ 12k tokens)',
  report.byClassTypeAndDepth,
  28,
);
/** Why a case may miss, from what the check knows of it; the physics' own miss when nothing else applies. */
const whyWords = (row: CheckRow): string => {
  const reasons: string[] = [];
  const { why } = row;
  if (row.runtime !== 'llama.cpp')
    reasons.push(
      row.metric === 'pp'
        ? `${row.runtime} run: its CPU prompt kernels are not mainline's, and the estimate is mainline's`
        : `${row.runtime} run`,
    );
  if (why.attentionShare >= 0.05)
    reasons.push(
      `${Math.round(why.attentionShare * 100)} % of the work is attention at ${Math.round(row.contextTokens).toLocaleString('en-US')} tokens of context (${why.attentionRuns > 0 ? `factor ${why.attentionFactor.toFixed(2)} fitted on ${why.attentionRuns} runs` : 'no attention factor fitted: bytes and FLOPs at the class efficiency'})`,
    );
  if (why.classTypeMeasurements < thinMeasurements)
    reasons.push(
      `only ${why.classTypeMeasurements} ${row.metric} run${why.classTypeMeasurements === 1 ? '' : 's'} of ${row.architecture} models on ${row.engineClass}`,
    );
  if (why.mixedEngines) reasons.push('split over engines (scored, never fitted on)');
  if (why.linkTransfer) reasons.push('prompt weights shipped over a link');
  if (reasons.length === 0)
    reasons.push(
      `${row.error > 0 ? 'slower' : 'faster'} than its class's other runs: the class efficiency does not carry to this chip or model`,
    );
  return reasons.join('; ');
};
console.log(
  '\nbatched runs, N sequences at once (llama-batched-bench, llama-server -np): leave-one-out, the batched factors refitted without each; tg per sequence',
);
for (const [metric, summary] of Object.entries(report.batched)) console.log(line(`${metric} batched (all)`, summary));
for (const [group, metrics] of Object.entries(report.batchedByClassAndType)) {
  for (const [metric, summary] of Object.entries(metrics)) console.log(line(`${metric} ${group}`, summary));
}
console.log('\nworst ten (single sequence), and why they may miss');
for (const row of report.worst)
  console.log(
    `  ${percent(row.error).padStart(6)}  ${row.metric} ${row.benchmarkId} (${row.engineClass}, ${row.architecture})\n          ${whyWords(row)}`,
  );
console.log('\nfitted factors');
console.log(
  `  tg bandwidth efficiency: ${Object.entries(report.factors.tgEfficiency)
    .map(([key, value]) => `${key} ${value.toFixed(2)}`)
    .join(', ')}`,
);
console.log(
  `  pp compute efficiency:   ${Object.entries(report.factors.ppEfficiency)
    .map(([key, value]) => `${key} ${value.toFixed(3)}`)
    .join(', ')}`,
);
console.log(`  GPU per-layer overhead:  ${report.factors.gpuLayerOverheadMicroseconds.toFixed(1)} µs`);
console.log(
  `  CPU barrier cost:        ${report.factors.cpuLayerMicroseconds.toFixed(0)} µs per layer + ${report.factors.cpuSyncMicrosecondsPerThreadLayer.toFixed(1)} µs per layer per thread`,
);
console.log(
  `  CPU per-thread bandwidth: ${report.factors.cpuThreadGbps > 0 ? `${report.factors.cpuThreadGbps} GB/s per thread` : 'no limit'} (with the barrier cost, sets the best thread count)`,
);
console.log(
  `  MoE prompt, half speed at: CPU ${report.factors.moeHalfTokens.cpu}, iGPU ${report.factors.moeHalfTokens.gpu}, dGPU ${report.factors.moeHalfTokens.dgpu ?? report.factors.moeHalfTokens.gpu} tokens per expert per micro-batch (u·k/E)`,
);
console.log(
  `  MoE generation factor:   ${report.factors.moeGenerationFactor.toFixed(2)} (share of dense tg efficiency, GPUs)`,
);
console.log(
  `  batched decode compute:  ${
    (['dense', 'moe'] as const)
      .map((type) => {
        const factor = report.factors.batchedComputeFactor[type];
        return factor === undefined
          ? `${type} 1 (no runs)`
          : `${type} ${factor.toFixed(3)} + ${(report.factors.batchedLayerMicroseconds[type] ?? 0).toFixed(0)} µs per layer (${report.factors.batchedRuns[type] ?? 0} runs)`;
      })
      .join(', ') || 'none fitted (1)'
  } of the pp efficiency for each extra sequence's arithmetic`,
);
const attentionText = (factors: Record<string, number>, runs: Record<string, number>) =>
  Object.entries(factors)
    .map(([engineClass, value]) => `${engineClass} ${value.toFixed(2)} (${runs[engineClass] ?? 0} runs)`)
    .join(', ') || 'none fitted (1)';
console.log(
  `  attention, tg KV reads:  ${attentionText(report.factors.attention.tg, report.factors.attentionRuns.tg)} (share of the class's efficiency, fitted on that many runs at depth)`,
);
console.log(
  `  attention, pp:           ${attentionText(report.factors.attention.pp, report.factors.attentionRuns.pp)}`,
);
if (report.skipped.length > 0) {
  console.log('\nskipped');
  for (const skipped of report.skipped) console.log(`  ${skipped.id}: ${skipped.reason}`);
}
