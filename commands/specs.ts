import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { specs } from '../src/advisor/index.ts';
import { userErrorOf } from '../src/format/index.ts';
import { defineCommand } from './command.ts';
import {
  everywhere,
  machineOption,
  modelOptions,
  readModelQuery,
  readWorkloadQuery,
  setupOptions,
  sharedAutocomplete,
  workloadOptions,
} from './options.ts';

const definition = {
  name: 'specs',
  description: "One machine's full sheet, with sources and speed estimates",
  ...everywhere,
  options: [machineOption('machine', 'The machine'), ...modelOptions, ...workloadOptions, ...setupOptions],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const specsCommand = defineCommand({
  name: 'specs',
  definition,
  defer: false,
  run(options, { advisor }) {
    const outcome = specs(advisor, {
      machine: options.machine.trim(),
      ...readModelQuery(options),
      ...readWorkloadQuery(options),
    });
    return outcome.ok
      ? { ok: true, value: { command: 'specs', result: outcome.value } }
      : { ok: false, error: userErrorOf(outcome.error) };
  },
  autocomplete: (optionName, typed, { advisor }) => sharedAutocomplete(optionName, typed, advisor.catalog),
});
