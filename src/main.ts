/**
 * npm start: serves Discord when DISCORD_TOKEN is set; otherwise the same slash commands
 * in the terminal. `npm start -- "/specs machine:…" [--json]` runs one command and exits.
 */
import { fileURLToPath } from 'node:url';
import { commandsByName } from '../commands/index.ts';
import { createAdvisorStore } from './advisor/store.ts';
import { buildInputsSha256 } from './build-info.ts';
import { loadCatalogCached } from './catalog/cache.ts';
import { formatProblem, loadCatalog, type LoadResult } from './catalog/index.ts';
import { calibrateCatalog, type Calibration } from './estimator/index.ts';
import { priceBasisWithVat } from './catalog/price.ts';
import { readConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { guardProcess } from './process-guards.ts';
import { parseCliArgs } from './console/cli-args.ts';
import { executeLine, runInteractive } from './console/terminal.ts';

const args = parseCliArgs(process.argv.slice(2));
if (!args.ok) {
  const { renderUserError } = await import('./console/render.ts');
  console.error(`${renderUserError(args.error)}\n(npm start -- --help lists every flag)`);
  process.exit(2);
}
const values = args.value;
const positionals = values.positionals;
if (values.help && positionals.length === 0) {
  const { cliHelp } = await import('./console/help.ts');
  console.log(cliHelp(commandsByName));
  process.exit(0);
}

const configResult = readConfig();
if (!configResult.ok) {
  console.error(
    `Configuration problems (see .env.example):\n${configResult.problems.map((problem) => `  ${problem}`).join('\n')}`,
  );
  process.exit(1);
}
const config = configResult.config;
// The terminal front keeps stderr quiet unless asked: its output is the answer.
const serving = (config.DISCORD_TOKEN !== undefined || values.http) && !values.terminal && positionals.length === 0;
const logger = createLogger(serving ? config.LOG_LEVEL : 'warn');

const priceBasis = priceBasisWithVat(config.VAT_PERCENT);
// Built, the validated catalog is kept beside the bundle (dist/, emptied by each rebuild) and
// reused while the YAML is unchanged; from the sources (tsx) it is parsed every time.
// With it the estimator's calibration, fitted on the measurements: together most of a one-shot's start.
const loaded: LoadResult & { derived?: Calibration } = buildInputsSha256
  ? loadCatalogCached(
      config.CATALOG_DIR,
      { file: fileURLToPath(new URL('../.catalog-cache.json', import.meta.url)), codeVersion: buildInputsSha256 },
      calibrateCatalog,
      priceBasis,
    )
  : await loadCatalog(config.CATALOG_DIR, priceBasis);
if (!loaded.ok) {
  console.error(`The catalog in ${config.CATALOG_DIR}/ has problems; not starting:`);
  for (const problem of loaded.problems) console.error(`  ${formatProblem(problem)}`);
  process.exit(1);
}
const costs = { electricityEurPerKwh: config.ELECTRICITY_EUR_PER_KWH };
const store = createAdvisorStore(config.CATALOG_DIR, loaded.catalog, costs, loaded.derived);
const terminalOptions = { commands: commandsByName, context: { advisor: store.current(), store }, json: values.json };

if (positionals.length > 0) {
  // `recommend --help`: the flag belongs to the command.
  const outcome = executeLine(`${positionals.join(' ')}${values.help ? ' --help' : ''}`, {
    ...terminalOptions,
    json: values.json || values.discord,
  });
  let output = outcome.output;
  if (values.discord && outcome.answer && outcome.options) {
    const { discordRequests } = await import('./console/discord-payload.ts');
    const deferred = commandsByName.get(outcome.answer.command)?.defer ?? false;
    output = JSON.stringify(discordRequests(store.current(), outcome.answer, outcome.options, deferred), null, 2);
  }
  (outcome.exitCode === 0 ? process.stdout : process.stderr).write(`${output}\n`);
  process.exitCode = outcome.exitCode;
  if (values.chart !== undefined && outcome.answer) {
    const { writeChart } = await import('./console/chart-file.ts');
    const written = writeChart(store.current(), outcome.answer, values.chart);
    // Beside JSON the note goes to stderr: stdout stays one parseable document.
    (written.ok && !outcome.json ? process.stdout : process.stderr).write(`${written.message}\n`);
    if (!written.ok) process.exitCode = 1;
  }
} else if (serving) {
  // Stray promises are logged; an uncaught throw logs fatal and exits 1 (src/process-guards.ts).
  guardProcess(logger);
  if (config.WATCH_CATALOG) {
    const { watchCatalog } = await import('./discord/watch.ts');
    watchCatalog(config.CATALOG_DIR, store, logger);
  }
  if (values.http) {
    // Discord's Interactions Endpoint URL: no gateway, no bot token (see src/http/endpoint.ts).
    const { startHttp } = await import('./http/start.ts');
    await startHttp(config, store, logger);
  } else {
    const { startBot } = await import('./discord/bot.ts');
    try {
      await startBot({
        token: config.DISCORD_TOKEN ?? '',
        store,
        logger,
        cooldownSeconds: config.COOLDOWN_SECONDS,
        ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
      });
    } catch (error) {
      // A wrong token or no route to Discord: say which, without a stack trace, and stop.
      logger.fatal({ err: error }, 'could not log in to Discord');
      console.error(
        `Could not log in to Discord: ${error instanceof Error ? error.message : String(error)}. Check DISCORD_TOKEN and the network; \`npm start -- --terminal\` runs the commands here.`,
      );
      process.exit(1);
    }
  }
} else {
  await runInteractive(terminalOptions, process.stdin, process.stdout);
}
