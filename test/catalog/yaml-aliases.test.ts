/** D1: yaml throws on three alias mistakes; each must come back as a problem at file:line:col. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdvisorStore } from '../../src/advisor/store.ts';
import { formatProblem, loadCatalogSync } from '../../src/catalog/index.ts';
import { parseYamlSource } from '../../src/catalog/yaml-source.ts';
import { watchCatalog } from '../../src/discord/watch.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { fixtureDirectory, fixtureTexts, parseFixture } from '../helpers/catalog.ts';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const waitFor = async (condition: () => boolean, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('YAML alias mistakes are catalog problems, never exceptions', () => {
  it('an alias with no anchor, at the alias', () => {
    // line 3, column 5 is where "*nothing" starts, counted by hand.
    expect(parseYamlSource('q.yaml', 'x:\n  - 1\n  - *nothing\n').syntaxProblems).toEqual([
      {
        file: 'q.yaml',
        line: 3,
        column: 5,
        path: '',
        message: 'Unresolved alias (the anchor must be set before the alias): nothing',
      },
    ]);
  });

  it('one anchor used 101 times (over the bound of 100)', () => {
    const text = `a: &a [1]\nb:\n${Array.from({ length: 101 }, () => '  - *a').join('\n')}\n`;
    const [problem] = parseYamlSource('q.yaml', text).syntaxProblems;
    expect(problem).toMatchObject({ file: 'q.yaml', line: 103, column: 5 });
  });

  it('an alias bomb', () => {
    const row = (alias: string) => `[${Array.from({ length: 9 }, () => alias).join(', ')}]`;
    const text = `a: &a [x, x]\nb: &b ${row('*a')}\nc: &c ${row('*b')}\nd: &d ${row('*c')}\ne: ${row('*d')}\n`;
    expect(parseYamlSource('q.yaml', text).syntaxProblems).toHaveLength(1);
  });

  it('through the catalog loader (start-up, catalog:check and /catalog reload all use it)', () => {
    const quantizations = `${fixtureTexts().quantizations}\n  - *nothing\n`;
    const result = parseFixture({ quantizations });
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^data\/quantizations\.yaml:\d+:5 Unresolved alias/),
    ]);
  });

  it('the watcher logs the problem and keeps the last good catalog', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'rig-alias-'));
    directories.push(directory);
    cpSync(fixtureDirectory, directory, { recursive: true });
    const loaded = loadCatalogSync(directory);
    if (!loaded.ok) throw new Error('fixture copy must load');
    const store = createAdvisorStore(directory, loaded.catalog);
    const before = store.current();
    const { logger, entries } = captureLogger();
    const watcher = watchCatalog(directory, store, logger, 20);
    try {
      writeFileSync(path.join(directory, 'quantizations.yaml'), `${fixtureTexts().quantizations}\n  - *nothing\n`);
      await waitFor(() => entries().some((entry) => entry.msg.startsWith('catalog not reloaded')));
      const refusal = entries().find((entry) => entry.msg.startsWith('catalog not reloaded'));
      expect(refusal?.problems).toEqual([expect.stringMatching(/quantizations\.yaml:\d+:5 Unresolved alias/)]);
      expect(store.current()).toBe(before);
    } finally {
      watcher.close();
    }
  });

  it('a reload that throws anyway is logged inside the watcher, not left to kill the process', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'rig-alias-'));
    directories.push(directory);
    const { logger, entries } = captureLogger();
    const store = {
      reload: () => {
        throw new Error('boom');
      },
      current: () => {
        throw new Error('unused');
      },
    };
    const watcher = watchCatalog(directory, store as unknown as Parameters<typeof watchCatalog>[1], logger, 20);
    try {
      writeFileSync(path.join(directory, 'machines.yaml'), 'x: 1\n');
      await waitFor(() => entries().some((entry) => entry.err?.message === 'boom'));
    } finally {
      watcher.close();
    }
  });
});
