/** --json: the core returns codes, and the terminal's JSON keeps the sentences beside them under their old names. */
import { describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { executeLine } from '../../src/console/terminal.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

const context = { advisor: createAdvisor(fixtureCatalog(), { today: new Date('2025-09-01T00:00:00Z') }) };
const json = (line: string): unknown =>
  JSON.parse(executeLine(line, { commands: commandsByName, context, json: true }).output);

describe('--json with codes and words', () => {
  it('gives a spilled estimate its shortfall as data and as the sentence the other fronts show', () => {
    const result = json('/compare machine_a:test-desktop-gpu machine_b:test-mini model:test-dense-70b quant:Q4_0') as {
      a: { estimate: Record<string, unknown> & { placement: Record<string, unknown>; shortfall: { code: string } } };
      b: { machine: Record<string, unknown> };
    };
    const { estimate } = result.a;
    expect(estimate.placement.kind).toBe('gpu+cpu');
    expect(estimate.shortfall.code).toBe('spills-to-ram');
    expect(estimate.reason).toMatch(/needed but .* of VRAM: \d+ % of the weights stay in system RAM on the CPU$/);
    expect(estimate.placement.description).toMatch(/^partly on the GPU, the rest in system RAM on the CPU \(/);
    // The words stand where --json always had them: description after engineClass, reason after the code.
    expect(Object.keys(estimate.placement).indexOf('description')).toBe(
      Object.keys(estimate.placement).indexOf('engineClass') + 1,
    );
    expect(Object.keys(estimate).indexOf('reason')).toBe(Object.keys(estimate).indexOf('shortfall') + 1);
    // Fixture prices are dated 2025-06: three months before "today", so not old.
    expect(result.b.machine.priceNote).toMatch(/price from 2025-06$/);
  });

  it('says why a machine without the asked backend has no engine, as code and words', () => {
    const result = json('/specs machine:test-mini model:test-dense-8b quant:Q4_0 backend:cuda') as {
      estimates: { estimate: { shortfall: unknown; reason: string; placement: { description: string } } }[];
    };
    const [entry] = result.estimates;
    expect(entry?.estimate.shortfall).toMatchObject({ code: 'no-engine', backend: 'cuda' });
    expect(entry?.estimate.reason).toMatch(/^no engine of .* runs the cuda backend$/);
    expect(entry?.estimate.placement.description).toBe(entry?.estimate.reason);
  });
});
