/** How a model is run, in the words every answer states beside its numbers. */
import type { Workload } from '../estimator/index.ts';

/**
 * How a workload is run, in words every answer states beside its numbers:
 * "1 user, KV f16, flash attention on, backend auto". `auto` picks per machine; each
 * estimate's placement names the backend it took.
 */
export function runWords(workload: Pick<Workload, 'users' | 'kvCache' | 'backend'>): string {
  const users = workload.users ?? 1;
  return `${users === 1 ? '1 user' : `${users} users at once`}, KV ${workload.kvCache ?? 'f16'}, flash attention on, backend ${workload.backend ?? 'auto'}`;
}
