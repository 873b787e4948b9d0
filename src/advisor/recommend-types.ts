/** /recommend's question and answer: the query, the picks with their reasons, what was left out. */
import type { Category } from '../catalog/schema.ts';
import type { Workload } from '../estimator/index.ts';
import type { ModelSummary } from '../estimator/model-spec.ts';
import type { PlacementKind } from '../estimator/placement.ts';
import type { MachineEstimate } from './estimate-machine.ts';
import type { ModelQuery } from './resolve.ts';
import type { WorkloadQuery } from './workload.ts';
import type { HostVariant } from './variants.ts';

/** speed: per-user generation at the asked number of users; first_token: the last user's wait for a first token at the asked prompt. */
export type Priority = 'speed' | 'value' | 'price' | 'cost' | 'first_token';
export const priorities: readonly Priority[] = ['speed', 'value', 'price', 'cost', 'first_token'];

export interface RecommendQuery extends ModelQuery, WorkloadQuery {
  budgetEur?: number;
  minTgTokensPerSecond?: number;
  category?: Category;
  priority?: Priority;
  /** How many picks to return, and from which rank (for "show more"). */
  limit?: number;
  offset?: number;
  /** Builds and eGPU configurations from builds.yaml (default true). */
  allowBuilds?: boolean;
  /** Clusters: true, false, or (default) only when no single machine qualifies. */
  allowClusters?: boolean | 'auto';
}

export interface Pick extends MachineEstimate {
  rank: number;
  /** tg tokens/s per 1000 EUR of purchase price. */
  tgPer1000Eur: number;
  /** Why it ranks here, as codes and numbers; src/format's reasonText says it in words. */
  reason: PickReason;
  /** For a cluster: how one of its nodes alone would do, to say plainly when the cluster is slower. */
  cluster?: { nodes: number; memberId: string; memberTgTokensPerSecond?: number; slowerThanOneNode: boolean };
  /** The same GPUs on dearer hosts that this question's estimate does not tell apart, cheapest first (see variants.ts). */
  variants?: HostVariant[];
}

/** Why a pick is shown: codes and numbers only, so each front words it (src/format/recommend.ts). */
export type PickReason =
  | {
      code: 'ranked';
      priority: Priority;
      rank: number;
      tgTokensPerSecond: number;
      /** Users generating at once; the speed is each one's. */
      users: number;
      placement: PlacementKind;
      tgPer1000Eur: number;
      headroomGb: number;
      /** Ranked by first token: the wait of the last of `users` prompts of `promptTokens` sent together. */
      firstToken?: { seconds: number; promptTokens: number };
      /** Ranked by cost of ownership: purchase and electricity over `years`. */
      ownership?: { totalCostEur: number; years: number };
      underBudgetEur?: number;
      measuredTgTokensPerSecond?: number;
      /** A cluster, and how fast one of its nodes alone runs the model (absent: one node cannot hold it). */
      cluster?: { nodes: number; memberTgTokensPerSecond?: number };
    }
  | { code: 'cheapest-over-budget'; priceEur: number }
  | { code: 'largest-in-budget'; modelName: string; quantization: string; tgTokensPerSecond: number; priceEur: number };

export interface Exclusion {
  kind:
    | 'category'
    | 'not-sold-new'
    | 'announced'
    | 'builds-off'
    | 'adds-nothing'
    | 'same-gpus'
    | 'clusters-off'
    | 'clusters-held-back'
    | 'does-not-fit'
    | 'over-budget'
    | 'too-slow';
  count: number;
  /** The first three machines' ids; src/format's exclusionText says it in words. */
  examples: string[];
  /** The examples' names, in the same order, for fronts that show people names rather than ids. */
  exampleNames: string[];
}

export interface RecommendResult {
  model: ModelSummary;
  workload: Workload;
  budgetEur?: number;
  minTgTokensPerSecond?: number;
  category?: Category;
  priority: Priority;
  picks: Pick[];
  /** How many machines qualified in all (picks is one page of them). */
  qualifying: number;
  /** Price and speed of the qualifying machines in rank order, the first 500: what a chart plots. */
  qualifyingPoints: { id: string; name: string; priceEur: number; tgTokensPerSecond: number }[];
  offset: number;
  excluded: Exclusion[];
  /** When nothing qualifies: the cheapest machine that would, and the largest model the budget runs. */
  cheapestOverBudget?: Pick;
  largestModelInBudget?: { modelId: string; name: string; quantization: string; pick: Pick };
}

export const defaultPickCount = 5;
/** More points than this make a chart unreadable and a result heavy. */
export const maxChartPoints = 500;

export const maxBudgetEur = 1_000_000;
