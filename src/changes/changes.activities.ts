import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChangeActivities, ChangeProjection } from '../../workflows/change.messages';
import { insertOnce, projectionTransaction, upsertNewer } from '../database/projection';
import { NotificationsService } from '../notifications/notifications.service';
import { Activity } from '../temporal/activity.decorator';
import { changeEvents } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';
import { ChangeEntity, ChangeJournalEntity } from './change.entity';

/** The change workflow's projection: row, journal and notifications (the requester and the CAB), idempotent like the ticket's. */
@Injectable()
export class ChangeProjectionActivities implements ChangeActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhooksService,
  ) {}

  @Activity()
  async projectChange(p: ChangeProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    await projectionTransaction(this.dataSource, async (tx) => {
      await upsertNewer(tx, ChangeEntity, {
        number: r.number,
        changeType: r.changeType,
        title: r.title,
        description: r.description,
        templateId: r.templateId,
        requesterId: c.requesterId,
        stage: state.stage,
        stageSince: c.stageSince,
        assessment: c.assessment,
        authority: c.authority,
        votes: c.votes,
        windowStart: c.windowStart,
        windowEnd: c.windowEnd,
        overrunAt: c.overrunAt,
        review: c.review,
        problemNumbers: c.problemNumbers,
        incidentNumbers: c.incidentNumbers,
        decisions: c.decisions,
        version: p.version,
        machineState: state,
        createdAt: r.createdAt,
        updatedAt: p.updatedAt,
      }, 'number', ['changeType', 'title', 'description', 'templateId', 'requesterId', 'createdAt']);
      await insertOnce(tx, ChangeJournalEntity, p.newEntries.map((e) => ({ changeNumber: r.number, seq: e.seq, authorId: e.authorId, text: e.text, createdAt: e.at })));
      await this.notifications.enqueue(tx, p.notifications.flatMap((n) => n.recipientIds.map((recipient) => ({
        id: `${r.number}#${n.seq}:${recipient}`,
        number: r.number,
        recipientId: recipient,
        audience: 'role' as const,
        template: 'changeWindowOverrun' as const,
        vars: { number: r.number, title: r.title, text: n.text, subject: n.subject },
        at: n.at,
      }))));
      await this.webhooks.record(tx, changeEvents(p));
    });
  }
}
