/**
 * Discord, played on 127.0.0.1: the REST routes a bot calls to log in and to answer an
 * interaction, and a gateway that says hello, takes the IDENTIFY, sends READY and then
 * whatever a test dispatches. Enough to run the real bot, bundle and discord.js
 * included, with no network.
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
export function interactionPayload(type: 2 | 4, serial: number, userId: string, command: { name: string; options: object[] }, inGuild = false) {
  const user = { id: userId, username: `user-${userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null };
  const where = inGuild
    ? {
        guild_id: teamGuildId,
        channel_id: teamChannelId,
        channel: { id: teamChannelId, type: 0, guild_id: teamGuildId },
        member: { user, roles: [], joined_at: new Date(0).toISOString(), permissions: '0', deaf: false, mute: false, flags: 0 },
        authorizing_integration_owners: { 0: teamGuildId },
        context: 0,
      }
    : { channel_id: dmChannelId, channel: { id: dmChannelId, type: 1 }, user, authorizing_integration_owners: { 1: userId }, context: 1 };
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

/** GUILD_CREATE for the team's guild: one text channel, no members sent up front. */
export function teamGuildCreate(memberCount: number) {
  return {
    id: teamGuildId,
    name: 'team',
    owner_id: '300000000000000000',
    unavailable: false,
    member_count: memberCount,
    channels: [{ id: teamChannelId, type: 0, name: 'hardware', position: 0, permission_overwrites: [] }],
    roles: [{ id: teamGuildId, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false }],
    members: [],
    emojis: [],
    stickers: [],
    features: [],
  };
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
export async function startLocalDiscord(options: { tls?: { key: string; cert: string } } = {}) {
  const secure = options.tls !== undefined;
  const requests: RecordedRequest[] = [];
  const gatewayFrames: { op: number; d: unknown }[] = [];
  let socket: WebSocket | undefined;
  let sequence = 0;
  const waiters: (() => void)[] = [];
  /** Each dispatched interaction's channel by its token: a reply is posted where it was asked. */
  const channelOfToken = new Map<string, string>();
  const changed = () => waiters.splice(0).forEach((wake) => wake());

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      requests.push({ method: request.method ?? '', path, headers: request.headers, body: Buffer.concat(chunks).toString('latin1') });
      changed();
      if (path.endsWith('/gateway/bot')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ url: gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }));
      } else if (/\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
        response.writeHead(204).end();
      } else if (/\/webhooks\/\d+\/[^/]+\/messages\/(?:@|%40)original$/.test(path) || /\/webhooks\/\d+\/[^/]+$/.test(path)) {
        // editReply and followUp answer with the message as sent; discord.js reads it back.
        response.writeHead(200, { 'content-type': 'application/json' });
        const token = /\/webhooks\/\d+\/([^/]+)/.exec(path)?.[1] ?? '';
        response.end(JSON.stringify(sentMessage(requests.length, channelOfToken.get(token) ?? dmChannelId)));
      } else {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'Unknown route', code: 0 }));
      }
    });
  };
  const http = options.tls ? createTlsServer(options.tls, answer) : createServer(answer);
  const gateway = new WebSocketServer({ server: http });
  const send = (frame: object) => socket?.send(JSON.stringify(frame));
  gateway.on('connection', (connection) => {
    socket = connection;
    send({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    connection.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { op: number; d: unknown };
      gatewayFrames.push(frame);
      changed();
      if (frame.op === 1) send({ op: 11, d: null, s: null, t: null });
      if (frame.op === 2) {
        sequence += 1;
        send({
          op: 0,
          s: sequence,
          t: 'READY',
          d: {
            v: 10,
            user: { id: botUserId, username: 'rig-advisor', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
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
      if (type === 'INTERACTION_CREATE' && 'token' in data && 'channel_id' in data) channelOfToken.set(String(data.token), String(data.channel_id));
      sequence += 1;
      send({ op: 0, s: sequence, t: type, d: data });
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
