/** The advisor's results as terminal text: the same facts the Discord embeds show. */
import type { CommandResult } from '../../commands/index.ts';
import type { UserError } from '../advisor/index.ts';
import type { ReloadReport } from '../advisor/store.ts';
import { wrap } from './wrap.ts';
import { width } from './render-common.ts';
import { renderRecommend } from './render-recommend.ts';
import { renderCompare } from './render-compare.ts';
import { renderSpecs } from './render-specs.ts';

export function renderResult(result: CommandResult): string {
  switch (result.command) {
    case 'recommend':
      return renderRecommend(result.result);
    case 'compare':
      return renderCompare(result.result);
    case 'specs':
      return renderSpecs(result.result);
    case 'catalog':
      return renderReload(result.result);
  }
}

export function renderReload(report: ReloadReport): string {
  if (report.ok)
    return wrap(
      `Catalog reloaded in ${report.durationMs} ms: ${report.machines} machines (+${report.configurations} configurations), ${report.models} models, ${report.benchmarks} benchmarks.`,
      width,
      2,
    );
  return [
    wrap(
      `The catalog has ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}; still serving the last good one (${report.keptMachines} machines):`,
      width,
      2,
    ),
    ...report.problems.map((problem) => wrap(`  ${problem}`, width, 4)),
  ].join('\n');
}

export function renderUserError(error: UserError): string {
  return wrap(
    error.suggestions.length > 0 ? `${error.message}. Try: ${error.suggestions.join(', ')}` : error.message,
    width,
    2,
  );
}
