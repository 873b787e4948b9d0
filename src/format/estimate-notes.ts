/** An estimate's notes in words: what it assumed and what bounds it (src/estimator/notes.ts has the data). */
import type { EstimateNote, TokenReads } from '../estimator/notes.ts';
import type { ThinEvidence } from '../estimator/index.ts';
import { engineClassWords } from './placement.ts';
import { plainGb } from './placement-reasons.ts';

function msText(seconds: number): string {
  return `${seconds * 1000 >= 10 ? Math.round(seconds * 1000) : Math.round(seconds * 10000) / 10} ms`;
}

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;
const plural = (count: number, word: string): string => `${word}${count === 1 ? '' : 's'}`;

function readsText({ weightsGb, experts }: TokenReads): string {
  const what = experts
    ? `active weights (${experts.activeParamsBillions} B of ${experts.paramsBillions} B parameters)`
    : 'weights';
  return `each token reads ${plainGb(weightsGb)} of ${what} plus the KV cache so far`;
}

export function estimateNoteText(note: EstimateNote): string {
  switch (note.code) {
    case 'hybrid-attention':
      return `a hybrid model (${note.fullAttentionLayers} of ${note.layers} layers keep a KV cache): llama.cpp runs its linear-attention layers slower than their weights suggest, so generation may be well below this estimate`;
    case 'params-from-size':
      return `${oneDecimal(note.paramsBillions)} B parameters, from ${note.sizeGb} GB at Q4_K_M (${note.bitsPerWeight} bits/weight)`;
    case 'llama-like-shape':
      return `a ${note.moe ? 'mixture-of-experts' : 'dense'} Llama-like model: ${note.layers} layers, 8 KV heads × 128 (KV cache and attention scaled from Llama 3 8B)`;
    case 'igpu-share-assumed':
      return `the iGPU addresses ${Math.round(note.addressableShare * 100)} % of RAM (no figure in the catalog)`;
    case 'benchmark-host-assumed':
      return `a host with ${note.systemMemoryGb} GB of dual-channel DDR5 and PCIe ${note.pcieGen}.0 x${note.pcieLanes} (the benchmark names only the card)`;
    case 'chip-memory-assumed':
      return `${note.capacityGb} GB at the chip's fastest supported memory`;
    case 'engine-unused':
      return `${note.engineName} (${note.engineKind.toUpperCase()}): not used — llama.cpp-class runtimes cannot run LLMs on it`;
    case 'tg-bandwidth-bound':
      return `tg is bandwidth-bound: ${readsText(note.reads)}`;
    case 'tg-sync-bound':
      return `tg is bound by thread synchronisation: ${note.cpuThreads} CPU threads meet at a barrier after every step of each of ${note.layers} layers (${msText(note.overheadSeconds)} per token), longer than the weight reads take (${msText(note.readSeconds)}; ${readsText(note.reads)})`;
    case 'pp-bound':
      return `pp is ${note.bound}-bound at a ${note.promptTokens}-token prompt`;
    case 'prompt-on-cpu':
      return 'prompt layers held in RAM run on the CPU: shipping their weights to the GPU for every micro-batch would be slower over this link (llama.cpp --no-op-offload)';
    case 'cluster-hops':
      return `each token crosses ${note.hops} network ${plural(note.hops, 'hop')} (${Math.round(note.linkGigabytesPerSecond * 8)} Gbit/s, ${note.hopLatencySeconds * 1000} ms assumed per hop): a cluster adds memory, not speed per token`;
    case 'kv-cache-quantized':
      return `KV cache in ${note.kvCache} (-ctk ${note.kvCache} -ctv ${note.kvCache}); llama.cpp needs flash attention (-fa on) for a quantized V cache, assumed on`;
    case 'users':
      return `${note.users} users at once (llama-server -np ${note.users}, continuous batching): memory holds ${note.users} KV caches; each step reads the weights once${note.moe ? ' (more experts, as each user picks their own)' : ''} and every user's KV cache, then computes every user's token, so each user gets less than one alone and all together get more; ${note.batchedRuns > 0 ? `the cost of each added user is calibrated on ${note.batchedRuns} published batched ${plural(note.batchedRuns, 'run')} of ${note.moe ? 'mixture-of-experts' : 'dense'} models (llama-batched-bench, llama-server -np; 2-32 sequences)` : `no published batched runs of ${note.moe ? 'mixture-of-experts' : 'dense'} models calibrate the cost of each added user`}`;
    case 'range-pooled':
      return `only ${note.measurements} ${plural(note.measurements, 'measurement')} for ${engineClassWords(note.engineClass)}: its range borrows the spread of similar engines, widened`;
    case 'depth-thin': {
      const shares = (['tg', 'pp'] as const)
        .filter((metric) => note.attentionShare[metric] !== undefined)
        .map((metric) => `${Math.round((note.attentionShare[metric] ?? 0) * 100)} % of ${metric}`)
        .join(' and ');
      return `at ${note.contextTokens.toLocaleString('en-US')} tokens of context attention is ${shares}, and the slowdown with depth on ${engineClassWords(note.engineClass)} rests on ${note.runs === 0 ? 'no' : `only ${note.runs}`} published long-context ${plural(note.runs, 'run')}: the range is wider`;
    }
  }
}

/**
 * An answer whose engine class and model type rest on fewer than three published
 * measurements: "few measurements back this: only 1 published run of dense models on GPUs
 * with Vulkan for generation, so the range is wider".
 */
export function thinEvidenceText(evidence: ThinEvidence): string {
  const { measurements, architecture, engineClass, metrics } = evidence;
  const count = measurements === 0 ? 'no' : `only ${measurements}`;
  const type = architecture === 'moe' ? 'mixture-of-experts' : 'dense';
  const which = metrics === 'both' ? '' : metrics === 'tg' ? ' for generation' : ' for prompt processing';
  return `few measurements back this: ${count} published ${plural(measurements, 'run')} of ${type} models on ${engineClassWords(engineClass)}${which}, so the range is wider`;
}
