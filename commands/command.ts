/**
 * The shape every slash command shares. A command is its Discord definition plus a
 * medium-free `run` (options in, advisor result out); each front (Discord, terminal)
 * renders the result its own way.
 *
 * Definitions are written `as const satisfies` the API type, so their literal option names
 * and types survive; `ArgsOf<typeof definition>` derives the values a handler may read
 * (as yuudachi's `ArgsParam<typeof Command>` does). Reading an option the definition lacks
 * does not compile.
 */
import {
  ApplicationCommandOptionType,
  type APIApplicationCommandOptionChoice,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Advisor, CompareResult, RecommendResult, SpecsResult, UserError } from '../src/advisor/index.ts';
import type { AdvisorStore, ReloadReport } from '../src/advisor/store.ts';

/** Option values by name, untyped: what the router and the terminal parser hand to `run`. */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** A definition as written in commands/*.ts: the API body, possibly readonly from `as const`. */
export type Definition = DeepReadonly<RESTPostAPIChatInputApplicationCommandsJSONBody>;
type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

interface OptionShape {
  readonly name: string;
  readonly type: ApplicationCommandOptionType;
  readonly required?: boolean;
  readonly choices?: readonly { readonly value: string | number }[];
}

/** The value one option takes: its choices when it has them, else its type's. */
type ValueOf<O extends OptionShape> = O extends { readonly choices: readonly { readonly value: infer V }[] }
  ? V
  : O['type'] extends ApplicationCommandOptionType.String
    ? string
    : O['type'] extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
      ? number
      : O['type'] extends ApplicationCommandOptionType.Boolean
        ? boolean
        : never;

type OptionsOf<D> = D extends { readonly options: readonly (infer O)[] } ? Extract<O, OptionShape> : never;

/** The typed option values of a definition: required options present, the rest optional. */
export type ArgsOf<D> = {
  readonly [O in OptionsOf<D> as O extends { readonly required: true } ? O['name'] : never]: ValueOf<O>;
} & {
  readonly [O in OptionsOf<D> as O extends { readonly required: true } ? never : O['name']]?: ValueOf<O>;
};

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

/** A command's answer, or the mistake in the question worded for the fronts (src/format/user-errors.ts). */
export type CommandOutcome = { ok: true; value: CommandResult } | { ok: false; error: UserError };

export interface Command {
  name: CommandResult['command'];
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Replies that may take longer than Discord's 3 s deadline defer first. */
  defer: boolean;
  /** Answers only the person who asked (admin commands). */
  ephemeral?: boolean;
  run(options: OptionValues, context: CommandContext): CommandOutcome;
  /** Choices for the focused option; pure and served from memory (autocomplete cannot defer). */
  autocomplete?(
    optionName: string,
    typed: string,
    context: CommandContext,
  ): APIApplicationCommandOptionChoice<string>[];
}

/** A command as written: its `run` reads the options its own definition declares, typed. */
export interface CommandSpec<D extends Definition> extends Omit<Command, 'definition' | 'run'> {
  definition: D;
  run(options: ArgsOf<D>, context: CommandContext): CommandOutcome;
}

const typeofOption: Partial<Record<ApplicationCommandOptionType, 'string' | 'number' | 'boolean'>> = {
  [ApplicationCommandOptionType.String]: 'string',
  [ApplicationCommandOptionType.Integer]: 'number',
  [ApplicationCommandOptionType.Number]: 'number',
  [ApplicationCommandOptionType.Boolean]: 'boolean',
};

/**
 * The one place the typed handler meets untyped input (an interaction, a terminal line, a
 * button id). Required options present and each value of its declared type is checked here,
 * so the cast below holds; choice values are not (button ids are decoded by pattern), so
 * handlers still check those.
 */
export function defineCommand<const D extends Definition>(spec: CommandSpec<D>): Command {
  const declared: readonly OptionShape[] = spec.definition.options ?? [];
  return {
    ...spec,
    definition: spec.definition as RESTPostAPIChatInputApplicationCommandsJSONBody,
    run(options, context) {
      const missing = declared
        .filter((option) => option.required && options[option.name] === undefined)
        .map((option) => option.name);
      if (missing.length > 0)
        return {
          ok: false,
          error: {
            message: `/${spec.name} needs ${missing.join(', ')}`,
            suggestions: missing.map((name) => `${name}:`),
          },
        };
      const mistyped = declared.find(
        (option) => options[option.name] !== undefined && typeof options[option.name] !== typeofOption[option.type],
      );
      if (mistyped)
        return {
          ok: false,
          error: { message: `${mistyped.name} takes a ${typeofOption[mistyped.type] ?? 'value'}`, suggestions: [] },
        };
      return spec.run(options as ArgsOf<D>, context);
    },
  };
}

/** Discord's own limits for autocomplete. */
export const maxChoices = 25;
export const maxChoiceNameLength = 100;
