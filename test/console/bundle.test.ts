/**
 * `npm start` runs the esbuild bundle, not the TypeScript the other tests import: the
 * bundle must build, find its data, font and WebAssembly from dist/, and answer as the
 * sources do, under the Node flags the start script gives it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaErrors, schemaNames } from '../helpers/discord-schema.ts';
import { interactionPayload, localBotToken, startLocalDiscord } from '../helpers/local-discord.ts';

const scripts = z
  .object({ scripts: z.object({ start: z.string(), bench: z.string() }) })
  .parse(JSON.parse(readFileSync('package.json', 'utf8'))).scripts;

/** The Node flags a script runs its bundle with: what sits between `node` and `dist/`. */
function nodeFlags(script: string): string[] {
  const match = /&& node ((?:--\S+ )*)dist\//.exec(script);
  if (!match) throw new Error(`no "node … dist/" in "${script}"`);
  return (match[1] ?? '')
    .trim()
    .split(' ')
    .filter((flag) => flag !== '');
}

/** A bundle file and every file it imports statically, transitively (dynamic import() excluded). */
function staticImports(entry: string, seen = new Set<string>()): string[] {
  if (seen.has(entry)) return [...seen];
  seen.add(entry);
  for (const match of readFileSync(entry, 'utf8').matchAll(
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
  )) {
    staticImports(path.join(path.dirname(entry), match[1] ?? ''), seen);
  }
  return [...seen];
}

const flags = nodeFlags(scripts.start);
let scratch = '';

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'pipe' });
  scratch = mkdtempSync(path.join(os.tmpdir(), 'rig-bundle-'));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function start(...args: string[]) {
  return spawnSync(process.execPath, [...flags, 'dist/src/main.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DISCORD_TOKEN: '' },
  });
}

describe('the bundle npm start runs', () => {
  it('is measured by the bench with the same Node flags', () => {
    expect(nodeFlags(scripts.bench)).toEqual(flags);
  });

  it('loads the Discord client only in bot mode: nothing the terminal entry imports holds discord.js', () => {
    const loaded = staticImports('dist/src/main.js');
    expect(loaded.length).toBeGreaterThan(1);
    for (const file of loaded) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/from ?["']discord\.js["']/);
      // @discordjs/rest's user agent: present wherever the bundled client is
      expect(code, file).not.toContain('discord.js.org');
    }
    expect(readFileSync('dist/src/main.js', 'utf8')).toMatch(/import\(["']\.\.\/chunks\/bot-[A-Z0-9]+\.js["']\)/);
    expect(
      readdirSync('dist/chunks').some(
        (chunk) =>
          chunk.endsWith('.js') && readFileSync(path.join('dist/chunks', chunk), 'utf8').includes('discord.js.org'),
      ),
    ).toBe(true);
  });

  it('answers a command from the live catalog', () => {
    const run = start('/specs machine:framework-desktop-128gb');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Framework Desktop');
    expect(run.stdout).toContain('AMD Ryzen AI Max+ 395');
  }, 30_000);

  it('draws a chart with the WebAssembly renderer and the bundled font', () => {
    const file = path.join(scratch, 'recommend.png');
    const run = start('/recommend model:llama-3.3-70b budget:3000', '--chart', file);
    expect(run.status).toBe(0);
    const png = readFileSync(file);
    // PNG signature, then the IHDR chunk: 600 × 600 pixels (twice the 300 × 300 Discord shows)
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([600, 600]);
  }, 30_000);

  it('prints one JSON document on stdout with --json, the chart note on stderr', () => {
    const file = path.join(scratch, 'specs.png');
    const run = start('/specs machine:nvidia-dgx-spark', '--chart', file, '--json');
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout) as { machine: { id: string } };
    expect(parsed.machine.id).toBe('nvidia-dgx-spark');
    expect(run.stderr).toContain(`chart: ${file}`);
  }, 30_000);

  it("prints the reply the bot would send with --discord, valid against Discord's schema", () => {
    const run = start('/specs machine:nvidia-dgx-spark', '--discord');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as { requests: { body: unknown }[] };
    expect(printed.requests).toHaveLength(1);
    expect(schemaErrors(schemaNames.createMessageCallback, printed.requests[0]?.body)).toEqual([]);
  }, 30_000);

  it('answers a flag typo or a missing value with exit 2 and the closest flag, not a stack trace', () => {
    for (const args of [
      ['/specs machine:nvidia-dgx-spark', '--jsn'],
      ['/specs machine:nvidia-dgx-spark', '--chart'],
    ]) {
      const run = start(...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^(unknown flag "--jsn"\. Try: --json|--chart needs a value)/);
      expect(run.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  }, 30_000);

  it('prints help, for the tool and for one command, with exit 0', () => {
    const all = start('--help');
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('--chart FILE');
    const one = start('recommend', '--help');
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^\/recommend — /);
    expect(one.stdout).toMatch(/offset:N\s+Skip this many picks/);
  }, 30_000);

  it('exits 2 with close matches on a typo, as the sources do', () => {
    const run = start('/specs machine:framwork-desktop-128gb');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('framework-desktop-128gb');
  }, 30_000);

  it('serves Discord: logs in through a local gateway, answers a slash command, exits 0 on SIGTERM', async () => {
    const discord = await startLocalDiscord();
    const token = localBotToken;
    const bot = spawn(process.execPath, [...flags, 'dist/src/main.js'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: token,
        DISCORD_API_URL: discord.apiUrl,
        WATCH_CATALOG: 'false',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    bot.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    bot.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => bot.on('exit', (code) => resolve(code)));
    try {
      await discord.until(() => log.includes('"msg":"ready"'));
      const identify = discord.gatewayFrames.find((frame) => frame.op === 2);
      expect(identify?.d).toMatchObject({ token, intents: 1 }); // Guilds only
      discord.dispatch(
        'INTERACTION_CREATE',
        interactionPayload(2, 10, '100000000000000030', {
          name: 'specs',
          options: [{ name: 'machine', type: 3, value: 'framework-desktop-128gb' }],
        }),
      );
      await discord.until(() => discord.requests.some((request) => request.path.endsWith('/callback')));
      const callback = discord.requests.find((request) => request.path.endsWith('/callback'));
      expect(callback?.path).toBe('/api/v10/interactions/400000000000000010/interaction-token-10/callback');
      expect(callback?.headers.authorization).toBeUndefined(); // interaction callbacks carry no token
      // multipart: the reply as payload_json, then the chart as files[0]
      const payloadJson =
        /name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n(.*?)\r\n--/s.exec(callback?.body ?? '')?.[1] ?? '';
      const reply: unknown = JSON.parse(Buffer.from(payloadJson, 'latin1').toString('utf8'));
      expect(schemaErrors(schemaNames.createMessageCallback, reply)).toEqual([]);
      expect(reply).toMatchObject({
        type: 4,
        data: {
          embeds: [{ title: expect.stringContaining('Framework Desktop') as unknown }],
          allowed_mentions: { parse: [] },
        },
      });
      expect(callback?.body).toContain('\x89PNG');
      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).not.toContain(token);
    } finally {
      bot.kill('SIGKILL');
      await discord.close();
    }
  }, 40_000);
});
