/**
 * npm run bench — latency and memory figures as JSON, in-process, on the real catalog
 * and on a synthetic one of 10 000 machines and 200 models. No assertions: targets are
 * read from the output (recommend p99 ≤ 5 ms, autocomplete p99 ≤ 1 ms, cold start ≤ 1 s,
 * RSS ≤ 120 MB).
 */
import { performance } from 'node:perf_hooks';
import { commandsByName } from '../commands/index.ts';
import { compare, createAdvisor, recommend, specs, type Advisor } from '../src/advisor/index.ts';
import { buildCatalog } from '../src/catalog/catalog.ts';
import { loadCatalog } from '../src/catalog/index.ts';
import { renderResult } from '../src/console/render.ts';
import { chartFor, renderPng } from '../src/charts/index.ts';
import { syntheticCatalogData } from './synthetic.ts';

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function time(iterations: number, work: (index: number) => void): { p50: number; p99: number } {
  for (let index = 0; index < Math.min(20, iterations); index += 1) work(index); // warm-up
  const samples: number[] = [];
  for (let index = 0; index < iterations; index += 1) {
    const start = performance.now();
    work(index);
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

const coldStart = performance.now();
const loaded = await loadCatalog('data');
if (!loaded.ok) throw new Error('the catalog must load for the bench');
const catalogLoadMs = performance.now() - coldStart;
const realAdvisor = createAdvisor(loaded.catalog);
const coldStartMs = performance.now() - coldStart;
const rssAfterStartMb = Math.round(process.memoryUsage().rss / 1e6);

const syntheticStart = performance.now();
const synthetic = buildCatalog(syntheticCatalogData(loaded.catalog, 10_000, 200));
const advisor: Advisor = createAdvisor(synthetic);
const syntheticBuildMs = performance.now() - syntheticStart;

const models = synthetic.models.map((model) => model.id);
const machines = synthetic.machines.map((machine) => machine.id);
const typed = ['', 'fra', 'mac studio', 'rtx 4090', 'gmktec-evo', 'zzz', 'epyc 96'];

const recommendTimes = time(200, (index) => {
  recommend(advisor, { model: models[index % models.length], quant: 'Q4_K_M', budgetEur: 1000 + (index % 10) * 500, contextTokens: 8192 });
});
// The same question again, as "Show more" asks it: served from the shared estimates.
const repeatModel = synthetic.models.find((model) => model.native_context >= 8192)?.id;
const repeatTimes = time(200, (index) => {
  const answer = recommend(advisor, { model: repeatModel, quant: 'Q4_K_M', budgetEur: 3000, contextTokens: 8192, offset: (index % 5) * 5 });
  if (!answer.ok) throw new Error(`the repeated bench query must answer: ${answer.error.message}`);
});
const compareTimes = time(500, (index) => {
  compare(advisor, { machineA: machines[index % machines.length] ?? '', machineB: machines[(index * 31 + 1) % machines.length] ?? '', model: models[index % models.length], quant: 'Q4_K_M' });
});
const specsTimes = time(500, (index) => {
  specs(advisor, { machine: machines[(index * 17) % machines.length] ?? '' });
});
const recommendCommand = commandsByName.get('recommend');
const autocompleteTimes = time(2000, (index) => {
  recommendCommand?.autocomplete?.(index % 2 === 0 ? 'model' : 'machine_a', typed[index % typed.length] ?? '', { advisor });
});
const realRecommend = recommend(realAdvisor, { model: 'llama-3.3-70b', quant: 'Q4_K_M', contextTokens: 32768, budgetEur: 3000 });
const renderTimes = time(500, () => {
  if (realRecommend.ok) renderResult({ command: 'recommend', result: realRecommend.value });
});


if (!realRecommend.ok) throw new Error('the bench query must answer');
const recommendAnswer = { command: 'recommend', result: realRecommend.value } as const;
const chartTimes = time(50, () => {
  const chart = chartFor(realAdvisor, recommendAnswer);
  if (chart) renderPng(chart.svg);
});

const memory = process.memoryUsage();
console.log(
  JSON.stringify(
    {
      synthetic_machines: synthetic.machines.length,
      synthetic_models: synthetic.models.length,
      catalog_load_ms: round(catalogLoadMs),
      cold_start_ms: round(coldStartMs),
      synthetic_build_ms: round(syntheticBuildMs),
      recommend_p50_ms: recommendTimes.p50,
      recommend_p99_ms: recommendTimes.p99,
      recommend_repeat_p50_ms: repeatTimes.p50,
      recommend_repeat_p99_ms: repeatTimes.p99,
      compare_p50_ms: compareTimes.p50,
      compare_p99_ms: compareTimes.p99,
      specs_p50_ms: specsTimes.p50,
      specs_p99_ms: specsTimes.p99,
      autocomplete_p50_ms: autocompleteTimes.p50,
      autocomplete_p99_ms: autocompleteTimes.p99,
      text_render_p50_ms: renderTimes.p50,
      text_render_p99_ms: renderTimes.p99,
      chart_png_p50_ms: chartTimes.p50,
      chart_png_p99_ms: chartTimes.p99,
      rss_after_start_mb: rssAfterStartMb,
      rss_mb: Math.round(memory.rss / 1e6),
      heap_used_mb: Math.round(memory.heapUsed / 1e6),
    },
    null,
    2,
  ),
);
