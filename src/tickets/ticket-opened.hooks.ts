import { Injectable, Logger } from '@nestjs/common';

type TicketOpenedHook = (ticketNumber: string) => Promise<void>;

/**
 * What other modules do after a ticket is opened (e.g. major-incident detection) without the
 * ticket module knowing them: they register here; a failing hook never fails the intake.
 */
@Injectable()
export class TicketOpenedHooks {
  private readonly logger = new Logger(TicketOpenedHooks.name);
  private readonly hooks: TicketOpenedHook[] = [];

  register(hook: TicketOpenedHook): void {
    this.hooks.push(hook);
  }

  async opened(ticketNumber: string): Promise<void> {
    for (const hook of this.hooks) {
      try {
        await hook(ticketNumber);
      } catch (error) {
        this.logger.warn(`after opening ${ticketNumber}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
