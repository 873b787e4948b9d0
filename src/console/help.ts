/**
 * `--help`, `help <command>` and `<command> --help`: every option with its type, range and
 * default, read from the command definitions (so help cannot list an option the bot lacks)
 * and from the core's own defaults.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { Command } from '../../commands/index.ts';
import { defaultCompareModel, defaultQuantization } from '../advisor/index.ts';
import { defaultWorkload } from '../estimator/index.ts';
import { wrap } from './wrap.ts';

export const terminalWidth = 100;

/** What an option is when it is not given; by command where the commands differ. */
function defaultOf(command: string, option: string): string | undefined {
  const byCommand: Record<string, Record<string, string>> = {
    recommend: { model: 'none (give model or model_size_gb)' },
    compare: { model: `${defaultCompareModel.model} ${defaultCompareModel.quant}` },
    specs: { model: 'none (the sheet estimates a standard set of models)' },
  };
  const shared: Record<string, string> = {
    quant: defaultQuantization,
    model_size_gb: 'none',
    params_b: 'estimated from the file size',
    active_params_b: 'params_b (a dense model)',
    context: `${defaultWorkload.contextTokens}, or the model's maximum if smaller`,
    prompt_tokens: `${defaultWorkload.promptTokens}, or the context if smaller`,
    budget: 'no limit',
    min_speed: 'no minimum',
    category: 'every category',
    allow_builds: 'true',
    allow_clusters: 'only when no single machine qualifies',
    priority: 'speed',
    offset: '0',
    kv_cache: 'f16',
    backend: 'auto',
    users: '1',
  };
  return byCommand[command]?.[option] ?? shared[option];
}

function typeOf(option: APIApplicationCommandOption): string {
  if ('choices' in option && option.choices && option.choices.length > 0)
    return option.choices.map((choice) => String(choice.value)).join('|');
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
      return 'N';
    case ApplicationCommandOptionType.Number:
      return option.name === 'budget' ? 'EUR' : 'X';
    case ApplicationCommandOptionType.Boolean:
      return 'true|false';
    default:
      return 'autocomplete' in option && option.autocomplete === true ? 'ID' : 'TEXT';
  }
}

function rangeOf(option: APIApplicationCommandOption): string {
  if (option.type !== ApplicationCommandOptionType.Integer && option.type !== ApplicationCommandOptionType.Number)
    return '';
  const low = option.min_value;
  const high = option.max_value;
  return low === undefined && high === undefined ? '' : ` From ${low ?? '…'} to ${high ?? '…'}.`;
}

const contextNote = [
  'context and prompt_tokens: context is the longest conversation the model must hold; it sizes',
  'memory (weights + KV cache) and so decides what fits. prompt_tokens is how much text is read',
  'before the answer starts: generation and prompt speeds, and the time to first token, are',
  'estimated at that depth. For "speed at 32k" give both: context:32k prompt_tokens:32k.',
];

const numberNote = 'Numbers as in a chat: 32k = 32768 tokens; 5k, 5,000, €5000 or 5000 EUR for a budget.';

/** One command: its options, each with type, range, default and what it means. */
export function commandHelp(command: Command): string {
  const options = command.definition.options ?? [];
  const lines = [`/${command.name} — ${command.definition.description}`, ''];
  if (options.length === 0) lines.push('No options.');
  for (const option of options) {
    const subcommand = option.type === ApplicationCommandOptionType.Subcommand;
    const head = subcommand ? `  ${option.name}` : `  ${option.name}:${typeOf(option)}`;
    const required = 'required' in option && option.required === true;
    const fallback = defaultOf(command.name, option.name);
    const description = option.description.replace(/\s*\(default[^)]*\)/, '');
    const tail = required ? ' Required.' : fallback === undefined ? '' : ` Default: ${fallback}.`;
    const text = `${description}.${rangeOf(option)}${tail}`.replace(/\.\./g, '.');
    const label = head.length <= 27 ? head.padEnd(28) : `${head}\n${''.padEnd(28)}`;
    lines.push(wrap(`${label}${text}`, terminalWidth, 28));
  }
  const names = new Set(options.map((option) => option.name));
  if (names.has('context') && names.has('prompt_tokens')) lines.push('', ...contextNote);
  if (
    options.some(
      (option) =>
        option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number,
    )
  )
    lines.push(numberNote);
  lines.push(
    '',
    `End a line with --json for the raw result${command.name === 'catalog' ? '' : ', or run it with --chart file.png for its chart'}.`,
  );
  return lines.join('\n');
}

/** Every flag and command, as `npm start -- --help` prints it. */
export function cliHelp(commands: ReadonlyMap<string, Command>): string {
  const lines = [
    'Rig Advisor: which hardware runs an LLM locally, how fast, for what price.',
    '',
    'Usage:',
    '  npm start                            Discord when DISCORD_TOKEN is set; else the terminal',
    '  npm start -- --terminal              the terminal, even with a token',
    '  npm start --silent -- "/COMMAND name:value …" [flags]   one command, then exit',
    '  npm start -- COMMAND --help          every option of one command, with its default',
    '',
    'Flags:',
    '  --json          print the raw result as one JSON document on stdout (notes go to stderr)',
    '  --chart FILE    write the chart of the answer as a PNG (FILE ends in .png)',
    '  --discord       print the requests the Discord bot sends to answer, in order (defer, then edit)',
    '  --terminal      run the terminal front even when DISCORD_TOKEN is set',
    "  --http          serve Discord's HTTP interactions endpoint instead of the gateway",
    "  --help, -h      this text; after a command, that command's options",
    '',
    'Exit status: 0 answered, 2 the input was wrong (with close matches), 1 anything else.',
    "--silent keeps npm's own banner off stdout, so --json output parses.",
    '',
    'Commands (Discord syntax: name:value, quotes around spaces):',
  ];
  for (const command of commands.values()) {
    const options = (command.definition.options ?? []).map((option) =>
      'required' in option && option.required ? `${option.name}:…` : `[${option.name}:…]`,
    );
    lines.push(
      wrap(`  /${command.name} ${options.join(' ')}`, terminalWidth, 6),
      `      ${command.definition.description}`,
    );
  }
  lines.push('', ...contextNote, numberNote, '', 'Examples:', ...examples);
  return lines.join('\n');
}

export const examples = [
  '  /recommend model:llama-3.3-70b quant:Q4_K_M context:32k budget:3000',
  '  /compare machine_a:framework-desktop-128gb machine_b:mac-studio-m4-max-128gb',
  '  /specs machine:gmktec-evo-x2-128gb model_size_gb:10',
];
