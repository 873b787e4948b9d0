import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commands, commandsByName } from '../../commands/index.ts';
import { schemaErrors, schemaNames, withPermissionsAsInteger } from '../helpers/discord-schema.ts';

const optionsOf = (name: string): APIApplicationCommandOption[] => commandsByName.get(name)?.definition.options ?? [];
const option = (command: string, name: string) => optionsOf(command).find((candidate) => candidate.name === name);

describe('slash command definitions', () => {
  it.each(commands.map((command) => [command.name, command] as const))(
    '/%s validates against ApplicationCommandCreateRequest',
    (_name, command) => {
      expect(schemaErrors(schemaNames.commandCreate, withPermissionsAsInteger(command.definition))).toEqual([]);
    },
  );

  it('the schema check is live: a 33-character name and a 101-character description are rejected', () => {
    const definition = commands[0]?.definition;
    expect(definition).toBeDefined();
    expect(schemaErrors(schemaNames.commandCreate, { ...definition, name: 'x'.repeat(33) })).not.toEqual([]);
    expect(schemaErrors(schemaNames.commandCreate, { ...definition, description: 'x'.repeat(101) })).not.toEqual([]);
  });

  it('the known gap: default_member_permissions as digits is turned into the integer the schema expects', () => {
    const definition = { name: 'x', description: 'y', default_member_permissions: '8' };
    expect(schemaErrors(schemaNames.commandCreate, definition)).not.toEqual([]);
    expect(schemaErrors(schemaNames.commandCreate, withPermissionsAsInteger(definition))).toEqual([]);
  });

  it('registers /recommend, /compare, /specs and /catalog, each name unique', () => {
    expect(commands.map((command) => command.definition.name)).toEqual(['recommend', 'compare', 'specs', 'catalog']);
    expect(new Set(commands.map((command) => command.name)).size).toBe(commands.length);
  });

  it('/catalog reload is for server managers only, in servers only', () => {
    const catalog = commands.find((command) => command.name === 'catalog')?.definition;
    expect(catalog?.default_member_permissions).toBe('32'); // Manage Server
    expect(catalog?.contexts).toEqual([0]); // guild only, not DMs
    expect(catalog?.integration_types).toEqual([0]); // installed to a server, not to a user
    expect(catalog?.options?.map((option) => option.name)).toEqual(['reload']);
  });

  it('makes the advice commands usable in DMs and installable by a user', () => {
    for (const name of ['recommend', 'compare', 'specs']) {
      const definition = commands.find((command) => command.name === name)?.definition;
      expect(definition?.integration_types).toEqual([0, 1]);
      expect(definition?.contexts).toEqual([0, 1, 2]);
    }
  });

  it('/recommend takes the model or its size, the quantization, budget, workload, speed, category and priority', () => {
    expect(optionsOf('recommend').map((entry) => entry.name)).toEqual(
      expect.arrayContaining([
        'model',
        'quant',
        'model_size_gb',
        'budget',
        'context',
        'prompt_tokens',
        'min_speed',
        'category',
        'priority',
      ]),
    );
    expect(option('recommend', 'budget')?.type).toBe(ApplicationCommandOptionType.Number);
    expect(option('recommend', 'context')?.type).toBe(ApplicationCommandOptionType.Integer);
    expect(option('recommend', 'model')).toMatchObject({
      type: ApplicationCommandOptionType.String,
      autocomplete: true,
    });
    expect(option('recommend', 'category')).toMatchObject({
      choices: expect.arrayContaining([{ name: 'mini-pc', value: 'mini-pc' }]),
    });
    expect(optionsOf('recommend').some((entry) => 'required' in entry && entry.required)).toBe(false);
  });

  it.each([
    ['compare', 'machine_a'],
    ['compare', 'machine_b'],
    ['specs', 'machine'],
  ])('/%s %s is a required, autocompleted string', (command, name) => {
    expect(option(command, name)).toMatchObject({
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
    });
  });

  it.each(commands.map((command) => [command.name, command] as const))(
    '/%s stays within Discord limits: ≤ 25 options, descriptions ≤ 100, required first',
    (_name, command) => {
      const options = command.definition.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      expect(command.definition.description.length).toBeLessThanOrEqual(100);
      for (const entry of options) {
        expect(entry.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
        expect(entry.description.length).toBeGreaterThan(0);
        expect(entry.description.length).toBeLessThanOrEqual(100);
      }
      const required = options.map((entry) => 'required' in entry && entry.required === true);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    },
  );
});
