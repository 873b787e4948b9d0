/**
 * The process's own flags (`--json`, `--chart file.png`, `--terminal`, `--http`, `--help`), read without
 * throwing: a typo or a missing value is the user's, so it comes back as an error value with
 * the closest flag, and main.ts exits 2 (node:util parseArgs throws a TypeError instead).
 */
import { closest } from 'fastest-levenshtein';
import type { UserError } from '../advisor/index.ts';

export interface CliArgs {
  json: boolean;
  terminal: boolean;
  /** Serve Discord's HTTP interactions endpoint instead of the gateway. */
  http: boolean;
  /** Print the reply the Discord bot would send, as JSON. */
  discord: boolean;
  help: boolean;
  chart?: string;
  /** The command line, e.g. `/specs machine:x`, from the words that are not flags. */
  positionals: string[];
}

/** Every flag; only --chart takes a value. */
const flagNames = ['json', 'discord', 'terminal', 'http', 'help', 'chart'] as const;
type Flag = (typeof flagNames)[number];
const isFlag = (name: string): name is Flag => (flagNames as readonly string[]).includes(name);

export function parseCliArgs(argv: readonly string[]): { ok: true; value: CliArgs } | { ok: false; error: UserError } {
  const fail = (message: string, suggestions: string[] = []) => ({
    ok: false as const,
    error: { message, suggestions },
  });
  const args: CliArgs = { json: false, discord: false, terminal: false, http: false, help: false, positionals: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      args.positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg === '-h') {
      args.help = true;
      continue;
    }
    if (!arg.startsWith('-') || /^-\d/.test(arg)) {
      args.positionals.push(arg);
      continue;
    }
    const [rawName = '', inlineValue] = arg.replace(/^-+/, '').split(/=(.*)/s, 2);
    if (!isFlag(rawName)) return fail(`unknown flag "${arg}"`, [`--${closest(rawName, [...flagNames])}`]);
    if (rawName !== 'chart') {
      if (inlineValue !== undefined) return fail(`--${rawName} takes no value`);
      args[rawName] = true;
      continue;
    }
    const value = inlineValue ?? argv[index + 1];
    if (value === undefined || value === '' || (inlineValue === undefined && value.startsWith('-')))
      return fail(`--${rawName} needs a value`, [`--${rawName} answer.png`]);
    if (inlineValue === undefined) index += 1;
    if (!/\.png$/i.test(value))
      return fail(`--chart writes a PNG: give a file name ending in .png, not "${value}"`, [
        `--chart ${value.replace(/\.[^./]*$/, '')}.png`,
      ]);
    args.chart = value;
  }
  if (args.discord && args.positionals.length === 0 && !args.help)
    return fail('--discord needs a command', ['--discord "/specs machine:framework-desktop-128gb"']);
  if (args.chart !== undefined && args.positionals.length === 0 && !args.help)
    return fail('--chart needs a command to chart', ['--chart answer.png "/recommend model:llama-3.3-70b"']);
  return { ok: true, value: args };
}
