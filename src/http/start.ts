/** `npm start -- --http`: the interactions endpoint from the settings, or a clear refusal. */
import type { AdvisorStore } from '../advisor/store.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { serveInteractions } from './endpoint.ts';
import { publicKeyFromHex } from './signature.ts';

export async function startHttp(config: Config, store: AdvisorStore, logger: Logger): Promise<void> {
  if (config.DISCORD_PUBLIC_KEY === undefined) {
    console.error(
      "--http needs DISCORD_PUBLIC_KEY: the Public Key on the application's General Information page in the developer portal.",
    );
    process.exit(1);
  }
  try {
    await serveInteractions({
      publicKey: publicKeyFromHex(config.DISCORD_PUBLIC_KEY),
      store,
      logger,
      cooldownSeconds: config.COOLDOWN_SECONDS,
      port: config.INTERACTIONS_PORT,
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    });
  } catch (error) {
    logger.fatal({ err: error, port: config.INTERACTIONS_PORT }, 'could not serve the interactions endpoint');
    console.error(
      `Could not listen on port ${config.INTERACTIONS_PORT}: ${error instanceof Error ? error.message : String(error)}. Set INTERACTIONS_PORT.`,
    );
    process.exit(1);
  }
}
