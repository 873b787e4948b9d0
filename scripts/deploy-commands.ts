/**
 * npm run deploy-commands
 * Registers the slash commands with Discord: to DISCORD_GUILD_ID when set (instant, for
 * development), otherwise globally. Needs DISCORD_TOKEN and DISCORD_CLIENT_ID.
 */
import { commands } from '../commands/index.ts';
import { readConfig } from '../src/config.ts';
import { createRegistry, deployCommands } from '../src/discord/deploy.ts';
import { createLogger } from '../src/logger.ts';

const configResult = readConfig();
if (!configResult.ok) {
  console.error(
    `Configuration problems (see .env.example):\n${configResult.problems.map((problem) => `  ${problem}`).join('\n')}`,
  );
  process.exit(1);
}
const {
  DISCORD_TOKEN: token,
  DISCORD_CLIENT_ID: clientId,
  DISCORD_GUILD_ID: guildId,
  DISCORD_API_URL: apiUrl,
  LOG_LEVEL,
} = configResult.config;
const missing = [token ? undefined : 'DISCORD_TOKEN', clientId ? undefined : 'DISCORD_CLIENT_ID'].filter(Boolean);
if (!token || !clientId) {
  console.error(`deploy-commands needs ${missing.join(' and ')} (see .env.example).`);
  process.exit(1);
}

const logger = createLogger(LOG_LEVEL);
try {
  const result = await deployCommands({
    registry: createRegistry(token, apiUrl),
    clientId,
    ...(guildId ? { guildId } : {}),
    definitions: commands.map((command) => command.definition),
  });
  logger.info(
    { scope: result.scope, guildId, commands: result.count },
    result.scope === 'guild'
      ? 'registered the commands to the guild'
      : 'registered the commands globally (may take a while to appear)',
  );
} catch (error) {
  logger.error({ err: error }, 'could not register the commands');
  process.exitCode = 1;
}
