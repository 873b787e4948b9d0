/**
 * Property tests: random option sets — huge, negative, NaN, unicode, empty, 10 kB,
 * injection-looking — thrown at every command and at the terminal parser. Nothing may
 * throw; every answer is a result or a user error that says something.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { commands, type OptionValues } from '../../commands/index.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

const advisor = createAdvisor(fixtureCatalog());
const context = { advisor };
const catalogIds = [...advisor.catalog.machines.map((machine) => machine.id), ...advisor.catalog.models.map((model) => model.id), 'Q4_0', 'F16', 'q8_0'];

/** Strings a user (or an attacker) might type. */
const nastyString = fc.oneof(
  fc.constantFrom(...catalogIds),
  fc.constantFrom('', ' ', '@everyone', '@here', '<@123456789012345678>', '**bold**', '`code`', '||spoiler||', '"quoted"', "it's", 'null', 'undefined', 'NaN', '-1', '1e309', '../../etc/passwd', '\u0000', '🦙', 'ｌｌａｍａ'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 10_000, maxLength: 10_000 }).map((text) => text || 'x'.repeat(10_000)),
);
const nastyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, -1, 1e308, 2 ** 53, 256, 4096, 131072, 3000),
);

function optionValuesFor(command: (typeof commands)[number]): fc.Arbitrary<OptionValues> {
  const entries = (command.definition.options ?? []).map((option) => {
    const value: fc.Arbitrary<string | number | boolean> =
      option.type === ApplicationCommandOptionType.String
        ? nastyString
        : option.type === ApplicationCommandOptionType.Boolean
          ? fc.boolean()
          : nastyNumber;
    return [option.name, fc.option(value, { nil: undefined })] as const;
  });
  return fc.record(Object.fromEntries([...entries, ['offset', fc.option(nastyNumber, { nil: undefined })]]));
}

const runsPerCommand = 3500;

describe('fuzzing the commands', () => {
  for (const command of commands) {
    it(`/${command.name} answers ${runsPerCommand} random option sets without throwing`, () => {
      fc.assert(
        fc.property(optionValuesFor(command), (options) => {
          const outcome = command.run(options, context);
          if (!outcome.ok) expect(outcome.error.message.length).toBeGreaterThan(0);
          else expect(outcome.value.command).toBe(command.name);
        }),
        { numRuns: runsPerCommand },
      );
    });
  }

  it('the terminal parser answers 3000 random lines without throwing, exit 0 or 2', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.tuple(fc.constantFrom('/recommend', '/compare', '/specs', '/nope', 'recommend', ''), fc.array(fc.tuple(fc.constantFrom('model', 'quant', 'budget', 'context', 'machine', 'machine_a', 'machine_b', 'x', ''), nastyString.map((text) => text.slice(0, 300))), { maxLength: 6 }))
        .map(([head, pairs]) => [head, ...pairs.map(([name, value]) => `${name}:${value.includes(' ') ? `"${value}"` : value}`)].join(' ')),
    );
    fc.assert(
      fc.property(line, (text) => {
        const outcome = executeLine(text, { commands: new Map(commands.map((command) => [command.name, command])), context, json: false });
        expect([0, 2]).toContain(outcome.exitCode);
        expect(outcome.output.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});
