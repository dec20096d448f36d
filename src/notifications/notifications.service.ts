import { Injectable, OnModuleInit } from '@nestjs/common';
import { scrapedGauge } from '../observability/metrics';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { NotificationEntity, NotificationAudience } from './notification.entity';
import { renderNotification, TemplateInput, TemplateName } from './templates';

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

/**
 * Owns the `notifications` outbox and its templates: every process enqueues through it, in its
 * projection's transaction, so a message exists exactly when the change that caused it does.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(@InjectRepository(NotificationEntity) private readonly outbox: Repository<NotificationEntity>) {}

  /** The outbox's backlog as Prometheus sees it: messages due and not sent, and how long the oldest has waited. */
  onModuleInit(): void {
    const due = `FROM notifications WHERE sent_at IS NULL AND deliver_after <= now()`;
    scrapedGauge('itsm_outbox_pending', 'Notifications due and not yet sent', async () => Number((await this.outbox.query(`SELECT count(*) AS n ${due}`))[0].n));
    scrapedGauge('itsm_outbox_lag_seconds', 'How long the oldest due notification has waited', async () =>
      Number((await this.outbox.query(`SELECT coalesce(extract(epoch FROM now() - min(deliver_after)), 0) AS s ${due}`))[0].s),
    );
  }

  async enqueue(tx: EntityManager, messages: OutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    const rows = messages.map((m) => {
      const { subject, body } = renderNotification(m.template, m.vars);
      return {
        id: m.id,
        ticketNumber: m.number,
        recipientId: m.recipientId,
        audience: m.audience,
        template: m.template,
        subject,
        body,
        createdAt: m.at,
        deliverAfter: m.deliverAfter ?? m.at,
      };
    });
    await tx.createQueryBuilder().insert().into(NotificationEntity).values(rows as never).orIgnore().updateEntity(false).execute();
  }

  /** What was sent about a process: all of it for staff, their own for the user who reads it. */
  recordedOn(number: string, recipientId?: string): Promise<NotificationEntity[]> {
    return this.outbox.find({
      where: recipientId ? { ticketNumber: number, recipientId } : { ticketNumber: number },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
