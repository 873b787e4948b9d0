/**
 * Property tests: random option sets — huge, negative, NaN, unicode, empty, 10 kB,
 * injection-looking — thrown at every command, rendered for Discord; random lines at
 * the terminal parser; random keystrokes at every autocomplete. Nothing may throw; every
 * answer is a result or a user error that says something; every Discord reply stays within Discord's limits and its schema, and
 * echoes no mention or raw markdown of what the user typed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { commands, type OptionValues } from '../../commands/index.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';
import { renderCommandResult, renderUserError } from '../../src/discord/render/index.ts';
import { limitProblems } from '../../src/discord/limits.ts';
import { limitChoices } from '../../src/discord/router.ts';
import { deliveryErrors, schemaErrors, schemaNames } from '../helpers/discord-schema.ts';

const advisor = createAdvisor(fixtureCatalog());
const context = { advisor };
const catalogIds = [
  ...advisor.catalog.machines.map((machine) => machine.id),
  ...advisor.catalog.models.map((model) => model.id),
  'Q4_0',
  'F16',
  'q8_0',
];

/** Strings a user (or an attacker) might type. */
const nastyString = fc.oneof(
  fc.constantFrom(...catalogIds),
  fc.constantFrom(
    '',
    ' ',
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '**bold**',
    '`code`',
    '||spoiler||',
    '"quoted"',
    "it's",
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '../../etc/passwd',
    '\u0000',
    '🦙',
    'ｌｌａｍａ',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  // 10 kB strings: generating random ones ten thousand times dominates the run, so a few shapes.
  fc.constantFrom('x'.repeat(10_000), '@everyone '.repeat(1_000), '**'.repeat(5_000), `${'é'.repeat(4_999)}🦙`),
);
const nastyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    0,
    -0,
    -1,
    1e308,
    2 ** 53,
    256,
    4096,
    131072,
    3000,
  ),
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

const runsPerCommand = 10_000;

describe('fuzzing the commands', () => {
  for (const command of commands) {
    it(`/${command.name} answers ${runsPerCommand} random option sets without throwing`, () => {
      fc.assert(
        fc.property(optionValuesFor(command), (options) => {
          const outcome = command.run(options, context);
          if (!outcome.ok) expect(outcome.error.message.length).toBeGreaterThan(0);
          else expect(outcome.value.command).toBe(command.name);
          const payload = outcome.ok ? renderCommandResult(outcome.value, options) : renderUserError(outcome.error);
          expect(limitProblems(payload)).toEqual([]);
          expect(payload.allowed_mentions).toEqual({ parse: [] });
          const shown = JSON.stringify(payload.embeds);
          expect(shown).not.toMatch(/@(everyone|here)/);
        }),
        { numRuns: runsPerCommand },
      );
    }, 300_000);
  }

  it("every reply shape validates against Discord's published schema (300 runs a command)", () => {
    for (const command of commands) {
      fc.assert(
        fc.property(optionValuesFor(command), (options) => {
          const outcome = command.run(options, context);
          const payload = outcome.ok ? renderCommandResult(outcome.value, options) : renderUserError(outcome.error);
          expect(deliveryErrors(payload)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    }
  }, 300_000);

  it('autocomplete answers 10 000 random keystrokes on every option with valid choices', () => {
    const focused = commands.flatMap((command) =>
      command.autocomplete
        ? ['model', 'quant', 'machine', 'machine_a', 'machine_b', 'unknown'].map((option) => ({ command, option }))
        : [],
    );
    fc.assert(
      fc.property(fc.constantFrom(...focused), nastyString, ({ command, option }, typed) => {
        const list = limitChoices(command.autocomplete?.(option, typed, context) ?? []);
        expect(list.length).toBeLessThanOrEqual(25);
        expect(schemaErrors(schemaNames.autocompleteCallback, { type: 8, data: { choices: list } })).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);

  it('the terminal parser answers 10 000 random lines without throwing, exit 0 or 2', () => {
    const line = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .tuple(
          fc.constantFrom('/recommend', '/compare', '/specs', '/nope', 'recommend', ''),
          fc.array(
            fc.tuple(
              fc.constantFrom('model', 'quant', 'budget', 'context', 'machine', 'machine_a', 'machine_b', 'x', ''),
              nastyString.map((text) => text.slice(0, 300)),
            ),
            { maxLength: 6 },
          ),
        )
        .map(([head, pairs]) =>
          [head, ...pairs.map(([name, value]) => `${name}:${value.includes(' ') ? `"${value}"` : value}`)].join(' '),
        ),
    );
    fc.assert(
      fc.property(line, (text) => {
        const outcome = executeLine(text, {
          commands: new Map(commands.map((command) => [command.name, command])),
          context,
          json: false,
        });
        expect([0, 2]).toContain(outcome.exitCode);
        expect(outcome.output.length).toBeGreaterThan(0);
      }),
      { numRuns: 10_000 },
    );
  }, 300_000);
});
