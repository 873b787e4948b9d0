import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { compare } from '../src/advisor/index.ts';
import type { Command } from './command.ts';
import { everywhere, machineOption, modelOptions, readModelQuery, readWorkloadQuery, sharedAutocomplete, stringOption, workloadOptions } from './options.ts';

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'compare',
  description: 'Two machines side by side, spec by spec and estimate by estimate',
  ...everywhere,
  options: [
    machineOption('machine_a', 'First machine'),
    machineOption('machine_b', 'Second machine'),
    ...modelOptions,
    ...workloadOptions,
  ],
};

export const compareCommand: Command = {
  name: 'compare',
  definition,
  defer: false,
  run(options, { advisor }) {
    const outcome = compare(advisor, {
      machineA: stringOption(options, 'machine_a') ?? '',
      machineB: stringOption(options, 'machine_b') ?? '',
      ...readModelQuery(options),
      ...readWorkloadQuery(options),
    });
    return outcome.ok ? { ok: true, value: { command: 'compare', result: outcome.value } } : outcome;
  },
  autocomplete: (optionName, typed, { advisor }) => sharedAutocomplete(optionName, typed, advisor.catalog),
};
