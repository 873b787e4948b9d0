/**
 * Process-wide guards for the serving fronts (gateway bot and --http). A stray promise
 * must not take the bot down: it is logged and serving goes on. A throw nobody caught
 * leaves the process in an unknown state: it is logged at fatal and the process exits 1,
 * so a supervisor (systemd Restart=on-failure, Docker, Kubernetes) starts a fresh one.
 */
import type { Logger } from './logger.ts';

export interface GuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  exit(code: number): void;
}

export function guardProcess(logger: Logger, host: GuardedProcess = process): void {
  host.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  host.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; exiting');
    // pino writes asynchronously; flush so the fatal line is not lost with the process.
    logger.flush();
    host.exit(1);
  });
}
