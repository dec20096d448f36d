import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/app-config';
import type { DeliveryOutcome, MailDeliveryActivities } from '../../workflows/mail.messages';
import type { NotificationEntity } from '../notifications/notification.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Activity } from '../temporal/activity.decorator';
import { TicketsService } from '../tickets/tickets.service';
import { DomainException } from '../errors/domain.exception';
import { MailGovernor } from './mail-governor.service';
import { MailStore } from './mail-store.service';
import { MailTransport } from './mail-transport';
import { UsersService } from '../auth/users.service';

const TICKET_NUMBER = /^(INC|REQ|TSK)-\d+$/;

/** The SMTP code of a nodemailer error (a refusal), or its error code (a connection that failed). */
const codeOf = (error: unknown): string => {
  const e = error as { responseCode?: number; code?: string };
  return e.responseCode ? String(e.responseCode) : e.code ?? 'error';
};

/**
 * Delivers one notification (the delivery workflow's activities). A message the outbox marks sent
 * or failed is never sent again; every attempt offers the SMTP server the notification's own
 * Message-ID. A permanent refusal (5xx) ends it at once; anything else is retried by the workflow
 * over the retry window.
 */
@Injectable()
export class MailDelivery implements MailDeliveryActivities {
  private readonly logger = new Logger(MailDelivery.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly transport: MailTransport,
    private readonly governor: MailGovernor,
    private readonly store: MailStore,
    private readonly tickets: TicketsService,
    private readonly users: UsersService,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  @Activity()
  async deliverNotification(notificationId: string): Promise<DeliveryOutcome> {
    const n = await this.notifications.find(notificationId);
    if (!n) return { status: 'skipped', detail: 'no such notification' };
    if (n.status === 'sent') return { status: 'sent', detail: n.smtpResponse ?? '' };
    if (n.status === 'failed') return { status: 'failed', detail: `${n.failedCode}: ${n.failure}` };
    if (n.status !== 'queued') return { status: n.status === 'suppressed' ? 'suppressed' : 'skipped', detail: n.failure ?? '' };
    if (!n.recipientAddress) {
      await this.notifications.markFailed(n.id, 'no-address', 'the recipient has no mail address');
      return { status: 'failed', detail: 'no-address: the recipient has no mail address' };
    }
    // Every automatic mail goes through the correspondent's governor (REQUIREMENTS 9: no loops).
    if (n.autoSubmitted !== 'no' && !(await this.governor.take(n.recipientAddress, n.id))) {
      const why = `more than ${this.config.mail.autoLimitPerDay} automatic mails to ${n.recipientAddress} today`;
      await this.notifications.markSuppressed(n.id, why);
      return { status: 'suppressed', detail: why };
    }
    try {
      const info = await this.transport.send(await this.mailOf(n));
      await this.notifications.markSent(n.id, info.response);
      if (n.ticketNumber && n.messageId) await this.store.recordThread(n.messageId, n.ticketNumber, 'out');
      return { status: 'sent', detail: info.response };
    } catch (error) {
      const code = codeOf(error);
      const text = `${code}: ${(error as { response?: string }).response ?? (error as Error).message}`;
      if (Number(code) >= 500) {
        await this.notifications.attemptFailed(n.id, text);
        await this.notifications.markFailed(n.id, code, text);
        return { status: 'failed', detail: text };
      }
      await this.notifications.attemptFailed(n.id, text);
      this.logger.warn(`${n.id}: not sent (${text}); retried`);
      throw error;
    }
  }

  /** The retry window is over, the server refused it for good, or a bounce names it. */
  @Activity()
  async notificationUndelivered(notificationId: string, reason: string): Promise<void> {
    const n = await this.notifications.find(notificationId);
    if (!n) return;
    await this.undelivered(n, reason.split(':')[0] || 'failed', reason);
  }

  /** Marks it failed and tells its ticket: an internal note and the Attention flag (the machine judges). */
  async undelivered(n: NotificationEntity, code: string, reason: string): Promise<void> {
    await this.notifications.markFailed(n.id, code, reason);
    if (!n.ticketNumber || !TICKET_NUMBER.test(n.ticketNumber)) return;
    const person = n.recipientId ? await this.users.findById(n.recipientId).catch(() => null) : null;
    const recipient = person ? `${person.displayName} <${n.recipientAddress}>` : n.recipientAddress ?? 'the recipient';
    try {
      await this.tickets.systemCommand(
        n.ticketNumber,
        { type: 'notificationUndelivered', notificationId: n.id, recipient, subject: n.subject, reason },
        `undelivered:${n.id}`,
      );
    } catch (error) {
      // A Closed ticket takes nothing (409): the failure stays visible on the notification.
      if (!(error instanceof DomainException) || error.kind === 'unavailable') throw error;
      this.logger.warn(`${n.ticketNumber}: undelivered ${n.id} not noted (${error.message})`);
    }
  }

  /** RFC 3834 headers, the ticket's thread, the deterministic Message-ID. */
  private async mailOf(n: NotificationEntity) {
    const headers: Record<string, string> = { 'X-Loop': this.config.mail.supportAddress };
    if (n.autoSubmitted !== 'no') {
      headers['Auto-Submitted'] = n.autoSubmitted;
      // Ask Exchange-style auto-responders not to answer automatic mail.
      headers['X-Auto-Response-Suppress'] = 'All';
    }
    let inReplyTo = n.inReplyTo ?? undefined;
    let references: string[] = inReplyTo ? [inReplyTo] : [];
    if (n.ticketNumber && TICKET_NUMBER.test(n.ticketNumber)) {
      const thread = await this.store.threadOf(n.ticketNumber);
      references = [...new Set([thread.first, thread.latestInbound, inReplyTo].filter((id): id is string => !!id && id !== n.messageId))];
      inReplyTo ??= thread.latestInbound ?? thread.first ?? undefined;
    }
    return {
      from: { name: this.config.mail.fromName, address: this.config.mail.supportAddress },
      to: n.recipientAddress!,
      subject: n.subject,
      text: n.body,
      html: n.html ?? undefined,
      messageId: n.messageId ?? undefined,
      inReplyTo: inReplyTo && inReplyTo !== n.messageId ? inReplyTo : undefined,
      references: references.length ? references : undefined,
      headers,
      date: n.createdAt,
    };
  }
}
