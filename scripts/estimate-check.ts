/**
 * npm run estimate:check [-- --json]
 * Measured vs estimated (leave-one-out) for every benchmark in data/benchmarks.yaml.
 */
import { parseArgs } from 'node:util';
import { formatProblem, loadCatalog } from '../src/catalog/index.ts';
import { checkEstimator } from '../src/estimator/check.ts';

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
console.log(`${'benchmark'.padEnd(idWidth)}  metric  class          measured  estimated   error`);
for (const row of report.rows) {
  console.log(
    `${row.benchmarkId.padEnd(idWidth)}  ${row.metric.padEnd(6)}  ${row.engineClass.padEnd(13)} ${row.measured.toFixed(1).padStart(9)} ${row.estimated.toFixed(1).padStart(10)} ${percent(row.error).padStart(7)}`,
  );
}
const line = (label: string, summary: { count: number; medianAbsoluteError: number; p90AbsoluteError: number }) =>
  `${label.padEnd(22)} n=${String(summary.count).padStart(3)}  median |error| ${(summary.medianAbsoluteError * 100).toFixed(1).padStart(5)} %   p90 |error| ${(summary.p90AbsoluteError * 100).toFixed(1).padStart(5)} %`;
console.log('\nleave-one-out error');
console.log(line('tg (all)', report.tg));
console.log(line('pp (all)', report.pp));
for (const [engineClass, metrics] of Object.entries(report.byClass)) {
  for (const [metric, summary] of Object.entries(metrics)) console.log(line(`${metric} ${engineClass}`, summary));
}
console.log('\nleave-one-out error per engine class × dense/MoE (n < 3: too few to trust)');
for (const [group, metrics] of Object.entries(report.byClassAndType)) {
  for (const [metric, summary] of Object.entries(metrics))
    console.log(`${line(`${metric} ${group}`, summary)}${summary.count < 3 ? '   thin' : ''}`);
}
console.log('\nworst ten');
for (const row of report.worst)
  console.log(
    `  ${percent(row.error).padStart(6)}  ${row.metric} ${row.benchmarkId} (${row.engineClass}, ${row.architecture})`,
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
  `  MoE prompt, half speed at: CPU ${report.factors.moeHalfTokens.cpu}, GPU ${report.factors.moeHalfTokens.gpu} tokens per expert per micro-batch (u·k/E)`,
);
console.log(
  `  MoE generation factor:   ${report.factors.moeGenerationFactor.toFixed(2)} (share of dense tg efficiency, GPUs)`,
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
