import { describe, expect, it } from 'vitest';
import { commandsByName } from '../../commands/index.ts';
import { parseLine, tokenize } from '../../src/console/parse.ts';

describe('terminal command parsing', () => {
  it("reads Discord's name:value syntax and types values from the definition", () => {
    const parsed = parseLine('/recommend model:llama-3.3-70b quant:Q4_K_M context:32768 budget:3000', commandsByName);
    expect(parsed.ok && parsed.options).toEqual({
      model: 'llama-3.3-70b',
      quant: 'Q4_K_M',
      context: 32768,
      budget: 3000,
    });
  });

  it('keeps spaces inside quotes', () => {
    expect(tokenize(`/specs machine:"framework desktop" model:'llama 3'`)).toEqual([
      '/specs',
      'machine:framework desktop',
      'model:llama 3',
    ]);
  });

  it('refuses an unclosed quote', () => {
    expect(tokenize('/specs machine:"oops')).toEqual({ message: 'a " quote is not closed', suggestions: [] });
  });

  it('refuses a number where a number is due, and a fraction where a whole number is', () => {
    const notANumber = parseLine('/recommend budget:cheap', commandsByName);
    expect(notANumber.ok ? '' : notANumber.error.message).toBe(
      'budget takes a number such as 5000, 5k, 5,000 or €5000, not "cheap"',
    );
    const fraction = parseLine('/recommend context:1.5', commandsByName);
    expect(fraction.ok ? '' : fraction.error.message).toBe(
      'context takes a whole number such as 32768 or 32k, not "1.5"',
    );
  });

  it('applies the definition limits', () => {
    const negative = parseLine('/recommend budget:-5', commandsByName);
    expect(negative.ok ? '' : negative.error.message).toBe('budget is at least 1 (got -5)');
  });

  it('offers the allowed choices for a choice option', () => {
    const parsed = parseLine('/recommend priority:fastest', commandsByName);
    expect(parsed.ok ? [] : parsed.error.suggestions).toEqual(['speed', 'value', 'price', 'cost', 'first_token']);
  });

  it('names the missing required options', () => {
    const parsed = parseLine('/compare machine_a:gmktec-evo-x2-128gb', commandsByName);
    expect(parsed.ok ? '' : parsed.error.message).toBe('/compare needs machine_b');
  });

  it('lists the options of a command when an unknown one is given', () => {
    const parsed = parseLine('/specs machin:x', commandsByName);
    expect(parsed.ok ? [] : parsed.error.suggestions).toContain('machine:');
  });

  it('lists the commands for an unknown command', () => {
    const parsed = parseLine('/recomend', commandsByName);
    expect(parsed.ok ? [] : parsed.error.suggestions).toEqual(['/recommend', '/compare', '/specs', '/catalog']);
  });
});
