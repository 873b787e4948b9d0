/**
 * The serving fronts' process guards, in a real child process (an uncaught exception ends
 * the process, so it cannot be watched in this one): a stray rejection is logged and the
 * process goes on; an uncaught throw logs at fatal and exits 1, so a supervisor restarts.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = (file: string) => JSON.stringify(pathToFileURL(path.resolve(file)).href);

function runGuarded(body: string) {
  const code = `
    import { createLogger } from ${module('src/logger.ts')};
    import { guardProcess } from ${module('src/process-guards.ts')};
    guardProcess(createLogger('info'));
    ${body}
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = child.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string } });
  return { status: child.status, lines, stdout: child.stdout };
}

describe('process guards', { timeout: 40_000 }, () => {
  it('an uncaught exception logs fatal with the error and exits 1', () => {
    const { status, lines } = runGuarded(
      `setTimeout(() => { throw new Error('boom in a timer'); }, 10); setTimeout(() => console.log('still alive'), 2000);`,
    );
    expect(status).toBe(1);
    expect(lines.map((line) => [line.level, line.msg, line.err?.message])).toEqual([
      [60, 'uncaught exception; exiting', 'boom in a timer'],
    ]);
  });

  it('an unhandled rejection is logged at error and the process carries on', () => {
    const { status, lines, stdout } = runGuarded(
      `void Promise.reject(new Error('stray')); setTimeout(() => console.log('still alive'), 100);`,
    );
    expect(status).toBe(0);
    expect(stdout.trim()).toBe('still alive');
    expect(lines.map((line) => [line.level, line.msg, line.err?.message])).toEqual([
      [50, 'unhandled rejection', 'stray'],
    ]);
  });
});
