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

/** The shortest context taken, tokens. */
const minContextTokens = 256;

/** Checks the context against the model; the prompt must fit in the context. */
export function resolveWorkload(spec: ModelSpec, query: WorkloadQuery): Outcome<Workload> {
  const contextTokens = query.contextTokens ?? Math.min(defaultWorkload.contextTokens, spec.nativeContext);
  if (!Number.isInteger(contextTokens) || contextTokens < minContextTokens)
    return userError({ code: 'context-range', contextTokens, minTokens: minContextTokens });
  if (contextTokens > spec.nativeContext)
    return userError(
      { code: 'context-over-native', modelName: spec.name, nativeContext: spec.nativeContext, contextTokens },
      [String(spec.nativeContext)],
    );
  const promptTokens = query.promptTokens ?? Math.min(defaultWorkload.promptTokens, contextTokens);
  if (!Number.isInteger(promptTokens) || promptTokens < 1) return userError({ code: 'prompt-range', promptTokens });
  if (promptTokens > contextTokens) {
    const needed = promptTokens + defaultWorkload.generatedTokens;
    const generatedTokens = defaultWorkload.generatedTokens;
    return userError(
      { code: 'prompt-over-context', promptTokens, contextTokens, neededTokens: needed, generatedTokens },
      [`context:${needed}`],
    );
  }
  const users = query.users ?? 1;
  if (!Number.isInteger(users) || users < 1 || users > maxUsers)
    return userError({ code: 'users-range', users, maxUsers });
  if (query.kvCache !== undefined && !KvCacheTypes.includes(query.kvCache))
    return userError({ code: 'kv-cache-choice', choices: KvCacheTypes }, [...KvCacheTypes]);
  if (query.backend !== undefined && !backendChoices.includes(query.backend))
    return userError({ code: 'backend-choice', choices: backendChoices }, [...backendChoices]);
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
