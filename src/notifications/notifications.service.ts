import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { appConfig } from '../config/app-config';
import { scrapedGauge } from '../observability/metrics';
import { AutoSubmitted, DeliveryStatus, NotificationEntity, NotificationAudience } from './notification.entity';
import { isLanguage, Language, MAIL_TEMPLATES, renderNotification, TemplateInput, TemplateName } from './templates';

/** A message a process wants sent, as its projection hands it over. */
export interface OutboxMessage {
  /** Deterministic (`<number>#<seq>`, `…:<recipient>` when the message fans out): a retried write inserts nothing new. */
  id: string;
  /** The process the message is about (INC-…, MI-…, CSI-…): it is recorded on it (REQUIREMENTS 11). */
  number: string;
  recipientId: string;
  audience: NotificationAudience;
  template: TemplateName;
  vars: TemplateInput;
  at: string;
  /** Not before this instant (team alerts out of office hours wait for the next business period). */
  deliverAfter?: string;
}

/** An answer of the mail intake to a sender, who may be no user at all (REQUIREMENTS 9, seed 000). */
export interface DirectMessage {
  id: string;
  number: string | null;
  recipientId: string | null;
  address: string;
  template: TemplateName;
  vars: TemplateInput;
  language?: Language;
  /** The inbound mail it answers. */
  inReplyTo?: string | null;
}

export interface OutboxQuery {
  status?: DeliveryStatus;
  ticket?: string;
  limit?: number;
}

/** A human's words (an agent's answer) are not automatic; answers to inbound mail are auto-replied (RFC 3834). */
export function autoSubmittedOf(template: TemplateName): AutoSubmitted {
  if (template === 'agentComment') return 'no';
  if (template === 'autoReply' || (MAIL_TEMPLATES as readonly string[]).includes(template)) return 'auto-replied';
  return 'auto-generated';
}

/** `<INC-000123.4@example.edu>`: derived from the notification id alone, so every retry carries the same one. */
export function messageIdOf(notificationId: string, domain: string): string {
  return `<${notificationId.replace(/[^A-Za-z0-9.-]+/g, '.')}@${domain}>`;
}

/**
 * Owns the `notifications` outbox and its templates: every process enqueues through it, in its
 * projection's transaction, so a message exists exactly when the change that caused it does. The
 * mail module delivers from it and reports back here (sent, failed, suppressed).
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    @InjectRepository(NotificationEntity) private readonly outbox: Repository<NotificationEntity>,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** The outbox's backlog as Prometheus sees it: messages due and not sent, and how long the oldest has waited. */
  onModuleInit(): void {
    const due = `FROM notifications WHERE status = 'queued' AND deliver_after <= now()`;
    scrapedGauge('itsm_outbox_pending', 'Notifications due and not yet sent', async () => Number((await this.outbox.query(`SELECT count(*) AS n ${due}`))[0].n));
    scrapedGauge('itsm_outbox_lag_seconds', 'How long the oldest due notification has waited', async () =>
      Number((await this.outbox.query(`SELECT coalesce(extract(epoch FROM now() - min(deliver_after)), 0) AS s ${due}`))[0].s),
    );
  }

  private get domain(): string {
    return this.config.mail.supportAddress.split('@')[1] ?? 'localhost';
  }

  private render(template: TemplateName, vars: TemplateInput, language: Language) {
    const { supportAddress, portalUrl, templatesDir } = this.config.mail;
    return renderNotification(template, vars, language, { supportAddress, portalUrl, templatesDir });
  }

  /** Rendered in each recipient's language, addressed to their mail address as the directory has it now. */
  async enqueue(tx: EntityManager, messages: OutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    const ids = [...new Set(messages.map((m) => m.recipientId))];
    const people: Array<{ id: string; email: string; language: string }> = await tx.query(
      `SELECT id::text AS id, email, language FROM users WHERE id::text = ANY($1::text[])`,
      [ids],
    );
    const byId = new Map(people.map((p) => [p.id, p]));
    const rows = messages.map((m) => {
      const person = byId.get(m.recipientId);
      const language = isLanguage(person?.language) ? person.language : 'en';
      const { subject, body, html } = this.render(m.template, m.vars, language);
      // An on-call contact may be a mail address rather than a user.
      const address = person?.email ?? (m.recipientId.includes('@') ? m.recipientId : null);
      return {
        id: m.id,
        ticketNumber: m.number,
        recipientId: m.recipientId,
        audience: m.audience,
        template: m.template,
        subject,
        body,
        html,
        language,
        createdAt: m.at,
        deliverAfter: m.deliverAfter ?? m.at,
        recipientAddress: address,
        messageId: messageIdOf(m.id, this.domain),
        autoSubmitted: autoSubmittedOf(m.template),
      };
    });
    await tx.createQueryBuilder().insert().into(NotificationEntity).values(rows as never).orIgnore().updateEntity(false).execute();
  }

  /** An intake answer: recorded (on its ticket, if any) and delivered like every notification. */
  async enqueueDirect(message: DirectMessage, tx?: EntityManager): Promise<void> {
    const language = message.language ?? 'en';
    const { subject, body, html } = this.render(message.template, message.vars, language);
    const now = new Date().toISOString();
    const row = {
      id: message.id,
      ticketNumber: message.number,
      recipientId: message.recipientId,
      audience: 'sender' as const,
      template: message.template,
      subject,
      body,
      html,
      language,
      createdAt: now,
      deliverAfter: now,
      recipientAddress: message.address,
      messageId: messageIdOf(message.id, this.domain),
      inReplyTo: message.inReplyTo ?? null,
      autoSubmitted: autoSubmittedOf(message.template),
    };
    await (tx ?? this.outbox.manager).createQueryBuilder().insert().into(NotificationEntity).values(row as never).orIgnore().updateEntity(false).execute();
  }

  /** What was sent about a process: all of it for staff, their own for the user who reads it. */
  recordedOn(number: string, recipientId?: string): Promise<NotificationEntity[]> {
    return this.outbox.find({
      where: recipientId ? { ticketNumber: number, recipientId } : { ticketNumber: number },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  // --- delivery (the mail module) ---------------------------------------------------------------

  /**
   * Claims the messages due now that no batch holds yet, oldest first, for the batch `batchId`:
   * one statement, so two dispatchers never claim the same message (SKIP LOCKED).
   */
  async claimDue(batchId: string, limit: number): Promise<void> {
    await this.outbox.query(
      `UPDATE notifications SET delivery_batch = $1 WHERE id IN (
         SELECT id FROM notifications WHERE dispatched_at IS NULL AND delivery_batch IS NULL AND (deliver_after IS NULL OR deliver_after <= now())
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [batchId, limit],
    );
  }

  /**
   * The claimed batches whose workflow is not known to be started: the one just claimed, and any a
   * dispatcher claimed and then died (or is starting right now: starting a batch twice is a no-op).
   */
  async claimedBatches(): Promise<Array<{ batch: string; ids: string[] }>> {
    const rows: Array<{ batch: string; ids: string[] }> = await this.outbox.query(
      `SELECT delivery_batch AS batch, array_agg(id ORDER BY created_at, id) AS ids FROM notifications
       WHERE dispatched_at IS NULL AND delivery_batch IS NOT NULL GROUP BY delivery_batch ORDER BY min(created_at)`,
    );
    return rows;
  }

  /** Messages that wait for a later instant (team alerts out of office hours): each gets its own delivery workflow and timer. */
  undispatchedLater(limit: number): Promise<Array<Pick<NotificationEntity, 'id' | 'deliverAfter'>>> {
    return this.outbox
      .createQueryBuilder('n')
      .select(['n.id', 'n.deliverAfter'])
      .where('n.dispatched_at IS NULL AND n.delivery_batch IS NULL AND n.deliver_after > now()')
      .orderBy('n.created_at')
      .limit(limit)
      .getMany();
  }

  async markDispatched(ids: string[]): Promise<void> {
    if (ids.length) await this.outbox.update({ id: In(ids), dispatchedAt: IsNull() }, { dispatchedAt: new Date() });
  }

  find(id: string): Promise<NotificationEntity | null> {
    return this.outbox.findOneBy({ id });
  }

  byMessageId(messageId: string): Promise<NotificationEntity | null> {
    return this.outbox.findOneBy({ messageId });
  }

  /** An attempt that did not get through: counted, and its error shown while the message is retried. */
  async attemptFailed(id: string, error: string): Promise<void> {
    await this.outbox.query(`UPDATE notifications SET attempts = attempts + 1, last_attempt_at = now(), failure = $2 WHERE id = $1 AND status = 'queued'`, [id, error]);
  }

  async markSent(id: string, smtpResponse: string): Promise<void> {
    await this.outbox.query(
      `UPDATE notifications SET status = 'sent', sent_at = now(), smtp_response = $2, failure = NULL, attempts = attempts + 1, last_attempt_at = now()
       WHERE id = $1 AND status = 'queued'`,
      [id, smtpResponse],
    );
  }

  /** Failed for good (after the retry window, a permanent SMTP refusal, or a bounce): true when this call changed it. */
  async markFailed(id: string, code: string, failure: string): Promise<boolean> {
    const result = await this.outbox
      .createQueryBuilder()
      .update()
      .set({ status: 'failed', failedCode: code, failure })
      .where('id = :id AND status IN (:...open)', { id, open: ['queued', 'sent'] })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async markSuppressed(id: string, why: string): Promise<void> {
    await this.outbox.query(`UPDATE notifications SET status = 'suppressed', failure = $2 WHERE id = $1 AND status = 'queued'`, [id, why]);
  }

  /** The outbox as staff query it: newest first. */
  list(query: OutboxQuery): Promise<NotificationEntity[]> {
    return this.outbox.find({
      where: { ...(query.status ? { status: query.status } : {}), ...(query.ticket ? { ticketNumber: query.ticket } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: Math.min(query.limit ?? 100, 1000),
    });
  }
}
