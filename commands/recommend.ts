import {
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { priorities, recommend } from '../src/advisor/index.ts';
import { Category } from '../src/catalog/schema.ts';
import { userErrorOf } from '../src/format/index.ts';
import { defineCommand } from './command.ts';
import {
  choicesOf,
  everywhere,
  modelOptions,
  readModelQuery,
  readWorkloadQuery,
  setupOptions,
  sharedAutocomplete,
  trimmed,
  workloadOptions,
} from './options.ts';

const definition = {
  name: 'recommend',
  description: 'Which machines can run a model, how fast, for what price',
  ...everywhere,
  options: [
    ...modelOptions,
    {
      type: ApplicationCommandOptionType.Number,
      name: 'budget',
      description: 'Most you will spend, in EUR',
      min_value: 1,
      max_value: 1_000_000,
    },
    ...workloadOptions,
    ...setupOptions,
    {
      type: ApplicationCommandOptionType.Number,
      name: 'min_speed',
      description: 'Slowest acceptable generation, tokens/s',
      min_value: 0,
      max_value: 10_000,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'category',
      description: 'Only this kind of machine',
      choices: choicesOf(Category.options),
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'allow_builds',
      description: 'Include desktop builds and eGPU set-ups (default true)',
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'allow_clusters',
      description: 'Include clusters of machines (default: only when nothing else fits)',
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'priority',
      description: 'Rank by speed (per user), value, price, cost (price + 3 years of power), or first_token',
      choices: choicesOf(priorities),
    },
    // The "Show more" button carries it too; before it was declared, the terminal refused it.
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'offset',
      description: 'Skip this many picks: 5 shows picks 6-10 (default 0)',
      min_value: 0,
      max_value: 1000,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const recommendCommand = defineCommand({
  name: 'recommend',
  definition,
  defer: true,
  run(options, { advisor }) {
    const category = trimmed(options.category);
    const priority = trimmed(options.priority);
    const {
      budget: budgetEur,
      min_speed: minTgTokensPerSecond,
      offset,
      allow_builds: allowBuilds,
      allow_clusters: allowClusters,
    } = options;
    // Button ids are decoded by pattern, not by choice, so a category is still checked here.
    const parsedCategory = category === undefined ? undefined : Category.safeParse(category);
    if (parsedCategory && !parsedCategory.success)
      return { ok: false, error: { message: `unknown category "${category}"`, suggestions: [...Category.options] } };
    const outcome = recommend(advisor, {
      ...readModelQuery(options),
      ...readWorkloadQuery(options),
      ...(budgetEur === undefined ? {} : { budgetEur }),
      ...(minTgTokensPerSecond === undefined ? {} : { minTgTokensPerSecond }),
      ...(parsedCategory?.success ? { category: parsedCategory.data } : {}),
      ...(priority === undefined ? {} : { priority }),
      ...(offset === undefined ? {} : { offset }),
      ...(allowBuilds === undefined ? {} : { allowBuilds }),
      ...(allowClusters === undefined ? {} : { allowClusters }),
    });
    return outcome.ok
      ? { ok: true, value: { command: 'recommend', result: outcome.value } }
      : { ok: false, error: userErrorOf(outcome.error) };
  },
  autocomplete: (optionName, typed, { advisor }) => sharedAutocomplete(optionName, typed, advisor.catalog),
});
