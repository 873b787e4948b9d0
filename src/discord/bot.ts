/**
 * The Discord client: the Guilds intent only (slash commands need nothing more),
 * interactions to the router, a clean exit on SIGINT/SIGTERM. The token goes to
 * discord.js and nowhere else; it is never logged.
 */
import { Client, Events, GatewayIntentBits, Options, RESTEvents, type Interaction, type RESTOptions } from 'discord.js';
import { commandsByName, type Command } from '../../commands/index.ts';
import type { AdvisorStore } from '../advisor/store.ts';
import type { Logger } from '../logger.ts';
import { drainOnSignals, drainTimeoutMs, InFlight, type ShutdownHost } from './in-flight.ts';
import { createInteractionHandler, type InteractionHandler } from './router.ts';

export type { ShutdownHost } from './in-flight.ts';

export interface BotOptions {
  token: string;
  store: AdvisorStore;
  logger: Logger;
  commands?: ReadonlyMap<string, Command>;
  cooldownSeconds?: number;
  /** Discord's REST base (see DISCORD_API_URL); the gateway address comes from it. */
  apiUrl?: string;
  /** For tests: what the shutdown listens on and exits, and how long it waits for answers. */
  shutdownHost?: ShutdownHost;
  drainTimeoutMs?: number;
}

/** How many users and guild members discord.js keeps; by default it keeps everyone it ever saw. */
export const maxCachedPeople = 1000;

/**
 * How often discord.js's REST drops its idle per-route queues. Each interaction that is
 * answered by editing gets a queue of its own (the route's key holds the interaction's
 * token), and by default they stay for an hour: ~0.5 kB each, 70 MB at 40 answers a second.
 */
export const restQueueSweepMs = 60_000;

/** Routes (discord.js bucket routes, by prefix) whose 429 is rejected instead of retried. */
export const rateLimitRejectedRoutes = ['/interactions/'];

/**
 * A client that can read nothing but interactions and can never ping anyone. Its caches
 * are bounded: it keeps no messages (replies are edited through the interaction's
 * webhook, never read back) and the last `maxCachedPeople` users and members, itself always.
 */
export function createClient(apiUrl?: string, makeRequest?: RESTOptions['makeRequest']): Client {
  // `user` is null on a client that never logs in (the HTTP endpoint's).
  const people = {
    maxSize: maxCachedPeople,
    keepOverLimit: (person: { id: string; client: Client }) => person.id === person.client.user?.id,
  };
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      UserManager: people,
      GuildMemberManager: people,
    }),
    // A rate-limited interaction callback fails at once: waiting out retry-after past
    // Discord's 3 s only ends in 10062 (the router logs it once, at warn).
    rest: {
      handlerSweepInterval: restQueueSweepMs,
      rejectOnRateLimit: rateLimitRejectedRoutes,
      ...(apiUrl ? { api: apiUrl } : {}),
      ...(makeRequest ? { makeRequest } : {}),
    },
  });
}

/**
 * On SIGINT or SIGTERM: take no new interactions, finish those in flight (bounded, D2),
 * destroy the client (closing the gateway), then exit 0.
 */
export function exitOnSignals(
  client: Pick<Client, 'destroy'>,
  logger: Logger,
  host: ShutdownHost = process,
  inFlight = new InFlight(),
  stopTaking: () => void = () => undefined,
  timeoutMs = drainTimeoutMs,
): void {
  drainOnSignals({ stopTaking, inFlight, close: () => client.destroy(), logger, host, timeoutMs });
}

/**
 * The router behind a gate: each interaction is counted while it runs, and once the
 * shutdown starts new ones are left alone (logged) instead of started and cut off.
 */
export function trackedHandler(
  handle: InteractionHandler,
  inFlight: InFlight,
  logger: Logger,
): { handle: (interaction: Interaction) => void; stopTaking: () => void; taking: () => boolean } {
  let taking = true;
  return {
    handle: (interaction) => {
      if (!taking) {
        logger.warn({ interactionId: interaction.id }, 'interaction arrived while shutting down; not taken');
        return;
      }
      inFlight.track(
        interaction.id,
        interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : 'component',
        handle(interaction),
      );
    },
    stopTaking: () => void (taking = false),
    taking: () => taking,
  };
}

/** Gateway close codes Discord documents as "do not reconnect" (4004 token reset, 4014 intents). */
export const fatalCloseCodes: Readonly<Record<number, string>> = {
  4004: 'authentication failed (token reset?)',
  4010: 'invalid shard',
  4011: 'sharding required',
  4012: 'invalid API version',
  4013: 'invalid intents',
  4014: 'disallowed intents (enable them in the developer portal)',
};

/**
 * discord.js emits ShardDisconnect only for a close it will not retry. Staying up would be
 * a silent outage (the watcher keeps the loop alive), so log at fatal and exit 1: a
 * supervisor sees the failure and restarts, or an operator is alerted.
 */
export function exitOnFatalClose(
  client: Pick<Client, 'on'>,
  logger: Logger,
  host: Pick<ShutdownHost, 'exit'> = process,
): void {
  client.on(Events.ShardDisconnect, (event, shardId) => {
    logger.fatal(
      { shardId, code: event.code, reason: fatalCloseCodes[event.code] ?? 'not retried by discord.js' },
      'gateway closed for good; exiting',
    );
    host.exit(1);
  });
}

export async function startBot({
  token,
  store,
  logger,
  commands = commandsByName,
  cooldownSeconds = 0,
  apiUrl,
  shutdownHost = process,
  drainTimeoutMs: timeoutMs = drainTimeoutMs,
}: BotOptions): Promise<Client> {
  const client = createClient(apiUrl);
  const inFlight = new InFlight();
  const gate = trackedHandler(
    createInteractionHandler({ advisor: store.current(), store, logger, commands, cooldownSeconds }),
    inFlight,
    logger,
  );
  client.on(Events.InteractionCreate, gate.handle);
  client.once(Events.ClientReady, (ready) =>
    logger.info(
      { user: ready.user.tag, applicationId: ready.application.id, guilds: ready.guilds.cache.size },
      'ready',
    ),
  );
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  // The route, never the URL: an interaction's URL holds its token.
  client.rest.on(RESTEvents.RateLimited, ({ route, method, retryAfter, global, scope }) =>
    logger.warn({ route, method, retryAfterMs: retryAfter, global, scope }, 'rate limited by Discord'),
  );
  // Reconnects are discord.js's job; we only say when they happen, and stop when it gives up.
  exitOnFatalClose(client, logger);
  client.on(Events.ShardReconnecting, (shardId) => {
    if (gate.taking()) logger.info({ shardId }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'gateway resumed'));
  exitOnSignals(client, logger, shutdownHost, inFlight, gate.stopTaking, timeoutMs);
  await client.login(token);
  return client;
}
