/** Option definitions and readers shared by the commands, so each is declared and read once. */
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
} from 'discord-api-types/v10';
import type { Catalog } from '../src/catalog/catalog.ts';
import type { SearchIndex, Searchable } from '../src/catalog/search.ts';
import type { ModelQuery, WorkloadQuery } from '../src/advisor/index.ts';
import { backendChoices, KvCacheTypes, maxUsers } from '../src/estimator/index.ts';
import { maxChoiceNameLength, maxChoices } from './command.ts';
import { formatNumber, machineLabel, modelLabel, truncate } from '../src/format/index.ts';

/** Usable in servers, in DMs with the bot and in private channels, installed to a server or to a user. */
export const everywhere: { integration_types: ApplicationIntegrationType[]; contexts: InteractionContextType[] } = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
};

export const modelOptions = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'model',
    description: 'A model from the catalog, e.g. llama-3.3-70b',
    autocomplete: true,
    max_length: 100,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'quant',
    description: 'Quantization (default Q4_K_M)',
    autocomplete: true,
    max_length: 20,
  },
  {
    type: ApplicationCommandOptionType.Number,
    name: 'model_size_gb',
    description: 'Or: the model file size in GB, e.g. 10',
    min_value: 0.1,
    max_value: 2000,
  },
  {
    type: ApplicationCommandOptionType.Number,
    name: 'params_b',
    description: 'With model_size_gb: its parameters in billions, e.g. 30.5',
    min_value: 0.1,
    max_value: 5000,
  },
  {
    type: ApplicationCommandOptionType.Number,
    name: 'active_params_b',
    description: 'With model_size_gb: active parameters per token (MoE), billions',
    min_value: 0.1,
    max_value: 5000,
  },
] as const satisfies readonly APIApplicationCommandBasicOption[];

export const workloadOptions = [
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'context',
    description: 'Context length in tokens (default 4096)',
    min_value: 256,
    max_value: 10_000_000,
  },
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'prompt_tokens',
    description: 'Prompt length for time to first token (default 512)',
    min_value: 1,
    max_value: 10_000_000,
  },
] as const satisfies readonly APIApplicationCommandBasicOption[];

/** How the model is run: the KV-cache type, the llama.cpp backend, how many people at once. Bounds and choices are the estimator's own. */
export const setupOptions = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'kv_cache',
    description: 'KV-cache type: f16 (default), q8_0 or q4_0 (llama.cpp -ctk/-ctv, flash attention on)',
    choices: choicesOf(KvCacheTypes),
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'backend',
    description: 'llama.cpp backend; auto (default) takes the fastest the hardware supports',
    choices: choicesOf(backendChoices),
  },
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'users',
    description: 'People generating at once, one parallel sequence each (default 1)',
    min_value: 1,
    max_value: maxUsers,
  },
] as const satisfies readonly APIApplicationCommandBasicOption[];

export function machineOption<const Name extends string>(name: Name, description: string) {
  return {
    type: ApplicationCommandOptionType.String,
    name,
    description,
    required: true,
    autocomplete: true,
    max_length: 100,
  } as const satisfies APIApplicationCommandBasicOption;
}

/** Fixed choices whose values keep their literal type, so the handler reads e.g. a `Priority`. */
export function choicesOf<const Value extends string>(values: readonly Value[]): { name: Value; value: Value }[] {
  return values.map((value) => ({ name: value, value }));
}

/** A typed string, trimmed; blank is absent. */
export function trimmed<T extends string>(value: T | undefined): T | undefined {
  const text = value?.trim();
  return text ? (text as T) : undefined;
}

/** The options of `modelOptions`, as a handler whose definition spreads them reads them. */
interface ModelArgs {
  readonly model?: string;
  readonly quant?: string;
  readonly model_size_gb?: number;
  readonly params_b?: number;
  readonly active_params_b?: number;
}

interface WorkloadArgs {
  readonly context?: number;
  readonly prompt_tokens?: number;
  readonly kv_cache?: string;
  readonly backend?: string;
  readonly users?: number;
}

export function readModelQuery(options: ModelArgs): ModelQuery {
  const model = trimmed(options.model);
  const quant = trimmed(options.quant);
  const { model_size_gb: modelSizeGb, params_b: paramsBillions, active_params_b: activeParamsBillions } = options;
  return {
    ...(model ? { model } : {}),
    ...(quant ? { quant } : {}),
    ...(modelSizeGb === undefined ? {} : { modelSizeGb }),
    ...(paramsBillions === undefined ? {} : { paramsBillions }),
    ...(activeParamsBillions === undefined ? {} : { activeParamsBillions }),
  };
}

export function readWorkloadQuery(options: WorkloadArgs): WorkloadQuery {
  const contextTokens = options.context;
  const promptTokens = options.prompt_tokens;
  // Choice values are not checked where input arrives (a button id is decoded by pattern): resolveWorkload checks them.
  const kvCache = trimmed(options.kv_cache) as WorkloadQuery['kvCache'];
  const backend = trimmed(options.backend) as WorkloadQuery['backend'];
  return {
    ...(contextTokens === undefined ? {} : { contextTokens }),
    ...(promptTokens === undefined ? {} : { promptTokens }),
    ...(kvCache === undefined ? {} : { kvCache }),
    ...(backend === undefined ? {} : { backend }),
    ...(options.users === undefined ? {} : { users: options.users }),
  };
}

/** Ranked choices from a search index: exact, prefix, words, fuzzy; the catalog's order when empty. */
export function choicesFrom<T extends Searchable>(
  index: SearchIndex<T>,
  typed: string,
  label: (record: T) => string,
): APIApplicationCommandOptionChoice<string>[] {
  return index
    .search(typed.slice(0, 100), maxChoices)
    .map((hit) => ({ name: truncate(label(hit.record), maxChoiceNameLength), value: hit.record.id }));
}

/** Autocomplete for the options every command shares: models, quantizations, machines. */
export function sharedAutocomplete(
  optionName: string,
  typed: string,
  catalog: Catalog,
): APIApplicationCommandOptionChoice<string>[] {
  if (optionName === 'model') return choicesFrom(catalog.modelSearch, typed, (model) => modelLabel(model));
  if (optionName === 'quant')
    return choicesFrom(
      catalog.quantizationSearch,
      typed,
      (quantization) => `${quantization.id} (${formatNumber(quantization.bits_per_weight, 2)} bits/weight)`,
    );
  if (optionName.startsWith('machine'))
    return choicesFrom(catalog.machineSearch, typed, (machine) =>
      machineLabel(machine.name, catalog.buyerPrice(machine).eur),
    );
  return [];
}
