import { describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { commandsByName } from '../../commands/index.ts';
import { createAdvisor } from '../../src/advisor/index.ts';
import { completeLine, executeLine, runInteractive } from '../../src/console/terminal.ts';
import { fixtureCatalog } from '../helpers/catalog.ts';

const options = { commands: commandsByName, context: { advisor: createAdvisor(fixtureCatalog()) }, json: false };

describe('terminal front', () => {
  it('runs a command and prints its table', () => {
    const outcome = executeLine('/recommend model:test-dense-8b quant:Q4_0', options);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.output).toMatch(/test-desktop-gpu/);
    expect(outcome.output).toMatch(/Speeds are estimates, not measurements/);
  });

  it('exits 2 with close matches on an unknown machine', () => {
    const outcome = executeLine('/specs machine:test-mni', options);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.output).toMatch(/^unknown machine "test-mni". Try: test-mini\b/);
  });

  it('prices a build part by part, each with its source', () => {
    const outcome = executeLine('/specs machine:build-test-build-2x-test-gpu-used', options);
    expect(outcome.exitCode).toBe(0);
    // 1000 (base) + 2 × 700 (cards) + 200 (bigger PSU) = 2600
    expect(outcome.output).toMatch(/^Price\s+2,600 EUR/m);
    expect(outcome.output).toMatch(/· Test Desktop CPU only \(base\): 1,000 EUR \(/);
    expect(outcome.output).toMatch(/· 2× Test GPU 24 \(used\): 1,400 EUR \(/);
    expect(outcome.output).toMatch(/· 1200 W power supply replacing the base one: 200 EUR \(/);
  });

  it('prints the advisor result as JSON with --json', () => {
    const outcome = executeLine(
      '/compare machine_a:test-mini machine_b:test-desktop-gpu model:test-dense-8b quant:Q4_0',
      { ...options, json: true },
    );
    const parsed = JSON.parse(outcome.output) as { a: { machine: { id: string } }; b: { machine: { id: string } } };
    expect([parsed.a.machine.id, parsed.b.machine.id]).toEqual(['test-mini', 'test-desktop-gpu']);
  });

  it('completes commands, option names and catalog ids', () => {
    expect(completeLine('/rec', options)[0]).toEqual(['/recommend']);
    expect(completeLine('/specs mach', options)[0]).toEqual(['machine:']);
    expect(completeLine('/specs machine:test-de', options)[0]).toEqual([
      'machine:test-desktop-gpu',
      'machine:test-desktop-cpu',
    ]);
    expect(completeLine('/recommend priority:v', options)[0]).toEqual(['priority:value']);
  });

  it('answers each line of piped input', async () => {
    let written = '';
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    await runInteractive(options, Readable.from(['/specs machine:test-mini\n', '/specs machine:nope\n']), output);
    expect(written).toMatch(/Test Mini 128 \(test-mini\)/);
    expect(written).toMatch(/unknown machine "nope"/);
  });
});

describe('--chart', () => {
  it('writes the command’s chart as a PNG and says where, with its alt text', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { writeChart } = await import('../../src/console/chart-file.ts');
    const outcome = executeLine('/specs machine:test-mini', options);
    if (!outcome.answer) throw new Error('specs must answer');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rig-chart-')), 'specs.png');
    const written = writeChart(options.context.advisor, outcome.answer, file);
    expect(written.ok).toBe(true);
    expect(written.message).toContain(file);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
