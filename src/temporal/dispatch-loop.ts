import type { Logger } from '@nestjs/common';

/**
 * A worker's loop over an outbox (notifications, webhook deliveries): `dispatch` starts the
 * delivery workflows of rows not dispatched yet and says how many it took; a full batch means a
 * backlog, so the next round starts at once, otherwise after the interval. Stopped on shutdown,
 * after the round in flight.
 */
export class DispatchLoop {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
    private readonly dispatch: () => Promise<number>,
    private readonly batch: number,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatch()
        .catch((error) => this.logger.warn(`${this.what}: ${error instanceof Error ? error.message : error}`))
        .then((n) => this.schedule(n === this.batch ? 0 : this.intervalMs));
    }, delay);
  }
}
