/**
 * Reads a slash command typed in the terminal with Discord's own syntax,
 * `/recommend model:llama-3.3-70b budget:3000 category:"mini-pc"`, and types each
 * value from the command's definition, as Discord would before calling the handler.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { Command, OptionValues } from '../../commands/index.ts';
import { closest, distance } from 'fastest-levenshtein';
import type { UserError } from '../advisor/index.ts';
import { currencyWords, optionUnits, parseQuantity } from './quantity.ts';

/** `--json` and `--help` may end a line, in one-shot and interactive use alike. */
export const lineFlags = ['json', 'help'] as const;
export type LineFlag = (typeof lineFlags)[number];

export type ParsedLine =
  { ok: true; command: Command; options: OptionValues; flags: ReadonlySet<LineFlag> } | { ok: false; error: UserError };

/** Splits on spaces outside quotes; `name:"two words"` and `name:'x'` keep their spaces. */
export function tokenize(line: string): string[] | UserError {
  const tokens: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inToken = false;
  for (const character of line) {
    if (quote) {
      if (character === quote) quote = undefined;
      else current += character;
    } else if (character === '"' || character === "'") {
      quote = character;
      inToken = true;
    } else if (/\s/.test(character)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += character;
      inToken = true;
    }
  }
  if (quote) return { message: `a ${quote} quote is not closed`, suggestions: [] };
  if (inToken) tokens.push(current);
  return tokens;
}

function isBasic(option: APIApplicationCommandOption): option is Extract<
  APIApplicationCommandOption,
  {
    type:
      | ApplicationCommandOptionType.String
      | ApplicationCommandOptionType.Integer
      | ApplicationCommandOptionType.Number
      | ApplicationCommandOptionType.Boolean;
  }
> {
  return [
    ApplicationCommandOptionType.String,
    ApplicationCommandOptionType.Integer,
    ApplicationCommandOptionType.Number,
    ApplicationCommandOptionType.Boolean,
  ].includes(option.type);
}

function typeValue(
  option: APIApplicationCommandOption,
  raw: string,
): { ok: true; value: string | number | boolean } | { ok: false; error: UserError } {
  const fail = (message: string, suggestions: string[] = []) => ({
    ok: false as const,
    error: { message, suggestions },
  });
  if (!isBasic(option)) return fail(`option ${option.name} cannot be typed in the terminal`);
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const parsed = parseQuantity(
        raw,
        optionUnits[option.name] ?? 'plain',
        option.name,
        option.type === ApplicationCommandOptionType.Integer,
      );
      if (!parsed.ok) return parsed;
      const value = parsed.value;
      if (option.min_value !== undefined && value < option.min_value)
        return fail(`${option.name} is at least ${option.min_value} (got ${value})`);
      if (option.max_value !== undefined && value > option.max_value)
        return fail(`${option.name} is at most ${option.max_value} (got ${value})`);
      return { ok: true, value };
    }
    case ApplicationCommandOptionType.Boolean:
      if (!['true', 'false'].includes(raw)) return fail(`${option.name} is true or false`, ['true', 'false']);
      return { ok: true, value: raw === 'true' };
    case ApplicationCommandOptionType.String: {
      if (option.max_length !== undefined && raw.length > option.max_length)
        return fail(`${option.name} is at most ${option.max_length} characters`);
      const choices =
        'choices' in option && option.choices ? option.choices.map((choice) => String(choice.value)) : undefined;
      if (choices && !choices.includes(raw)) return fail(`${option.name} is one of ${choices.join(', ')}`, choices);
      return { ok: true, value: raw };
    }
  }
}

export function parseLine(line: string, commands: ReadonlyMap<string, Command>): ParsedLine {
  const tokens = tokenize(line.trim());
  if (!Array.isArray(tokens)) return { ok: false, error: tokens };
  const [head, ...rest] = tokens;
  const names = [...commands.keys()].map((name) => `/${name}`);
  if (head === undefined) return { ok: false, error: { message: 'type a command', suggestions: names } };
  const command = commands.get(head.replace(/^\//, ''));
  if (!command) return { ok: false, error: { message: `unknown command "${head}"`, suggestions: names } };

  const definitions = command.definition.options ?? [];
  const options: Record<string, string | number | boolean> = {};
  const flags = new Set<LineFlag>();
  let previous: string | undefined;
  for (const token of rest) {
    const separator = token.indexOf(':');
    const allowed = definitions.map((option) => `${option.name}:`);
    if (token.startsWith('-')) {
      const flag = lineFlags.find((name) => `--${name}` === token || (name === 'help' && token === '-h'));
      if (!flag)
        return {
          ok: false,
          error: {
            message: `unknown flag "${token}"`,
            suggestions: [`--${closest(token.replace(/^-+/, ''), [...lineFlags])}`],
          },
        };
      flags.add(flag);
      continue;
    }
    // `budget:5000 EUR`: the unit typed after the number, as in a chat.
    if (separator < 0 && previous !== undefined && optionUnits[previous] === 'eur' && currencyWords.test(token))
      continue;
    if (separator <= 0) return { ok: false, error: { message: `"${token}" is not name:value`, suggestions: allowed } };
    const name = token.slice(0, separator);
    const option = definitions.find((candidate) => candidate.name === name);
    if (!option) {
      const nearestFirst = [...allowed].sort((a, b) => distance(name, a.slice(0, -1)) - distance(name, b.slice(0, -1)));
      return { ok: false, error: { message: `/${command.name} has no option "${name}"`, suggestions: nearestFirst } };
    }
    if (name in options) return { ok: false, error: { message: `${name} is given twice`, suggestions: [] } };
    const typed = typeValue(option, token.slice(separator + 1));
    if (!typed.ok) return typed;
    options[name] = typed.value;
    previous = name;
  }
  if (flags.has('help')) return { ok: true, command, options, flags };
  const missing = definitions
    .filter((option) => 'required' in option && option.required && !(option.name in options))
    .map((option) => option.name);
  if (missing.length > 0)
    return {
      ok: false,
      error: {
        message: `/${command.name} needs ${missing.join(', ')}`,
        suggestions: missing.map((name) => `${name}:`),
      },
    };
  return { ok: true, command, options, flags };
}
