/** A real pino logger whose lines are kept in memory, parsed, for tests to read. */
import { createLogger, type Logger } from '../../src/logger.ts';

export interface LogEntry {
  level: number;
  msg: string;
  err?: { message: string; type: string };
  [key: string]: unknown;
}

export const logLevels = { debug: 20, info: 30, warn: 40, error: 50 } as const;

export function captureLogger(): { logger: Logger; entries: () => LogEntry[] } {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
  return { logger, entries: () => lines.map((line) => JSON.parse(line) as LogEntry) };
}
