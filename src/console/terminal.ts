/**
 * The terminal front: the same slash commands as Discord, one-shot
 * (`npm start -- "/specs machine:framework-desktop-128gb"`) or interactive with tab completion.
 */
import { createInterface, type Completer } from 'node:readline';
import type { Command, CommandContext, CommandResult, OptionValues } from '../../commands/index.ts';
import { commandHelp, examples, terminalWidth } from './help.ts';
import { resultJson } from './json.ts';
import { parseLine } from './parse.ts';
import { renderResult, renderUserError } from './render.ts';
import { wrap } from './wrap.ts';

export interface TerminalOptions {
  commands: ReadonlyMap<string, Command>;
  context: CommandContext;
  json: boolean;
}

export interface LineOutcome {
  output: string;
  /** 0 done, 2 the input was wrong. */
  exitCode: 0 | 2;
  /** What the command answered, for a chart. */
  answer?: CommandResult;
  /** The output is a JSON document: anything else (a chart note) goes elsewhere. */
  json?: boolean;
  /** The options as typed, for a front that renders the answer itself (--discord). */
  options?: OptionValues;
}

export function executeLine(line: string, options: TerminalOptions): LineOutcome {
  // `help`, `help recommend`, `?`: the same help in one-shot and interactive use.
  const [first, second, ...more] = line.trim().split(/\s+/);
  if ((first === 'help' || first === '?') && more.length === 0) {
    if (second === undefined) return { output: helpText(options.commands), exitCode: 0 };
    const command = options.commands.get(second.replace(/^\//, ''));
    if (command) return { output: commandHelp(command), exitCode: 0 };
    return {
      output: renderUserError({
        message: `no command "${second}"`,
        suggestions: [...options.commands.keys()].map((name) => `help ${name}`),
      }),
      exitCode: 2,
    };
  }
  const parsed = parseLine(line, options.commands);
  if (!parsed.ok) return { output: renderUserError(parsed.error), exitCode: 2 };
  if (parsed.flags.has('help')) return { output: commandHelp(parsed.command), exitCode: 0 };
  const json = options.json || parsed.flags.has('json');
  // With a store, answer from whatever it serves now (a /catalog reload may have swapped it).
  const store = options.context.store;
  const context = store ? { advisor: store.current(), store } : options.context;
  const outcome = parsed.command.run(parsed.options, context);
  if (!outcome.ok) return { output: renderUserError(outcome.error), exitCode: 2 };
  return {
    output: json ? resultJson(outcome.value.result) : renderResult(outcome.value),
    exitCode: 0,
    answer: outcome.value,
    json,
    options: parsed.options,
  };
}

/** Tab completion from the same sources as Discord's autocomplete: commands, option names, then values. */
export function completeLine(line: string, options: TerminalOptions): [string[], string] {
  const lastSpace = line.lastIndexOf(' ');
  const word = line.slice(lastSpace + 1);
  if (lastSpace < 0) {
    const names = [...options.commands.keys()].map((name) => `/${name}`);
    return [names.filter((name) => name.startsWith(word)), word];
  }
  const command = options.commands.get(line.trim().split(/\s+/)[0]?.replace(/^\//, '') ?? '');
  if (!command) return [[], word];
  const separator = word.indexOf(':');
  if (separator < 0) {
    const names = (command.definition.options ?? []).map((option) => `${option.name}:`);
    return [names.filter((name) => name.startsWith(word)), word];
  }
  const optionName = word.slice(0, separator);
  const typed = word.slice(separator + 1);
  const definition = command.definition.options?.find((option) => option.name === optionName);
  const staticChoices =
    definition && 'choices' in definition && definition.choices
      ? definition.choices.map((choice) => String(choice.value))
      : [];
  const values =
    staticChoices.length > 0
      ? staticChoices.filter((value) => value.startsWith(typed))
      : (command.autocomplete?.(optionName, typed, options.context) ?? []).map((choice) => choice.value);
  return [values.map((value) => `${optionName}:${value}`), word];
}

export async function runInteractive(
  options: TerminalOptions,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<void> {
  const completer: Completer = (line) => completeLine(line, options);
  const isTerminal = 'isTTY' in input && input.isTTY === true;
  const readline = createInterface({ input, output, completer, terminal: isTerminal, prompt: 'rig-advisor> ' });
  const write = (text: string) => output.write(`${text}\n`);
  if (isTerminal) {
    write('Rig Advisor — the Discord slash commands, in the terminal. Tab completes; "help" lists them; Ctrl-D quits.');
    readline.prompt();
  }
  for await (const rawLine of readline) {
    const line = rawLine.trim();
    if (line === 'quit' || line === 'exit') break;
    if (line === 'clear') output.write('\x1b[2J\x1b[H');
    else if (line !== '') write(executeLine(line, options).output);
    if (isTerminal) readline.prompt();
  }
  readline.close();
}

export function helpText(commands: ReadonlyMap<string, Command>): string {
  const lines = ['Commands (Discord syntax, name:value, quotes for spaces):'];
  for (const command of commands.values()) {
    const options = (command.definition.options ?? []).map((option) =>
      'required' in option && option.required ? `${option.name}:…` : `[${option.name}:…]`,
    );
    lines.push(
      wrap(`  /${command.name} ${options.join(' ')}`, terminalWidth, 6),
      `      ${command.definition.description}`,
    );
  }
  lines.push(
    '"help recommend" (or "/recommend --help") lists one command\'s options with their defaults.',
    'End a line with --json for the raw result. "clear" clears the screen; "quit" or Ctrl-D quits.',
    'Examples:',
    ...examples,
  );
  return lines.join('\n');
}
