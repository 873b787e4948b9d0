/**
 * npm run catalog:check [-- --quiet] [--json] [--dir data]
 * Validates the catalog (a price without market, date or source is a problem); prints a summary with
 * every price by age, or every problem at file:line:col. Exit 1 on any problem.
 */
import { parseArgs } from 'node:util';
import { formatProblem, loadCatalog } from '../src/catalog/index.ts';
import { summarise } from '../src/catalog/summary.ts';

const { values } = parseArgs({
  options: {
    quiet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    dir: { type: 'string', default: 'data' },
  },
});

const result = await loadCatalog(values.dir);
if (!result.ok) {
  for (const problem of result.problems) console.error(formatProblem(problem));
  console.error(
    `catalog:check: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} in ${values.dir}/`,
  );
  process.exit(1);
}
const summary = summarise(result.catalog);
if (values.json) console.log(JSON.stringify(summary, null, 2));
else if (values.quiet) {
  const { counts } = summary;
  const perEngine = Object.entries(summary.benchmarksByBackend)
    .map(([backend, count]) => `${backend} ${count}`)
    .join(', ');
  console.log(
    `catalog ok: ${counts.machines} machines (+${counts.configurations} builds, eGPU set-ups and clusters), ${counts.gpus} GPU offers, ${counts.chips} chips, ${counts.models} models, ${counts.quantizations} quantizations, ${counts.benchmarks} benchmarks (${perEngine})`,
  );
} else {
  const line = (label: string, counts: Record<string, number>) =>
    console.log(
      `${label.padEnd(12)} ${Object.entries(counts)
        .map(([key, count]) => `${key} ${count}`)
        .join(', ')}`,
    );
  console.log(`catalog ok (${values.dir}/)`);
  line('counts', summary.counts);
  line('machines', summary.machinesByCategory);
  line('configured', summary.configurationsByKind);
  line('chips', summary.chipsByKind);
  line('models', summary.modelsByArchitecture);
  line('benchmarks', summary.benchmarksByBackend);
  line('sources', summary.sources);
  console.log(`\nbuild combinations refused (${summary.rejectedConfigurations.length}):`);
  for (const rejected of summary.rejectedConfigurations) console.log(`  ${rejected}`);
  const old = summary.pricesByAge.filter((price) => price.old).length;
  console.log(
    `\nprices by age, oldest first (${summary.pricesByAge.length}; ${old} older than six months, said to be old in answers):`,
  );
  for (const price of summary.pricesByAge)
    console.log(
      `  ${price.date.padEnd(10)} ${price.old ? 'OLD' : '   '} ${String(price.eur).padStart(6)} EUR  ${price.market.padEnd(18)} ${price.record}${price.estimate ? ' (estimate)' : ''}`,
    );
  console.log(`\nfigures resting on an estimate (${summary.estimates.length}):`);
  for (const estimate of summary.estimates) console.log(`  ${estimate}`);
}
