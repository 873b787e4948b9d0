import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { priorities, recommend, type Priority } from '../src/advisor/index.ts';
import { Category } from '../src/catalog/schema.ts';
import type { Command } from './command.ts';
import { everywhere, modelOptions, numberOption, readModelQuery, readWorkloadQuery, sharedAutocomplete, stringOption, workloadOptions } from './options.ts';

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'recommend',
  description: 'Which machines can run a model, how fast, for what price',
  ...everywhere,
  options: [
    ...modelOptions,
    { type: ApplicationCommandOptionType.Number, name: 'budget', description: 'Most you will spend, in EUR', min_value: 1, max_value: 1_000_000 },
    ...workloadOptions,
    { type: ApplicationCommandOptionType.Number, name: 'min_speed', description: 'Slowest acceptable generation, tokens/s', min_value: 0, max_value: 10_000 },
    {
      type: ApplicationCommandOptionType.String,
      name: 'category',
      description: 'Only this kind of machine',
      choices: Category.options.map((category) => ({ name: category, value: category })),
    },
    { type: ApplicationCommandOptionType.Boolean, name: 'allow_builds', description: 'Include desktop builds and eGPU set-ups (default true)' },
    { type: ApplicationCommandOptionType.Boolean, name: 'allow_clusters', description: 'Include clusters of machines (default: only when nothing else fits)' },
    {
      type: ApplicationCommandOptionType.String,
      name: 'priority',
      description: 'Rank by speed, value (tok/s per euro), price, or cost (price + 3 years of power)',
      choices: priorities.map((priority) => ({ name: priority, value: priority })),
    },
  ],
};

export const recommendCommand: Command = {
  name: 'recommend',
  definition,
  defer: true,
  run(options, { advisor }) {
    const category = stringOption(options, 'category');
    const priority = stringOption(options, 'priority');
    const budgetEur = numberOption(options, 'budget');
    const minTgTokensPerSecond = numberOption(options, 'min_speed');
    const offset = numberOption(options, 'offset');
    const allowBuilds = options.allow_builds;
    const allowClusters = options.allow_clusters;
    const parsedCategory = category === undefined ? undefined : Category.safeParse(category);
    if (parsedCategory && !parsedCategory.success)
      return { ok: false, error: { message: `unknown category "${category}"`, suggestions: [...Category.options] } };
    const outcome = recommend(advisor, {
      ...readModelQuery(options),
      ...readWorkloadQuery(options),
      ...(budgetEur === undefined ? {} : { budgetEur }),
      ...(minTgTokensPerSecond === undefined ? {} : { minTgTokensPerSecond }),
      ...(parsedCategory?.success ? { category: parsedCategory.data } : {}),
      ...(priority === undefined ? {} : { priority: priority as Priority }),
      ...(offset === undefined ? {} : { offset }),
      ...(typeof allowBuilds === 'boolean' ? { allowBuilds } : {}),
      ...(typeof allowClusters === 'boolean' ? { allowClusters } : {}),
    });
    return outcome.ok ? { ok: true, value: { command: 'recommend', result: outcome.value } } : outcome;
  },
  autocomplete: (optionName, typed, { advisor }) => sharedAutocomplete(optionName, typed, advisor.catalog),
};
