/**
 * D4 and D2 as figures. The bot as `npm start` runs it (the bundle, this process's Node
 * flags), logged in to the stand-in Discord on 127.0.0.1 with its 3 s rule on:
 * - burst: 200 mixed interactions dispatched at once (recommend, compare, specs, buttons,
 *   autocomplete) from 200 users; when each was acknowledged (first callback accepted),
 *   p50/p99/max, and how many missed the 3 s or were never acknowledged;
 * - drain: 20 /recommend whose deferrals the stand-in answers 1 s late, SIGTERM once all
 *   20 are on the wire (so no answer has been computed yet); how long until exit, its code,
 *   and how many were left "thinking…" (deferred, never edited).
 * Prints JSON; `npm run bench` merges it into its report.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { recommendMoreId, specsOneId } from '../src/discord/custom-ids.ts';
import {
  buttonPayload,
  interactionDeadlineMs,
  interactionPayload,
  localBotToken,
  startLocalDiscord,
} from '../test/helpers/local-discord.ts';

const burstSize = 200;
const drainSize = 20;
const drainCallbackDelayMs = 1000;

const discord = await startLocalDiscord();
const mainScript = fileURLToPath(new URL('../src/main.js', import.meta.url));
const bot = spawn(process.execPath, [...process.execArgv, mainScript], {
  env: {
    ...process.env,
    DISCORD_TOKEN: localBotToken,
    DISCORD_API_URL: discord.apiUrl,
    LOG_LEVEL: 'info',
    COOLDOWN_SECONDS: '0',
    WATCH_CATALOG: 'true',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let loggedIn = false;
let abandonedLogged = 0;
bot.stderr.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  if (text.includes('"msg":"ready"')) loggedIn = true;
  abandonedLogged += text.split('abandoned at shutdown').length - 1;
});
const watchdog = setTimeout(() => {
  bot.kill('SIGKILL');
  console.error('burst bench: the bot stopped answering');
  process.exit(1);
}, 120_000);
await discord.until(() => loggedIn, 30_000);

const machines = ['framework-desktop-128gb', 'asus-ascent-gx10', 'gmktec-evo-x2-128gb', 'mac-studio-m4-max-128gb'];
const user = (serial: number) => String(300000000000000000n + BigInt(serial));
function mixed(serial: number) {
  const machine = machines[serial % machines.length] ?? '';
  const other = machines[(serial + 1) % machines.length] ?? '';
  switch (serial % 8) {
    case 0:
      return interactionPayload(2, serial, user(serial), {
        name: 'recommend',
        options: [
          { name: 'model', type: 3, value: 'llama-3.3-70b' },
          { name: 'budget', type: 4, value: 1500 + serial * 10 },
        ],
      });
    case 1:
      return interactionPayload(2, serial, user(serial), {
        name: 'compare',
        options: [
          { name: 'machine_a', type: 3, value: machine },
          { name: 'machine_b', type: 3, value: other },
          { name: 'model', type: 3, value: 'qwen3-30b-a3b' },
        ],
      });
    case 2:
    case 3:
      return interactionPayload(2, serial, user(serial), {
        name: 'specs',
        options: [{ name: 'machine', type: 3, value: machine }],
      });
    case 4:
      return buttonPayload(serial, user(serial), recommendMoreId({ model: 'gpt-oss-120b' }, 5) ?? '');
    case 5:
      return buttonPayload(serial, user(serial), specsOneId(machine, { model: 'llama-3.3-70b' }) ?? '');
    default:
      return interactionPayload(4, serial, user(serial), {
        name: 'specs',
        options: [{ name: 'machine', type: 3, value: ['fra', 'mac studio', 'gx10'][serial % 3] ?? '', focused: true }],
      });
  }
}

// Burst: everything at once, then wait until each is acknowledged or has expired.
const burst = Array.from({ length: burstSize }, (_unused, serial) => mixed(serial));
for (const payload of burst) discord.dispatch('INTERACTION_CREATE', payload);
const fateOf = (token: string) => discord.fates.get(token);
await discord
  .until(
    () =>
      burst.every((payload) => fateOf(payload.token)?.acknowledgedMs !== undefined || fateOf(payload.token)?.expired),
    20_000,
  )
  .catch(() => undefined);
const ackMs = burst
  .map((payload) => fateOf(payload.token)?.acknowledgedMs)
  .filter((ms): ms is number => ms !== undefined)
  .sort((a, b) => a - b);
const at = (q: number) => Math.round(ackMs[Math.min(ackMs.length - 1, Math.floor(q * ackMs.length))] ?? Number.NaN);
const missed = burst.filter(
  (payload) => (fateOf(payload.token)?.acknowledgedMs ?? Infinity) > interactionDeadlineMs,
).length;
const deferred = burst.filter((payload) => [5, 6].includes(fateOf(payload.token)?.callbackType ?? 0));
await discord
  .until(() => deferred.every((payload) => (fateOf(payload.token)?.edits ?? 0) > 0), 20_000)
  .catch(() => undefined);
const unanswered = deferred.filter((payload) => (fateOf(payload.token)?.edits ?? 0) === 0).length;

// Drain: SIGTERM while 20 deferrals are on the wire, their answers not yet computed.
discord.inject({ route: /^POST \/api\/v10\/interactions\/.*\/callback$/, delayMs: drainCallbackDelayMs });
const draining = Array.from({ length: drainSize }, (_unused, index) =>
  interactionPayload(2, 10_000 + index, user(index), {
    name: 'recommend',
    options: [
      { name: 'model', type: 3, value: 'qwen3-30b-a3b' },
      { name: 'budget', type: 4, value: 2000 + index * 100 },
    ],
  }),
);
for (const payload of draining) discord.dispatch('INTERACTION_CREATE', payload);
const onTheWire = (token: string) => discord.requests.some((request) => request.path.includes(`/${token}/callback`));
await discord.until(() => draining.every((payload) => onTheWire(payload.token)), 10_000);
const signalledAt = performance.now();
const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
bot.kill('SIGTERM');
const exitCode = await exited;
const drainMs = Math.round(performance.now() - signalledAt);
clearTimeout(watchdog);
// Anything still on the wire is answered by the stand-in within the delay; then count.
await new Promise((resolve) => setTimeout(resolve, drainCallbackDelayMs + 500));
const thinkingLeft = draining.filter((payload) => (fateOf(payload.token)?.edits ?? 0) === 0).length;
await discord.close();

console.log(
  JSON.stringify({
    burst_interactions: burstSize,
    burst_ack_p50_ms: at(0.5),
    burst_ack_p99_ms: at(0.99),
    burst_ack_max_ms: Math.round(ackMs.at(-1) ?? Number.NaN),
    burst_missed_3s: missed,
    burst_deferred: deferred.length,
    burst_deferred_never_edited: unanswered,
    drain_interactions: drainSize,
    drain_callback_delay_ms: drainCallbackDelayMs,
    drain_exit_ms: drainMs,
    drain_exit_code: exitCode,
    drain_thinking_left: thinkingLeft,
    drain_abandoned_logged: abandonedLogged,
  }),
);
