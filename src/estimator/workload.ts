/** The question an estimate answers: context, prompt, answer length, engine, backend, KV cache and users. */
import { Backend } from '../catalog/schema.ts';
import type { KvCacheType } from './model-spec.ts';

export interface Workload {
  /** Context the KV cache is sized for. */
  contextTokens: number;
  /** Prompt processed at once: the pp figure and the time to first token are for this prompt. */
  promptTokens: number;
  /** Tokens already in context before the prompt. */
  depthTokens: number;
  /** Tokens generated after the prompt; tg is their average. */
  generatedTokens: number;
  /** auto: the fastest engine common runtimes support; cpu: CPU only; gpu: no CPU-only answer. */
  engine: 'auto' | 'cpu' | 'gpu';
  backend?: Backend;
  /** KV-cache element type (llama.cpp -ctk/-ctv); f16 when not given. */
  kvCache?: KvCacheType;
  /** People generating at once, one parallel sequence each (llama-server -np N); 1 when not given. */
  users?: number;
}

export const defaultWorkload: Workload = {
  contextTokens: 4096,
  promptTokens: 512,
  depthTokens: 0,
  generatedTokens: 128,
  engine: 'auto',
};

/**
 * Most people the estimate serves at once (llama-server -np): beyond a few dozen parallel
 * sequences a llama.cpp box is compute-bound and vLLM-class servers are the tool, which
 * this model does not describe.
 */
export const maxUsers = 64;

/** What a user may ask for as the backend: one llama.cpp backend, or `auto`, the fastest the hardware supports. */
export const backendChoices = ['auto', ...Backend.options] as const;
export type BackendChoice = (typeof backendChoices)[number];
