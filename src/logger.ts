/** One pino logger. The token is redacted on every path it could appear under. */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export const redactedPaths = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'config.DISCORD_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
  'client.token',
  'rest.token',
];

/**
 * Errors as pino writes them, except a Discord API error's request body: it carries the
 * reply's attachments, and pino would write a chart's bytes as a JSON array of numbers,
 * ~400 kB a line (found by running the bot against a local gateway). Files are named and
 * sized instead; the JSON part stays, since "Invalid Form Body" errors point into it.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = withoutInteractionTokens(pino.stdSerializers.err(error));
  const requestBody: unknown = serialized.requestBody;
  if (typeof requestBody !== 'object' || requestBody === null) return serialized;
  const { files, json } = requestBody as { files?: unknown; json?: unknown };
  const described = Array.isArray(files) ? files.map(describeFile) : files;
  return { ...serialized, requestBody: { files: described, json } };
}

/**
 * An interaction's token sits in its callback and webhook URLs, and for 15 minutes lets
 * whoever holds it edit the answer or post as the bot in that channel: never logged.
 */
export function redactInteractionTokens(text: string): string {
  return text.replace(/\/(interactions|webhooks)\/(\d+)\/[^/?#\s"']+/g, '/$1/$2/[redacted]');
}

function withoutInteractionTokens(
  serialized: ReturnType<typeof pino.stdSerializers.err>,
): ReturnType<typeof pino.stdSerializers.err> {
  const cleaned: Record<string, unknown> = { ...serialized };
  for (const [key, value] of Object.entries(cleaned))
    if (typeof value === 'string') cleaned[key] = redactInteractionTokens(value);
  return cleaned as ReturnType<typeof pino.stdSerializers.err>;
}

function describeFile(file: unknown): unknown {
  if (typeof file !== 'object' || file === null) return file;
  const { name, data } = file as { name?: unknown; data?: unknown };
  return {
    name,
    bytes:
      Buffer.isBuffer(data) || data instanceof Uint8Array
        ? data.byteLength
        : typeof data === 'string'
          ? data.length
          : undefined,
  };
}

export function createLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    base: { app: 'rig-advisor' },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options, pino.destination(2));
}

export type { Logger };
