import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MiReview } from '../../machines/major-incident.types';
import type { MiActivities, MiProjection } from '../../workflows/major-incident.messages';
import { UsersService } from '../auth/users.service';
import { insertOnce, projectionTransaction, upsertNewer } from '../database/projection';
import { NotificationAudience } from '../notifications/notification.entity';
import { NotificationsService, OutboxMessage } from '../notifications/notifications.service';
import { Activity } from '../temporal/activity.decorator';
import { majorIncidentEvents } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';
import { TicketReadModel } from '../tickets/ticket-read-model';
import { MajorIncidentEntity, MiJournalEntity } from './major-incident.entity';

/** The MI workflow's projection: row, journal and notifications to its audiences, idempotent like the ticket's. */
@Injectable()
export class MiProjectionActivities implements MiActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhooksService,
    private readonly users: UsersService,
    private readonly tickets: TicketReadModel,
  ) {}

  @Activity()
  async projectMajorIncident(p: MiProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    await projectionTransaction(this.dataSource, async (tx) => {
      await upsertNewer(tx, MajorIncidentEntity, {
        number: r.number,
        title: r.title,
        categoryId: r.categoryId,
        reason: c.reason,
        proposedBy: c.proposedBy,
        stage: state.stage,
        priority: c.priority,
        incidentManagerId: c.incidentManagerId,
        teamId: c.teamId,
        teamName: c.teamName,
        stakeholderIds: c.stakeholderIds,
        children: c.children,
        candidates: r.candidates,
        clusterKey: r.clusterKey,
        updates: c.updates,
        resolution: c.resolution,
        review: c.review ? await this.withTimeline(tx, r.number, c.review) : null,
        activeSince: c.activeSince,
        resolvedAt: c.resolvedAt,
        version: p.version,
        machineState: state,
        createdAt: r.createdAt,
        updatedAt: p.updatedAt,
      }, 'number', ['title', 'categoryId', 'reason', 'proposedBy', 'candidates', 'clusterKey', 'createdAt']);
      // After the row: the journal refers to it. The review's timeline reads earlier entries only.
      await insertOnce(tx, MiJournalEntity, p.newEntries.map((e) => ({ miNumber: r.number, seq: e.seq, authorId: e.authorId, text: e.text, createdAt: e.at })));
      await this.notifications.enqueue(tx, await this.messages(tx, p));
      await this.webhooks.record(tx, majorIncidentEvents(p));
    });
  }

  /** The review's timeline: every step, update and reminder of the MI journal before the review, in order. */
  private async withTimeline(tx: EntityManager, number: string, review: MiReview): Promise<MiReview> {
    if (review.timeline.length || review.timelineUpTo == null) return review;
    const entries = await tx.getRepository(MiJournalEntity).find({ where: { miNumber: number }, order: { seq: 'ASC' } });
    const before = entries.filter((e) => e.seq <= review.timelineUpTo!);
    return { ...review, timeline: before.map((e) => `${new Date(e.createdAt).toISOString()} ${e.text}`) };
  }

  /** Each notification's audiences as people: the manager, the stakeholders, all incident managers, the linked incidents' requesters. */
  private async messages(tx: EntityManager, p: MiProjection): Promise<OutboxMessage[]> {
    const c = p.state.context;
    const messages: OutboxMessage[] = [];
    for (const n of p.notifications) {
      const recipients = new Map<string, NotificationAudience>();
      for (const audience of n.audiences) {
        const ids =
          audience === 'incidentManager' ? (c.incidentManagerId ? [c.incidentManagerId] : [])
          : audience === 'stakeholders' ? c.stakeholderIds
          : audience === 'incidentManagers' ? await this.users.idsWithRole('incidentManager', tx)
          : await this.tickets.requestersOf(c.children, tx);
        for (const id of ids) if (!recipients.has(id)) recipients.set(id, audience === 'linkedRequesters' ? 'requester' : 'role');
      }
      for (const [recipient, audience] of recipients) {
        messages.push({
          id: `${p.record.number}#${n.seq}:${recipient}`,
          number: p.record.number,
          recipientId: recipient,
          audience,
          template: n.template,
          vars: { number: p.record.number, title: p.record.title, text: n.text, subject: n.subject },
          at: n.at,
        });
      }
    }
    return messages;
  }
}
