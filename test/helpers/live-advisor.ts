/** The advisor on the live catalog in data/, as the bot serves it. */
import { createAdvisor, type Advisor } from '../../src/advisor/index.ts';
import { formatProblem, loadCatalog } from '../../src/catalog/index.ts';

let advisor: Promise<Advisor> | undefined;

export function liveAdvisor(): Promise<Advisor> {
  advisor ??= loadCatalog('data').then((loaded) => {
    if (!loaded.ok) throw new Error(`the live catalog is broken:\n${loaded.problems.map(formatProblem).join('\n')}`);
    return createAdvisor(loaded.catalog);
  });
  return advisor;
}
