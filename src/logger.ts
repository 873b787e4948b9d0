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

export function createLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' }, base: { app: 'rig-advisor' } };
  return destination ? pino(options, destination) : pino(options, pino.destination(2));
}

export type { Logger };
