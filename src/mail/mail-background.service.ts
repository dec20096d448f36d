import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/app-config';
import { APP_ROLES, type AppRoles } from '../config/app-roles';
import { NotificationsService } from '../notifications/notifications.service';
import { DispatchLoop } from '../temporal/dispatch-loop';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { batchDeliveryWorkflowId, deliveryWorkflowId, pollerWorkflowId, type BatchDeliveryInput, type DeliveryInput, type PollerInput } from '../../workflows/mail.messages';
import { parseMailboxUrl } from './mailbox';

const BATCH = 200;

/**
 * What a worker process runs for mail (DESIGN "Channels"):
 * - the dispatcher: the notifications the projections committed are claimed in batches and each
 *   batch gets its delivery workflow, started idempotently (id from the batch; a second start
 *   attaches or is refused), then marked dispatched. Several workers may dispatch at once: a
 *   notification is in one batch only, so nothing is sent twice.
 * - the mailbox poller: one workflow per mailbox (IMAP_URL), started once, whoever starts it.
 * Without SMTP_URL delivery is off: notifications stay queued in the outbox (and the log says so).
 */
@Injectable()
export class MailBackground implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailBackground.name);
  private loop?: DispatchLoop;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly temporal: TemporalClientProvider,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @Inject(APP_ROLES) private readonly roles: AppRoles,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.roles.worker) return;
    if (this.config.mail.imapUrl) await this.startPoller();
    else this.logger.log('mail intake by IMAP off: IMAP_URL is not set');
    if (!this.config.mail.smtpUrl) {
      this.logger.log('mail delivery off: SMTP_URL is not set, notifications stay queued in the outbox');
      return;
    }
    this.logger.log(`mail delivery on: notifications go to ${this.config.mail.smtpUrl.replace(/\/\/[^@/]*@/, '//***@')}`);
    this.loop = new DispatchLoop('mail dispatch', this.logger, () => this.dispatch(), BATCH, this.config.mail.dispatchIntervalMs);
    this.loop.start();
  }

  // Before the database pool closes (onApplicationShutdown): the round in flight finishes.
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /**
   * Starts the delivery workflows of the notifications not dispatched yet; returns how many it
   * claimed. Those due now go together, one workflow per batch; the batch is claimed in the outbox
   * before its workflow starts, so a round that dies half-way is finished by the next with the same
   * batch (its workflow id), and a notification is never in two. Those due later (team alerts out
   * of office hours) each get their own workflow, which waits for them.
   */
  async dispatch(): Promise<number> {
    const { retryWindowMs, retryInitialMs, retryMaxMs } = this.config.mail;
    const retries = { retryWindowMs, retryInitialMs, retryMaxMs };
    await this.notifications.claimDue(randomUUID(), BATCH);
    const batches = await this.notifications.claimedBatches();
    for (const { batch, ids } of batches) {
      const input: BatchDeliveryInput = { notificationIds: ids, ...retries };
      await this.temporal.startOnce('mailBatchDeliveryWorkflow', batchDeliveryWorkflowId(batch), [input]);
      await this.notifications.markDispatched(ids);
    }
    const later = await this.notifications.undispatchedLater(BATCH);
    await Promise.all(
      later.map(async (n) => {
        const input: DeliveryInput = { notificationId: n.id, deliverAfter: n.deliverAfter?.toISOString() ?? null, ...retries };
        await this.temporal.startOnce('mailDeliveryWorkflow', deliveryWorkflowId(n.id), [input]);
      }),
    );
    await this.notifications.markDispatched(later.map((n) => n.id));
    // A full round (a backlog) makes the loop go again at once.
    return Math.min(BATCH, Math.max(batches.reduce((sum, b) => sum + b.ids.length, 0), later.length));
  }

  private async startPoller(): Promise<void> {
    const mailbox = parseMailboxUrl(this.config.mail.imapUrl!);
    const input: PollerInput = { mailbox: mailbox.name, intervalMs: this.config.mail.imapPollIntervalMs };
    await this.temporal.keepRunning('mailboxPollerWorkflow', pollerWorkflowId(mailbox.name), [input]);
    this.logger.log(`polling ${mailbox.name} every ${input.intervalMs} ms`);
  }
}
