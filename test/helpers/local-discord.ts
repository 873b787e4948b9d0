/**
 * Discord, played on 127.0.0.1: the REST routes a bot calls to log in and to answer an
 * interaction, and a gateway that says hello, takes the IDENTIFY, sends READY and then
 * whatever a test dispatches. Enough to run the real bot, bundle and discord.js
 * included, with no network.
 *
 * It also plays Discord's faults (reliability-probe.md): any REST status (429 with
 * retry-after, 5xx) or latency on chosen routes, the 3 s rule (a late first callback gets
 * 404/10062, a second one 400/40060), gateway closes with any code, and heartbeats left
 * unacknowledged (a half-open connection). It records when each interaction was acknowledged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Raw body; multipart bodies (replies with a chart) keep their binary parts as latin1. */
  body: string;
}

/** A fault on the REST routes whose "METHOD /path" matches `route`. */
export interface RestFault {
  route: RegExp;
  /** Answer with this status (429 carries retry-after) instead of the normal answer. */
  status?: number;
  retryAfterSeconds?: number;
  /** Answer this many milliseconds late (the request is recorded when it arrives). */
  delayMs?: number;
  /** Only the next N matching requests; all of them by default. */
  times?: number;
}

/** What became of one dispatched interaction, by the first callback Discord got for it. */
export interface InteractionFate {
  dispatchedAt: number;
  /** Milliseconds from dispatch to the first accepted callback's answer. */
  acknowledgedMs?: number;
  /** The first callback's type: 4 reply, 5 deferred, 6 deferred update, 7 update, 8 choices. */
  callbackType?: number;
  /** Webhook edits and follow-ups answered 2xx. */
  edits: number;
  /** A first callback past the deadline (answered 10062). */
  expired: boolean;
}

/** Discord's rule for the first response to an interaction. */
export const interactionDeadlineMs = 3000;

export const botUserId = '100000000000000001';
export const applicationId = '100000000000000002';
/** A token of a bot token's shape (its first part is the bot's id in base64); it opens nothing but the stand-in. */
export const localBotToken = `${Buffer.from(botUserId).toString('base64')}.local.${'x'.repeat(38)}`;

/** Where a user-installed command is asked by default: a DM. */
export const dmChannelId = '100000000000000020';
export const teamGuildId = '100000000000000050';
export const teamChannelId = '100000000000000051';

/**
 * An INTERACTION_CREATE payload as Discord sends it: type 2 for a slash command, 4 for an
 * autocomplete keystroke (one option `focused`). By default a user-installed command in
 * a DM; `inGuild` asks it in the team's channel (see `teamGuildCreate`), from a member.
 */
export function interactionPayload(
  type: 2 | 4,
  serial: number,
  userId: string,
  command: { name: string; options: object[] },
  inGuild = false,
) {
  const user = {
    id: userId,
    username: `user-${userId.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
  };
  const where = inGuild
    ? {
        guild_id: teamGuildId,
        channel_id: teamChannelId,
        channel: { id: teamChannelId, type: 0, guild_id: teamGuildId },
        member: {
          user,
          roles: [],
          joined_at: new Date(0).toISOString(),
          permissions: '0',
          deaf: false,
          mute: false,
          flags: 0,
        },
        authorizing_integration_owners: { 0: teamGuildId },
        context: 0,
      }
    : {
        channel_id: dmChannelId,
        channel: { id: dmChannelId, type: 1 },
        user,
        authorizing_integration_owners: { 1: userId },
        context: 1,
      };
  return {
    id: String(400000000000000000n + BigInt(serial)),
    application_id: applicationId,
    type,
    token: `interaction-token-${serial}`,
    version: 1,
    ...where,
    app_permissions: '0',
    locale: 'en-US',
    entitlements: [],
    data: { id: '100000000000000040', name: command.name, type: 1, options: command.options },
  };
}

/** A button press (type 3) on one of the bot's answers, from the same user in a DM by default. */
export function buttonPayload(serial: number, userId: string, customId: string, inGuild = false) {
  const { data: _command, ...base } = interactionPayload(2, serial, userId, { name: 'unused', options: [] }, inGuild);
  return {
    ...base,
    type: 3,
    message: sentMessage(serial, base.channel_id),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** GUILD_CREATE for the team's guild: one text channel, no members sent up front. */
export function teamGuildCreate(memberCount: number) {
  return {
    id: teamGuildId,
    name: 'team',
    owner_id: '300000000000000000',
    unavailable: false,
    member_count: memberCount,
    channels: [{ id: teamChannelId, type: 0, name: 'hardware', position: 0, permission_overwrites: [] }],
    roles: [
      {
        id: teamGuildId,
        name: '@everyone',
        permissions: '0',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
      },
    ],
    members: [],
    emojis: [],
    stickers: [],
    features: [],
  };
}

function callbackTypeOf(body: string): number | undefined {
  // A multipart callback (a reply with a chart) carries its JSON in the payload_json part.
  const jsonText = body.startsWith('{') ? body : /name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r]*)/.exec(body)?.[1];
  try {
    return (JSON.parse(jsonText ?? '') as { type?: number }).type;
  } catch {
    return undefined;
  }
}

/** The smallest message object discord.js accepts back from a webhook edit or follow-up. */
function sentMessage(serial: number, channelId: string) {
  return {
    id: String(200000000000000000n + BigInt(serial)),
    channel_id: channelId,
    author: { id: botUserId, username: 'rig-advisor', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: '',
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [],
  };
}

/**
 * `tls`: serve HTTPS and WSS with this key and certificate (for 127.0.0.1), as discord.com
 * does; the bot must then be told to trust the certificate (NODE_EXTRA_CA_CERTS).
 */
export async function startLocalDiscord(
  options: { tls?: { key: string; cert: string }; heartbeatIntervalMs?: number } = {},
) {
  const secure = options.tls !== undefined;
  const faults: (RestFault & { used: number })[] = [];
  const fates = new Map<string, InteractionFate>();
  let acknowledgeHeartbeats = true;
  const requests: RecordedRequest[] = [];
  const gatewayFrames: { op: number; d: unknown }[] = [];
  let socket: WebSocket | undefined;
  let sequence = 0;
  const waiters: (() => void)[] = [];
  /** Each dispatched interaction's channel by its token: a reply is posted where it was asked. */
  const channelOfToken = new Map<string, string>();
  const changed = () => waiters.splice(0).forEach((wake) => wake());

  const json = (response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const faultFor = (method: string, path: string) => {
    const fault = faults.find(
      (candidate) =>
        candidate.route.test(`${method} ${path}`) &&
        (candidate.times === undefined || candidate.used < candidate.times),
    );
    if (fault) fault.used += 1;
    return fault;
  };
  const respond = (path: string, body: string, fault: RestFault | undefined, response: ServerResponse) => {
    if (fault?.status === 429)
      return json(
        response,
        429,
        { message: 'You are being rate limited.', retry_after: fault.retryAfterSeconds ?? 1, global: false },
        { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      );
    if (fault?.status !== undefined)
      return json(response, fault.status, { message: `stand-in fault ${fault.status}`, code: 0 });
    const callback = /\/interactions\/\d+\/([^/]+)\/callback$/.exec(path);
    const webhook = /\/webhooks\/\d+\/([^/]+)(?:\/messages\/(?:@|%40)original)?$/.exec(path);
    if (path.endsWith('/gateway/bot')) {
      json(response, 200, {
        url: gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    } else if (callback) {
      const fate = fates.get(callback[1] ?? '');
      if (fate?.callbackType !== undefined)
        return json(response, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      if (fate && performance.now() - fate.dispatchedAt > interactionDeadlineMs) {
        fate.expired = true;
        return json(response, 404, { message: 'Unknown interaction', code: 10062 });
      }
      if (fate) {
        fate.acknowledgedMs = performance.now() - fate.dispatchedAt;
        fate.callbackType = callbackTypeOf(body);
      }
      response.writeHead(204).end();
    } else if (webhook) {
      // editReply and followUp answer with the message as sent; discord.js reads it back.
      const token = webhook[1] ?? '';
      const fate = fates.get(token);
      if (fate) fate.edits += 1;
      json(response, 200, sentMessage(requests.length, channelOfToken.get(token) ?? dmChannelId));
    } else {
      json(response, 404, { message: 'Unknown route', code: 0 });
    }
  };
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = request.method ?? '';
      const path = (request.url ?? '').split('?')[0] ?? '';
      const body = Buffer.concat(chunks).toString('latin1');
      requests.push({ method, path, headers: request.headers, body });
      changed();
      const fault = faultFor(method, path);
      if (fault?.delayMs === undefined) return respond(path, body, fault, response);
      setTimeout(() => {
        respond(path, body, fault, response);
        changed();
      }, fault.delayMs);
    });
  };
  const http = options.tls ? createTlsServer(options.tls, answer) : createServer(answer);
  const gateway = new WebSocketServer({ server: http });
  const send = (frame: object) => socket?.send(JSON.stringify(frame));
  let connections = 0;
  gateway.on('connection', (connection) => {
    connections += 1;
    socket = connection;
    send({ op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 }, s: null, t: null });
    connection.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { op: number; d: unknown };
      gatewayFrames.push(frame);
      changed();
      if (frame.op === 1 && acknowledgeHeartbeats) send({ op: 11, d: null, s: null, t: null });
      // RESUME after a dropped connection: nothing was missed here, so just say resumed.
      if (frame.op === 6) send({ op: 0, s: sequence, t: 'RESUMED', d: {} });
      if (frame.op === 2) {
        sequence += 1;
        send({
          op: 0,
          s: sequence,
          t: 'READY',
          d: {
            v: 10,
            user: {
              id: botUserId,
              username: 'rig-advisor',
              discriminator: '0',
              global_name: null,
              avatar: null,
              bot: true,
              flags: 0,
            },
            guilds: [],
            session_id: 'local-session',
            resume_gateway_url: gatewayUrl(),
            application: { id: applicationId, flags: 0 },
            shard: [0, 1],
          },
        });
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  function gatewayUrl(): string {
    return `${secure ? 'wss' : 'ws'}://127.0.0.1:${port()}`;
  }
  function port(): number {
    const address = http.address();
    if (address === null || typeof address === 'string') throw new Error('local Discord: not listening on TCP');
    return address.port;
  }

  return {
    apiUrl: `${secure ? 'https' : 'http'}://127.0.0.1:${port()}/api`,
    requests,
    gatewayFrames,
    /** Sends a gateway event (op 0) to the connected bot. */
    dispatch(type: string, data: object) {
      if (type === 'INTERACTION_CREATE' && 'token' in data)
        fates.set(String(data.token), { dispatchedAt: performance.now(), edits: 0, expired: false });
      if (type === 'INTERACTION_CREATE' && 'token' in data && 'channel_id' in data)
        channelOfToken.set(String(data.token), String(data.channel_id));
      sequence += 1;
      send({ op: 0, s: sequence, t: type, d: data });
    },
    /** From now on, REST requests matching the fault's route get it (latest injected last in line). */
    inject(fault: RestFault) {
      faults.push({ ...fault, used: 0 });
    },
    clearFaults() {
      faults.splice(0);
    },
    /** Gateway connections opened so far (a reconnect opens another). */
    get connections() {
      return connections;
    },
    /** Each dispatched interaction's fate, by its token. */
    fates,
    /** Whether heartbeats are acknowledged (op 11); false makes the connection look half-open. */
    acknowledgeHeartbeats(acknowledge: boolean) {
      acknowledgeHeartbeats = acknowledge;
    },
    /** Drops the connection without a close frame (1006), as a network failure does. */
    terminateGateway() {
      socket?.terminate();
    },
    /** Closes the gateway connection with this code, as Discord does (4004 token reset, 4000 unknown error…). */
    closeGateway(code: number, reason = '') {
      socket?.close(code, reason);
    },
    /** Resolves when `done()` holds, checking after every request and gateway frame. */
    async until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        if (Date.now() > deadline) throw new Error('local Discord: timed out waiting');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    async close() {
      for (const client of gateway.clients) client.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
