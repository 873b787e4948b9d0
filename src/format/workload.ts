/** How a model is run, in the words every answer states beside its numbers. */
import type { Workload } from '../estimator/index.ts';
import { formatTokens } from './number.ts';

type RunSettings = Pick<Workload, 'users' | 'kvCache' | 'backend'>;

/** Users, KV cache type and backend, each as said in every answer: ["1 user", "KV f16", "backend auto"]. */
function runSettingWords(workload: RunSettings): [users: string, kvCache: string, backend: string] {
  const users = workload.users ?? 1;
  return [
    users === 1 ? '1 user' : `${users} users at once`,
    `KV ${workload.kvCache ?? 'f16'}`,
    `backend ${workload.backend ?? 'auto'}`,
  ];
}

/**
 * How a workload is run, in words every answer states beside its numbers:
 * "1 user, KV f16, flash attention on, backend auto". `auto` picks per machine; each
 * estimate's placement names the backend it took.
 */
export function runWords(workload: RunSettings): string {
  const [users, kvCache, backend] = runSettingWords(workload);
  return [users, kvCache, 'flash attention on', backend].join(', ');
}

/**
 * What a list of estimates assumed beyond the context its question states, as short as it can
 * be said: "512-token prompt, 1 user, KV f16, backend auto". Flash attention (always on) and the
 * tokens generated are said in each pick's details.
 */
export function assumedRunWords(workload: RunSettings & Pick<Workload, 'promptTokens'>): string {
  return [`${formatTokens(workload.promptTokens)}-token prompt`, ...runSettingWords(workload)].join(', ');
}
