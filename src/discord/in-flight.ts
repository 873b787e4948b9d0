/**
 * The interactions being answered right now, so a shutdown can wait for them (D2): a
 * deploy or restart that exits at once leaves every deferred answer "thinking…" for good.
 */
import type { Logger } from '../logger.ts';

/** How long a shutdown waits for answers in flight before giving up on them. */
export const drainTimeoutMs = 10_000;

interface Running {
  command: string | undefined;
  startedAt: number;
}

export interface DrainReport {
  finished: number;
  /** What was still running when the wait ran out: logged, since nobody will answer them. */
  abandoned: { interactionId: string; command: string | undefined; runningMs: number }[];
  waitedMs: number;
}

export class InFlight {
  private readonly running = new Map<string, Running>();
  private readonly settled = new Set<() => void>();

  get size(): number {
    return this.running.size;
  }

  /** Counts the interaction until `work` settles (it never rejects the caller's way: errors are the router's). */
  track(interactionId: string, command: string | undefined, work: Promise<unknown>): void {
    this.running.set(interactionId, { command, startedAt: performance.now() });
    const done = () => {
      this.running.delete(interactionId);
      for (const wake of this.settled) wake();
    };
    work.then(done, done);
  }

  /** Resolves when nothing is running, or after `timeoutMs` with what is left. */
  async drain(timeoutMs = drainTimeoutMs): Promise<DrainReport> {
    const startedAt = performance.now();
    const before = this.running.size;
    if (before > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, timeoutMs);
        function finish() {
          clearTimeout(timer);
          resolve();
        }
        const check = () => {
          if (this.running.size === 0) {
            this.settled.delete(check);
            finish();
          }
        };
        this.settled.add(check);
      });
    }
    const now = performance.now();
    const abandoned = [...this.running].map(([interactionId, { command, startedAt: began }]) => ({
      interactionId,
      command,
      runningMs: Math.round(now - began),
    }));
    return { finished: before - abandoned.length, abandoned, waitedMs: Math.round(now - startedAt) };
  }
}

/** What the shutdown listens on and ends: the process, or a stand-in in tests. */
export interface ShutdownHost {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): void;
}

export interface DrainOptions {
  /** Stop taking new interactions (they are refused or left to Discord from now on). */
  stopTaking: () => void;
  inFlight: InFlight;
  /** Close what is left (the gateway, the HTTP server) once the answers are out. */
  close: () => Promise<void>;
  logger: Logger;
  host?: ShutdownHost;
  timeoutMs?: number;
}

/**
 * On SIGINT or SIGTERM: stop taking interactions, wait (bounded) for those in flight,
 * log any abandoned, close, exit 0. A second signal during the wait changes nothing.
 */
export function drainOnSignals({
  stopTaking,
  inFlight,
  close,
  logger,
  host = process,
  timeoutMs = drainTimeoutMs,
}: DrainOptions): void {
  let stopping = false;
  const stop = (signal: 'SIGINT' | 'SIGTERM') => {
    if (stopping) return;
    stopping = true;
    stopTaking();
    logger.info({ signal, inFlight: inFlight.size, timeoutMs }, 'shutting down: finishing the answers in flight');
    void inFlight
      .drain(timeoutMs)
      .then((report) => {
        for (const lost of report.abandoned) logger.error(lost, 'abandoned at shutdown: no answer will come');
        logger.info(
          { finished: report.finished, abandoned: report.abandoned.length, waitedMs: report.waitedMs },
          'drained',
        );
      })
      .then(close)
      .catch((error: unknown) => logger.error({ err: error }, 'did not close cleanly'))
      .finally(() => host.exit(0));
  };
  host.once('SIGINT', () => stop('SIGINT'));
  host.once('SIGTERM', () => stop('SIGTERM'));
}
