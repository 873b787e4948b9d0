import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { ArgsOf } from '../../commands/command.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

const options = { commands: commandsByName, context: { advisor: createAdvisor(fixtureCatalog()) }, json: true };
const picksOf = (line: string): { id: string; rank: number }[] => {
  const outcome = executeLine(line, options);
  expect(outcome.exitCode).toBe(0);
  const parsed = JSON.parse(outcome.output) as { picks: { machine: { id: string }; rank: number }[] };
  return parsed.picks.map((pick) => ({ id: pick.machine.id, rank: pick.rank }));
};

describe('/recommend offset', () => {
  it('is accepted and skips that many picks, in --json too', () => {
    const first = picksOf('/recommend model:test-dense-8b quant:Q4_0');
    expect(first.length).toBeGreaterThan(1);
    const skipped = picksOf('/recommend model:test-dense-8b quant:Q4_0 offset:1');
    expect(skipped[0]).toEqual({ id: first[1]?.id, rank: 2 });
  });
});

// Compile-time: a handler reads only what its definition declares, with the declared type.
export const definition = {
  name: 'x',
  description: 'y',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'machine', description: 'm', required: true },
    { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'c' },
  ],
} as const;
export function readArgs(args: ArgsOf<typeof definition>): [string, number | undefined] {
  // @ts-expect-error the definition has no offset
  void args.offset;
  // @ts-expect-error count is a number, not a string
  const wrong: string | undefined = args.count;
  void wrong;
  return [args.machine, args.count];
}
