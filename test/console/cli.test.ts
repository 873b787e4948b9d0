/**
 * The terminal as a command-line tool: flags that fail as user errors (exit 2, the closest
 * flag), chat shorthand for numbers, help that lists every option with its default, and
 * output that fits 100 columns.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands, commandsByName } from '../../commands/index.ts';
import { recommendCommand } from '../../commands/recommend.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { parseCliArgs } from '../../src/console/cli-args.ts';
import { cliHelp, commandHelp } from '../../src/console/help.ts';
import { parseLine } from '../../src/console/parse.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { wrap } from '../../src/console/wrap.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

const options = { commands: commandsByName, context: { advisor: createAdvisor(fixtureCatalog()) }, json: false };
const errorOf = (argv: string[]) => {
  const parsed = parseCliArgs(argv);
  return parsed.ok ? undefined : parsed.error;
};
const valueOf = (line: string, name: string) => {
  const parsed = parseLine(line, commandsByName);
  return parsed.ok ? parsed.options[name] : parsed.error.message;
};

/** Lines over the width: only a word that cannot be broken (a long URL) may stand alone past it. */
const overWidth = (text: string) => text.split('\n').filter((line) => line.length > 100 && /\s/.test(line.trim()));

describe('process flags', () => {
  it('reads the flags and leaves the command line as positionals', () => {
    expect(parseCliArgs(['/specs machine:x', '--json', '--chart', 'a.png'])).toEqual({
      ok: true,
      value: {
        json: true,
        discord: false,
        terminal: false,
        http: false,
        help: false,
        chart: 'a.png',
        positionals: ['/specs machine:x'],
      },
    });
    expect(parseCliArgs(['--chart=b.PNG', 'recommend', '-h'])).toMatchObject({
      ok: true,
      value: { chart: 'b.PNG', help: true, positionals: ['recommend'] },
    });
  });

  it('names the closest flag for a typo', () => {
    expect(errorOf(['--jsn'])).toEqual({ message: 'unknown flag "--jsn"', suggestions: ['--json'] });
    expect(errorOf(['--chrat', 'x.png'])?.suggestions).toEqual(['--chart']);
    expect(errorOf(['--termnal'])?.suggestions).toEqual(['--terminal']);
  });

  it('refuses a flag without its value, or a value where none is taken', () => {
    expect(errorOf(['/specs machine:x', '--chart'])?.message).toBe('--chart needs a value');
    expect(errorOf(['/specs machine:x', '--chart', '--json'])?.message).toBe('--chart needs a value');
    expect(errorOf(['--json=yes'])?.message).toBe('--json takes no value');
  });

  it('writes charts only to .png files, and only for a command', () => {
    expect(errorOf(['/specs machine:x', '--chart', 'x.jpg'])?.suggestions).toEqual(['--chart x.png']);
    expect(errorOf(['--chart', 'x.png'])?.message).toBe('--chart needs a command to chart');
  });
});

describe('numbers as typed in a chat', () => {
  it('counts a token k as 1024 and a euro k as 1000', () => {
    expect(valueOf('/recommend context:32k', 'context')).toBe(32_768);
    expect(valueOf('/recommend prompt_tokens:8K', 'prompt_tokens')).toBe(8_192);
    expect(valueOf('/recommend context:1.5k', 'context')).toBe(1_536);
    expect(valueOf('/recommend budget:5k', 'budget')).toBe(5_000);
    expect(valueOf('/recommend budget:2.5k', 'budget')).toBe(2_500);
  });

  it('takes thousands separators and the euro sign or word, before or after', () => {
    for (const typed of [
      'budget:5,000',
      'budget:€5000',
      'budget:5000€',
      'budget:EUR5000',
      'budget:5000 EUR',
      'budget:5000 euros',
      'budget:"5,000 EUR"',
      'budget:€5k',
    ])
      expect(valueOf(`/recommend ${typed}`, 'budget'), typed).toBe(5_000);
    expect(valueOf('/recommend budget:123,456', 'budget')).toBe(123_456);
  });

  it('refuses nonsense with an example of what works', () => {
    expect(valueOf('/recommend budget:cheap', 'budget')).toBe(
      'budget takes a number such as 5000, 5k, 5,000 or €5000, not "cheap"',
    );
    expect(valueOf('/recommend budget:$5000', 'budget')).toBe(
      'budget is in EUR (prices are compared in euros, incl. VAT), not "$5000"',
    );
    expect(valueOf('/recommend context:32q', 'context')).toBe(
      'context takes a whole number such as 32768 or 32k, not "32q"',
    );
    // 5,00 is no thousands grouping (a decimal comma?); a currency belongs to the budget only
    for (const typed of ['budget:5,00', 'budget:5kk', 'budget:k', 'context:€4096', 'context:0x8000', 'min_speed:5 EUR'])
      expect(parseLine(`/recommend ${typed}`, commandsByName).ok, typed).toBe(false);
    expect(valueOf('/recommend context:1.2k', 'context')).toBe(
      'context takes a whole number such as 32768 or 32k, not "1.2k"',
    );
  });

  it('still applies the definition limits after the multiplier', () => {
    expect(valueOf('/recommend budget:2m', 'budget')).toBe('budget is at most 1000000 (got 2000000)');
  });
});

describe('help', () => {
  it('lists every option of every command with its default, or says it is required', () => {
    for (const command of commands) {
      const help = commandHelp(command);
      for (const option of command.definition.options ?? []) {
        if (option.type === ApplicationCommandOptionType.Subcommand) {
          expect(help).toMatch(new RegExp(`^  ${option.name}\\s+${option.description.slice(0, 20)}`, 'm'));
          continue;
        }
        const entry = new RegExp(`^  ${option.name}(?::\\S+)?\\s[\\s\\S]*?(?:Default: [^\\n]+|Required\\.)`, 'm');
        expect(help, `${command.name} ${option.name}`).toMatch(entry);
      }
    }
  });

  it('says what context and prompt_tokens mean, and how they differ', () => {
    const help = commandHelp(recommendCommand);
    expect(help).toMatch(/context is the longest conversation[^]*sizes\s+memory/);
    expect(help).toMatch(/prompt_tokens is how much text is read\s+before the answer/);
  });

  it('states the defaults the advisor really uses', async () => {
    const help = commandHelp(recommendCommand);
    const contextDefault = Number(/context:N[^]*?Default: (\d+)/.exec(help)?.[1]);
    const promptDefault = Number(/prompt_tokens:N[^]*?Default: (\d+)/.exec(help)?.[1]);
    const quantDefault = /quant:\S+[^]*?Default: (\S+)\./.exec(help)?.[1];
    const priorityDefault = /priority:\S+[^]*?Default: (\w+)\./.exec(help)?.[1];
    // Llama 3.3 70B handles 131072 tokens, so the plain defaults apply
    const live = { commands: commandsByName, context: { advisor: await liveAdvisor() }, json: false };
    const run = executeLine('/recommend model:llama-3.3-70b --json', live);
    const result = JSON.parse(run.output) as {
      workload: { contextTokens: number; promptTokens: number };
      model: { quantization: string };
      priority: string;
    };
    expect([
      result.workload.contextTokens,
      result.workload.promptTokens,
      result.model.quantization,
      result.priority,
    ]).toEqual([contextDefault, promptDefault, quantDefault, priorityDefault]);
  }, 60_000);

  it('answers --help after a command, and help <command>, without running it', () => {
    for (const line of ['/compare --help', 'compare -h', 'help compare', 'help /compare']) {
      const outcome = executeLine(line, options);
      expect(outcome.exitCode, line).toBe(0);
      expect(outcome.output, line).toMatch(/^\/compare — /);
      expect(outcome.output, line).toMatch(/machine_b:ID\s+Second machine\. Required\./);
    }
    expect(executeLine('help nope', options).exitCode).toBe(2);
  });

  it('fits 100 columns', () => {
    expect(overWidth(cliHelp(commandsByName))).toEqual([]);
    for (const command of commands) expect(overWidth(commandHelp(command))).toEqual([]);
  });
});

describe('a line', () => {
  it('may end with --json, and an unknown flag gets the closest one', () => {
    const outcome = executeLine('/specs machine:test-mini --json', options);
    expect((JSON.parse(outcome.output) as { machine: { id: string } }).machine.id).toBe('test-mini');
    expect(executeLine('/specs machine:test-mini --jsno', options).output).toBe('unknown flag "--jsno". Try: --json');
  });

  it('puts the nearest option name first for a typo', () => {
    const parsed = parseLine('/recommend budgte:3000', commandsByName);
    expect(parsed.ok ? [] : parsed.error.suggestions[0]).toBe('budget:');
  });
});

describe('workload mistakes', () => {
  it('asks for a context that holds the prompt and the reply, not for the old context', () => {
    // 8000 prompt + 128 generated tokens > the default 4096 context
    expect(executeLine('/recommend model:test-dense-8b quant:Q4_0 prompt_tokens:8000', options)).toEqual({
      output:
        'prompt_tokens 8000 does not fit in context 4096: raise context to at least 8128 (the prompt plus 128\n  generated tokens). Try: context:8128',
      exitCode: 2,
    });
    expect(
      executeLine('/recommend model:test-dense-8b quant:Q4_0 prompt_tokens:8000 context:8128', options).exitCode,
    ).toBe(0);
  });

  it('refuses a model named twice (by id and by size) instead of ignoring one', () => {
    const outcome = executeLine('/recommend model:test-dense-8b model_size_gb:10', options);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.output).toMatch(/^give model or model_size_gb, not both/);
  });
});

describe('wrapping', () => {
  it('breaks at spaces with a hanging indent and keeps padded columns', () => {
    expect(wrap('aaa bbb ccc ddd', 8, 2)).toBe('aaa bbb\n  ccc\n  ddd');
    expect(wrap('x    y', 20)).toBe('x    y');
    expect(wrap('see https://example.com/a/very/long/path end', 12, 2)).toBe(
      'see\n  https://example.com/a/very/long/path\n  end',
    );
  });
});

describe('the README examples', () => {
  const readme = readFileSync('README.md', 'utf8');
  const examples = [...readme.matchAll(/^\$ npm start -- "([^"]+)"/gm)].map((match) => match[1] ?? '');

  it('are at least the four the README shows', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it('print every line within 100 columns on the live catalog', async () => {
    const live = { commands: commandsByName, context: { advisor: await liveAdvisor() }, json: false };
    for (const example of examples) {
      const outcome = executeLine(example, live);
      expect(outcome.exitCode, example).toBe(0);
      expect(overWidth(outcome.output), example).toEqual([]);
    }
  }, 60_000);
});
