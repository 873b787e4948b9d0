/**
 * Discord's Interactions Endpoint URL (`npm start -- --http`): Discord POSTs each
 * interaction here, signed, instead of sending it over a gateway. Every request is
 * verified, then run through the same discord.js interaction classes and the same router
 * as the gateway bot. The router's first callback becomes this request's HTTP response;
 * later edits and follow-ups go to the interaction's webhook at DISCORD_API_URL, which
 * the interaction's own token opens (no bot token). Nothing is kept between requests,
 * so any number of these behind a load balancer serve one application.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { Events, type Client, type Interaction, type RESTOptions } from 'discord.js';
import { InteractionResponseType, InteractionType, MessageFlags, type APIInteraction } from 'discord-api-types/v10';
import { commandsByName, type Command } from '../../commands/index.ts';
import type { AdvisorStore } from '../advisor/store.ts';
import { createClient, trackedHandler } from '../discord/bot.ts';
import { drainOnSignals, InFlight, type ShutdownHost } from '../discord/in-flight.ts';
import { createInteractionHandler } from '../discord/router.ts';
import type { Logger } from '../logger.ts';
import { verifySignature } from './signature.ts';

/** Discord's interactions are a few kB; anything far larger is not Discord. */
export const maxBodyBytes = 256 * 1024;
/** Discord stops waiting for the HTTP response after 3 s; past that an answer is useless. */
export const responseDeadlineMs = 3000;

export interface EndpointOptions {
  publicKey: KeyObject;
  store: AdvisorStore;
  logger: Logger;
  commands?: ReadonlyMap<string, Command>;
  cooldownSeconds?: number;
  /** Where the interaction webhooks are (DISCORD_API_URL); Discord's own by default. */
  apiUrl?: string;
  /** For tests: the clock the signature's age is checked against, in seconds. */
  nowSeconds?: () => number;
}

interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** The HTTP request waiting for its interaction's first callback. */
interface Pending {
  answer: (reply: HttpAnswer) => void;
  applicationId: string;
}

const callbackPath = /\/interactions\/(\d+)\/([^/?]+)\/callback(?:\?|$)/;

/** discord.js calls this for every REST request its interactions make; see the module comment. */
function interceptingRequests(pending: Map<string, Pending>): RESTOptions['makeRequest'] {
  return async (url, init) => {
    const match = callbackPath.exec(url);
    const waiting = match ? pending.get(match[1] ?? '') : undefined;
    if (!match || !waiting) return fetch(url, init as RequestInit);
    pending.delete(match[1] ?? '');
    if (typeof init.body === 'string') {
      waiting.answer({ status: 200, contentType: 'application/json', body: init.body });
      return new Response(null, { status: 204 });
    }
    if (init.body instanceof FormData) return answerWithFiles(waiting, init.body, url, match[2] ?? '');
    throw new TypeError('an interaction callback with a body the endpoint cannot send');
  };
}

/**
 * A first answer with a file (a chart): Discord's HTTP response takes multipart only up
 * to ~100 kB and not for every interaction type (discord/discord-api-docs#5925, #5933),
 * so the request is answered with the matching deferral and the message, files and all,
 * is put in place by editing @original through the webhook, as a deferred command is.
 */
async function answerWithFiles(
  waiting: Pending,
  form: FormData,
  callbackUrl: string,
  token: string,
): Promise<Response> {
  const payloadJson = form.get('payload_json');
  const callback = JSON.parse(typeof payloadJson === 'string' ? payloadJson : '{}') as {
    type: number;
    data?: { flags?: number } & Record<string, unknown>;
  };
  const { flags, ...message } = callback.data ?? {};
  const deferral =
    callback.type === InteractionResponseType.UpdateMessage
      ? { type: InteractionResponseType.DeferredMessageUpdate }
      : {
          type: InteractionResponseType.DeferredChannelMessageWithSource,
          data: { flags: (flags ?? 0) & MessageFlags.Ephemeral },
        };
  waiting.answer({ status: 200, contentType: 'application/json', body: JSON.stringify(deferral) });
  const edit = new FormData();
  for (const [key, value] of form.entries()) if (key !== 'payload_json') edit.append(key, value);
  edit.append('payload_json', JSON.stringify(message));
  const editUrl = callbackUrl.replace(
    /\/interactions\/\d+\/[^/?]+\/callback(?:\?.*)?$/,
    `/webhooks/${waiting.applicationId}/${token}/messages/@original`,
  );
  const edited = await fetch(editUrl, { method: 'PATCH', body: edit });
  return edited.ok ? new Response(null, { status: 204 }) : edited;
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolve(undefined);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  // While shutting down, a kept-alive connection is closed after its answer, so the load balancer moves on.
  const closing = status === 503 ? { connection: 'close' } : {};
  response
    .writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...closing })
    .end(body);
}

/**
 * discord.js turns a gateway INTERACTION_CREATE into its classes here; the endpoint feeds it the same JSON.
 * This is discord.js's one private API the project uses, on purpose: discord.js has no public way to
 * build its interaction classes from an HTTP interaction (discordjs/discord.js#7231 is open since 2022,
 * #10022 was closed; its maintainers point HTTP bots to discord-interactions or @discordjs/core, which
 * work on raw JSON, so the router and its tests would have to leave discord.js's classes for both
 * fronts). It costs 3.6 µs per interaction (20,000 slash commands through it), and a discord.js update
 * that moves it fails at start-up here, and in test/http/endpoint.test.ts, not on the first request.
 */
interface InteractionCreateAction {
  handle(data: APIInteraction): void;
}
function interactionCreateAction(client: Client): InteractionCreateAction {
  const action = (client as unknown as { actions?: { InteractionCreate?: Partial<InteractionCreateAction> } }).actions
    ?.InteractionCreate;
  if (typeof action?.handle !== 'function')
    throw new Error(
      'this discord.js has no client.actions.InteractionCreate.handle: the HTTP endpoint cannot run on it',
    );
  return action as InteractionCreateAction;
}

export interface InteractionsEndpoint {
  server: Server;
  inFlight: InFlight;
  /** Stop taking interactions (healthz turns 503, new ones get 503). */
  stopTaking: () => void;
  /** Closes the server and the client; waits for nothing (see drainOnSignals). */
  close: () => Promise<void>;
}

export function createInteractionsEndpoint({
  publicKey,
  store,
  logger,
  commands = commandsByName,
  cooldownSeconds = 0,
  apiUrl,
  nowSeconds = () => Math.floor(Date.now() / 1000),
}: EndpointOptions): InteractionsEndpoint {
  const pending = new Map<string, Pending>();
  const client = createClient(apiUrl, interceptingRequests(pending));
  const inFlight = new InFlight();
  const gate = trackedHandler(
    createInteractionHandler({ advisor: store.current(), store, logger, commands, cooldownSeconds }),
    inFlight,
    logger,
  );
  const started = new Map<string, Interaction>();
  client.on(Events.InteractionCreate, (interaction) => {
    started.set(interaction.id, interaction);
    gate.handle(interaction);
  });
  const action = interactionCreateAction(client);

  async function onInteraction(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (body === undefined) return send(response, 413, 'too large');
    const verdict = verifySignature(
      publicKey,
      header(request, 'x-signature-ed25519'),
      header(request, 'x-signature-timestamp'),
      body,
      nowSeconds(),
    );
    if (!verdict.ok) {
      logger.warn({ reason: verdict.reason }, 'refused an interaction request: signature');
      return send(response, 401, 'invalid request signature');
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
    } catch {
      return send(response, 400, 'not JSON');
    }
    if (interaction.type === InteractionType.Ping)
      return send(response, 200, JSON.stringify({ type: InteractionResponseType.Pong }), 'application/json');
    if (!gate.taking()) return send(response, 503, 'shutting down');
    const answered = new Promise<HttpAnswer>((resolve) =>
      pending.set(interaction.id, { answer: resolve, applicationId: interaction.application_id }),
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      action.handle(interaction);
      const running = started.get(interaction.id);
      started.delete(interaction.id);
      if (!running) return send(response, 400, 'an interaction type this bot does not use');
      const unanswered = new Promise<HttpAnswer>((resolve) => {
        timer = setTimeout(
          () => resolve({ status: 500, contentType: 'text/plain', body: 'no answer within 3 s' }),
          responseDeadlineMs,
        );
      });
      const reply = await Promise.race([answered, unanswered]);
      if (reply.status !== 200)
        logger.error({ interactionId: interaction.id }, 'interaction not acknowledged within 3 s');
      send(response, reply.status, reply.body, reply.contentType);
    } finally {
      clearTimeout(timer);
      pending.delete(interaction.id);
    }
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
      return send(response, gate.taking() ? 200 : 503, gate.taking() ? 'ok' : 'shutting down');
    }
    if (path !== '/interactions') return send(response, 404, 'not found');
    if (request.method !== 'POST') return send(response, 405, 'POST only');
    onInteraction(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'interaction request failed');
      if (!response.headersSent) send(response, 500, 'internal error');
    });
  });

  return {
    server,
    inFlight,
    stopTaking: gate.stopTaking,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await client.destroy();
    },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface ServeOptions extends EndpointOptions {
  port: number;
  host?: string;
  /** For tests: the process stand-in the shutdown listens on. */
  shutdownHost?: ShutdownHost;
}

/** Listens, and drains on SIGINT/SIGTERM like the gateway bot. Resolves with the port. */
export async function serveInteractions(
  options: ServeOptions,
): Promise<{ endpoint: InteractionsEndpoint; port: number }> {
  const endpoint = createInteractionsEndpoint(options);
  await new Promise<void>((resolve, reject) => {
    endpoint.server.once('error', reject);
    endpoint.server.listen(options.port, options.host, () => resolve());
  });
  const address = endpoint.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  drainOnSignals({
    stopTaking: endpoint.stopTaking,
    inFlight: endpoint.inFlight,
    close: endpoint.close,
    logger: options.logger,
    ...(options.shutdownHost ? { host: options.shutdownHost } : {}),
  });
  options.logger.info({ port, path: '/interactions' }, 'serving the interactions endpoint');
  return { endpoint, port };
}
