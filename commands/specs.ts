import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { specs } from '../src/advisor/index.ts';
import type { Command } from './command.ts';
import { everywhere, machineOption, modelOptions, readModelQuery, readWorkloadQuery, sharedAutocomplete, stringOption, workloadOptions } from './options.ts';

const definition: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'specs',
  description: "One machine's full sheet, with sources and speed estimates",
  ...everywhere,
  options: [machineOption('machine', 'The machine'), ...modelOptions, ...workloadOptions],
};

export const specsCommand: Command = {
  name: 'specs',
  definition,
  defer: false,
  run(options, { advisor }) {
    const outcome = specs(advisor, { machine: stringOption(options, 'machine') ?? '', ...readModelQuery(options), ...readWorkloadQuery(options) });
    return outcome.ok ? { ok: true, value: { command: 'specs', result: outcome.value } } : outcome;
  },
  autocomplete: (optionName, typed, { advisor }) => sharedAutocomplete(optionName, typed, advisor.catalog),
};
