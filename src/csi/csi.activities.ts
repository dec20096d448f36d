import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CsiActivities, CsiProjection } from '../../workflows/csi-proposal.messages';
import { UsersService } from '../auth/users.service';
import { insertOnce, projectionTransaction, upsertNewer } from '../database/projection';
import { NotificationsService, OutboxMessage } from '../notifications/notifications.service';
import { Activity } from '../temporal/activity.decorator';
import { csiEvents } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';
import { CsiJournalEntity, CsiProposalEntity } from './csi-proposal.entity';

/** The CSI workflow's projection: row, journal and stage reminders, idempotent like the ticket's. */
@Injectable()
export class CsiProjectionActivities implements CsiActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhooksService,
    private readonly users: UsersService,
  ) {}

  @Activity()
  async projectCsiProposal(p: CsiProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    await projectionTransaction(this.dataSource, async (tx) => {
      await upsertNewer(tx, CsiProposalEntity, {
        number: r.number,
        title: r.title,
        description: r.description,
        concerns: r.concerns,
        expectedBenefit: r.expectedBenefit,
        categoryId: r.categoryId,
        proposerId: c.proposerId,
        stage: state.stage,
        stageSince: c.stageSince,
        priorityProposed: c.priorityProposed,
        priorityFinal: c.priorityFinal,
        informationRequest: c.informationRequest,
        assessment: c.assessment,
        decisions: c.decisions,
        forumDate: c.forumDate,
        version: p.version,
        machineState: state,
        createdAt: r.createdAt,
        updatedAt: p.updatedAt,
      }, 'number', ['title', 'description', 'concerns', 'expectedBenefit', 'categoryId', 'proposerId', 'createdAt']);
      await insertOnce(tx, CsiJournalEntity, p.newEntries.map((e) => ({ proposalNumber: r.number, seq: e.seq, authorId: e.authorId, text: e.text, createdAt: e.at })));
      await this.notifications.enqueue(tx, await this.reminders(tx, p));
      await this.webhooks.record(tx, csiEvents(p));
    });
  }

  /** A stage reminder goes to the proposer, or to every user of the stage owner's role. */
  private async reminders(tx: EntityManager, p: CsiProjection): Promise<OutboxMessage[]> {
    const messages: OutboxMessage[] = [];
    for (const n of p.notifications) {
      const recipients = n.recipientId ? [n.recipientId] : await this.users.idsWithRole(n.owner as 'processManager', tx);
      for (const recipient of recipients) {
        messages.push({
          id: `${p.record.number}#${n.seq}:${recipient}`,
          number: p.record.number,
          recipientId: recipient,
          audience: n.owner === 'proposer' ? 'requester' : 'role',
          template: 'csiStageReminder',
          vars: { number: p.record.number, title: p.record.title, text: n.text, subject: n.subject },
          at: n.at,
        });
      }
    }
    return messages;
  }
}
