/**
 * The bot as `npm start` runs it, logged in to the stand-in Discord on 127.0.0.1
 * (test/helpers/local-discord.ts): gateway, REST, discord.js and undici all in play.
 * Slash commands with their charts and autocomplete keystrokes from 50 members of a
 * team's guild arrive over the gateway and are answered over HTTPS, one after another.
 * The stand-in speaks TLS, as discord.com does, with a certificate made for this run by
 * the openssl command and trusted by the bot through NODE_EXTRA_CA_CERTS. Prints the
 * bot process's resident memory (ready, end, peak) as JSON; Linux only, since it reads
 * /proc and runs openssl. `npm run bench` runs it with its own Node flags, which are
 * `npm start`'s.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  interactionPayload,
  localBotToken,
  startLocalDiscord,
  teamGuildCreate,
} from '../test/helpers/local-discord.ts';
import { megabytes } from './megabytes.ts';

const rounds = 200;
const scratch = mkdtempSync(path.join(tmpdir(), 'rig-advisor-bench-'));
const certificate = { key: path.join(scratch, 'key.pem'), cert: path.join(scratch, 'cert.pem') };
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    certificate.key,
    '-out',
    certificate.cert,
  ],
  { stdio: 'ignore' },
);
const discord = await startLocalDiscord({
  tls: { key: readFileSync(certificate.key, 'utf8'), cert: readFileSync(certificate.cert, 'utf8') },
});
const mainScript = fileURLToPath(new URL('../src/main.js', import.meta.url));
const bot = spawn(process.execPath, [...process.execArgv, mainScript], {
  env: {
    ...process.env,
    NODE_EXTRA_CA_CERTS: certificate.cert,
    DISCORD_TOKEN: localBotToken,
    DISCORD_API_URL: discord.apiUrl,
    LOG_LEVEL: 'info',
    COOLDOWN_SECONDS: '0',
    WATCH_CATALOG: 'true',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let errors = 0;
let loggedIn = false;
bot.stderr.on('data', (chunk: Buffer) => {
  const text = chunk.toString();
  errors += text.split('"level":50').length - 1;
  if (text.includes('"msg":"ready"')) loggedIn = true;
});
// A bot that stops answering must fail the bench, not hang it.
const watchdog = setTimeout(() => {
  bot.kill('SIGKILL');
  console.error('connected bench: the bot stopped answering');
  process.exit(1);
}, 120_000);

/** Resident and peak resident memory of the bot process, decimal MB. */
function botMemory(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${bot.pid}/status`, 'utf8');
  const kilobytes = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: megabytes(kilobytes('VmRSS') * 1024), peak: megabytes(kilobytes('VmHWM') * 1024) };
}

await discord.until(() => loggedIn, 30_000);
const ready = botMemory();
discord.dispatch('GUILD_CREATE', teamGuildCreate(50));

const machines = ['framework-desktop-128gb', 'asus-ascent-gx10', 'gmktec-evo-x2-128gb', 'mac-studio-m4-max-128gb'];
const models = ['llama-3.3-70b', 'qwen3-30b-a3b', 'gpt-oss-120b'];
let serial = 0;
/** Dispatches one interaction and waits until the bot has answered it (deferred ones: edited). */
async function ask(
  type: 2 | 4,
  command: { name: string; options: object[] },
  answered: (path: string) => boolean,
): Promise<void> {
  const from = discord.requests.length;
  serial += 1;
  discord.dispatch(
    'INTERACTION_CREATE',
    interactionPayload(type, serial, String(300000000000000000n + BigInt(serial % 50)), command, true),
  );
  await discord.until(() => discord.requests.slice(from).some((request) => answered(request.path)));
}
const isCallback = (path: string) => path.endsWith('/callback');
const isEdit = (path: string) => /\/messages\/(?:@|%40)original$/.test(path);
const isAnswer = (path: string) => isCallback(path) || isEdit(path);

let served = 0;
for (let round = 0; round < rounds; round += 1) {
  const model = models[round % models.length] ?? 'llama-3.3-70b';
  await ask(
    2,
    {
      name: 'recommend',
      options: [
        { name: 'model', type: 3, value: model },
        { name: 'budget', type: 4, value: 1500 + (round % 8) * 1000 },
      ],
    },
    isEdit,
  );
  await ask(
    2,
    {
      name: 'compare',
      options: [
        { name: 'machine_a', type: 3, value: machines[round % 4] },
        { name: 'machine_b', type: 3, value: machines[(round + 1) % 4] },
        { name: 'model', type: 3, value: model },
      ],
    },
    isAnswer,
  );
  await ask(2, { name: 'specs', options: [{ name: 'machine', type: 3, value: machines[round % 4] }] }, isAnswer);
  served += 3;
  for (const text of ['', 'fra', 'mac studio', 'rtx 4090', 'framwork', 'gx10']) {
    await ask(4, { name: 'specs', options: [{ name: 'machine', type: 3, value: text, focused: true }] }, isCallback);
    served += 1;
  }
  discord.requests.length = 0;
}
const end = botMemory();
clearTimeout(watchdog);
bot.kill('SIGTERM');
await new Promise((resolve) => bot.once('exit', resolve));
await discord.close();
rmSync(scratch, { recursive: true, force: true });
console.log(
  JSON.stringify({
    connected_interactions: served,
    connected_rss_ready_mb: ready.rss,
    connected_rss_mb: end.rss,
    connected_peak_rss_mb: end.peak,
    connected_errors_logged: errors,
  }),
);
