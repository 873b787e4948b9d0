/**
 * The shape every slash command shares. A command is its Discord definition plus a
 * medium-free `run` (options in, advisor result out); each front (Discord, terminal)
 * renders the result its own way.
 */
import type { APIApplicationCommandOptionChoice, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Advisor, CompareResult, Outcome, RecommendResult, SpecsResult } from '../src/advisor/index.ts';
import type { AdvisorStore, ReloadReport } from '../src/advisor/store.ts';

/** Option values by name, already typed: Discord types them itself, the terminal parser from the definition. */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

export interface CommandContext {
  advisor: Advisor;
  /** Present where the catalog can be reloaded (the Discord bot); absent in one-shot runs. */
  store?: AdvisorStore;
}

/** What a run produced, tagged so renderers can switch on it. */
export type CommandResult =
  | { command: 'recommend'; result: RecommendResult }
  | { command: 'compare'; result: CompareResult }
  | { command: 'specs'; result: SpecsResult }
  | { command: 'catalog'; result: ReloadReport };

export interface Command {
  name: CommandResult['command'];
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Replies that may take longer than Discord's 3 s deadline defer first. */
  defer: boolean;
  /** Answers only the person who asked (admin commands). */
  ephemeral?: boolean;
  run(options: OptionValues, context: CommandContext): Outcome<CommandResult>;
  /** Choices for the focused option; pure and served from memory (autocomplete cannot defer). */
  autocomplete?(optionName: string, typed: string, context: CommandContext): APIApplicationCommandOptionChoice<string>[];
}

/** Discord's own limits for autocomplete. */
export const maxChoices = 25;
export const maxChoiceNameLength = 100;
