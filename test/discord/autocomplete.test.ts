import { beforeAll, describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import type { Advisor } from '../../src/advisor/index.ts';
import { limitChoices } from '../../src/discord/router.ts';
import { schemaErrors, schemaNames } from '../helpers/discord-schema.ts';
import { liveAdvisor } from '../helpers/live-advisor.ts';

let advisor: Advisor;
beforeAll(async () => {
  advisor = await liveAdvisor();
});

function choices(command: string, option: string, typed: string) {
  const complete = commandsByName.get(command)?.autocomplete;
  if (!complete) throw new Error(`/${command} has no autocomplete`);
  return limitChoices(complete(option, typed, { advisor }));
}

/** A machine's price as an EU buyer pays, written with grouped thousands (as Intl would). */
function priceOf(machineId: string): string {
  const machine = advisor.catalog.machine(machineId);
  if (!machine) throw new Error(`no machine ${machineId}`);
  return Math.round(advisor.catalog.buyerPrice(machine).eur).toLocaleString('en-US');
}

function expectValidResponse(list: ReturnType<typeof choices>) {
  expect(schemaErrors(schemaNames.autocompleteCallback, { type: 8, data: { choices: list } })).toEqual([]);
  expect(list.length).toBeLessThanOrEqual(25);
  for (const choice of list) {
    expect(choice.name.length).toBeGreaterThan(0);
    expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(choice.value.length).toBeLessThanOrEqual(100);
  }
}

const cases = [
  ['specs', 'machine'],
  ['compare', 'machine_a'],
  ['compare', 'machine_b'],
  ['recommend', 'model'],
  ['recommend', 'quant'],
  ['compare', 'model'],
] as const;

describe('autocomplete on the live catalog', () => {
  it.each(cases)('/%s %s: an empty query gives up to 25 defaults', (command, option) => {
    const list = choices(command, option, '');
    expect(list.length).toBeGreaterThan(0);
    expectValidResponse(list);
  });

  it.each(cases)('/%s %s: garbage gives no match or fuzzy ones, never an error', (command, option) => {
    for (const typed of ['zzzzqqqq', '@everyone **', '\u0000\u200b', ')(*&^%$#', 'x'.repeat(500)])
      expectValidResponse(choices(command, option, typed));
    expect(choices(command, option, 'qqqqzzzzxxxx')).toEqual([]);
  });

  it('puts the exact machine id first', () => {
    for (const machine of advisor.catalog.machines.slice(0, 30))
      expect(choices('specs', 'machine', machine.id)[0]?.value).toBe(machine.id);
  });

  it('puts the exact model id first and finds quantizations whatever their case', () => {
    expect(choices('recommend', 'model', 'llama-3.3-70b')[0]?.value).toBe('llama-3.3-70b');
    expect(choices('recommend', 'quant', 'q4_k_m')[0]?.value).toBe('Q4_K_M');
  });

  it('ranks prefixes and words before fuzzy matches', () => {
    expect(choices('specs', 'machine', 'framework')[0]?.value).toMatch(/framework/);
    expect(choices('recommend', 'model', 'gpt oss')[0]?.value).toMatch(/^gpt-oss/);
  });

  it('gives nothing for an option it does not complete', () => {
    expect(choices('recommend', 'budget', '30')).toEqual([]);
  });

  it('limits what any command returns to 25 choices with names of at most 100 characters', () => {
    const many = Array.from({ length: 40 }, (_, index) => ({ name: `${'n'.repeat(150)}${index}`, value: `v${index}` }));
    const limited = limitChoices([...many, { name: 'too long a value', value: 'x'.repeat(101) }]);
    expect(limited).toHaveLength(25);
    expectValidResponse(limited);
  });

  it("keeps every machine choice's price and what tells variants apart within 100 characters, the price written as the answers write it", () => {
    for (const typed of ['framework', '', 'rtx', 'cluster', 'evo']) {
      const list = choices('compare', 'machine_a', typed);
      expectValidResponse(list);
      for (const choice of list) {
        expect(choice.name, choice.value).toMatch(new RegExp(` — ${priceOf(choice.value)} EUR$`));
      }
      expect(new Set(list.map((choice) => choice.name)).size, typed).toBe(list.length);
    }
    const framework = choices('compare', 'machine_a', 'framework').map((choice) => choice.name);
    expect(framework).toContain(
      `Framework Desktop Mainboard only 128 GB + RTX 3090 (used) (OCuLink or USB4) — ${priceOf('egpu-framework-desktop-mainboard-128gb-rtx-3090-used-pcie')} EUR`,
    );
  });

  it('finds machines by the product line of their chip: "strix halo" gives every Ryzen AI Max+ 395 box', () => {
    const strixHalo = advisor.catalog.machines.filter((machine) =>
      advisor.catalog.chip(machine.chip)?.known_as.includes('Strix Halo'),
    );
    expect(strixHalo.length).toBeGreaterThan(3);
    const found = choices('specs', 'machine', 'strix halo').map((choice) => choice.value);
    expect(found.length).toBe(Math.min(25, strixHalo.length));
    for (const id of found) expect(strixHalo.map((machine) => machine.id)).toContain(id);
  });

  it('finds the GB10 boxes by "dgx" and a model by its family name', () => {
    const gb10 = advisor.catalog.machines.filter((machine) => machine.chip === 'nvidia-gb10').map((m) => m.id);
    expect(
      choices('specs', 'machine', 'dgx')
        .map((choice) => choice.value)
        .sort(),
    ).toEqual([...gb10].sort());
    expect(choices('recommend', 'model', 'kimi')[0]?.value).toMatch(/^kimi-k2/);
  });

  it('writes model sizes as the answers do', () => {
    expect(choices('recommend', 'model', 'kimi')[0]?.name).toBe('Kimi K2 (1,000 B, 32 B active)');
  });
});
