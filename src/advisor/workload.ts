/** How a model is run (context, prompt, users, KV cache, backend): defaults and checks. */
import type { BackendChoice, KvCacheType, ModelSpec, Workload } from '../estimator/index.ts';
import { backendChoices, defaultWorkload, KvCacheTypes, maxUsers } from '../estimator/index.ts';
import { userError, type Outcome } from './outcome.ts';

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
