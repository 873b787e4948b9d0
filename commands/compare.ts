import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { compare } from '../src/advisor/index.ts';
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
  name: 'compare',
  description: 'Two machines side by side, spec by spec and estimate by estimate',
  ...everywhere,
  options: [
    machineOption('machine_a', 'First machine'),
    machineOption('machine_b', 'Second machine'),
    ...modelOptions,
    ...workloadOptions,
    ...setupOptions,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const compareCommand = defineCommand({
  name: 'compare',
  definition,
  defer: false,
  run(options, { advisor }) {
    const outcome = compare(advisor, {
      machineA: options.machine_a.trim(),
      machineB: options.machine_b.trim(),
      ...readModelQuery(options),
      ...readWorkloadQuery(options),
    });
    return outcome.ok
      ? { ok: true, value: { command: 'compare', result: outcome.value } }
      : { ok: false, error: userErrorOf(outcome.error) };
  },
  autocomplete: (optionName, typed, { advisor }) => sharedAutocomplete(optionName, typed, advisor.catalog),
});
