/**
 * D4: acknowledgements before heavy work. Every interaction of a burst arrives in one
 * turn of the event loop; if each ran its command and chart (~30 ms) right away, no
 * callback would leave before the whole burst was computed, and past ~90 of them every
 * one missed Discord's 3 s at once. So heavy work runs here, one job per turn of the
 * event loop, and only after the acknowledgements already on their way have been
 * answered (waiting at most `maxAckWaitMs`, so a slow Discord cannot stall the answers).
 * Whoever finds the gate busy defers first: a burst costs one job of latency per
 * acknowledgement, not the whole burst's.
 */

/** How long heavy work waits for acknowledgements in flight before it runs anyway. */
export const maxAckWaitMs = 500;

export class WorkGate {
  private readonly jobs: (() => void)[] = [];
  private running = false;
  private acksInFlight = 0;
  private waitingSince: number | undefined;
  private wake: NodeJS.Timeout | undefined;

  constructor(private readonly ackWaitMs = maxAckWaitMs) {}

  /** Work is running or waiting: a newcomer should acknowledge before queueing its own. */
  get busy(): boolean {
    return this.running || this.jobs.length > 0;
  }

  /** Counts an acknowledgement (a defer, autocomplete choices) until Discord has answered it. */
  async acknowledging<T>(ack: Promise<T>): Promise<T> {
    this.acksInFlight += 1;
    try {
      return await ack;
    } finally {
      this.acksInFlight -= 1;
      this.pump();
    }
  }

  /** Runs `job` in a turn of its own, after the other queued jobs; its result or throw comes back. */
  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(() => {
        try {
          resolve(job());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      this.pump();
    });
  }

  private pump(): void {
    if (this.running || this.jobs.length === 0) return;
    const now = performance.now();
    this.waitingSince ??= now;
    const waitedMs = now - this.waitingSince;
    if (this.acksInFlight > 0 && waitedMs < this.ackWaitMs) {
      // Woken by the last acknowledgement's answer, or by this timer at the bound.
      this.wake ??= setTimeout(() => {
        this.wake = undefined;
        this.pump();
      }, this.ackWaitMs - waitedMs);
      return;
    }
    clearTimeout(this.wake);
    this.wake = undefined;
    this.running = true;
    // A turn of its own: the acknowledgements queued meanwhile go out before the next job.
    setImmediate(() => {
      this.waitingSince = undefined;
      this.jobs.shift()?.();
      this.running = false;
      this.pump();
    });
  }
}
