/** Every slash command, by name: the one list the router, the terminal and deployment read. */
import type { Command } from './command.ts';
import { catalogCommand } from './catalog.ts';
import { compareCommand } from './compare.ts';
import { recommendCommand } from './recommend.ts';
import { specsCommand } from './specs.ts';

export const commands: readonly Command[] = [recommendCommand, compareCommand, specsCommand, catalogCommand];
export const commandsByName: ReadonlyMap<string, Command> = new Map(commands.map((command) => [command.name, command]));
export type { Command, CommandContext, CommandResult, OptionValues } from './command.ts';
