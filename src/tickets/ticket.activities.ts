import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TicketActivities, TicketProjection } from '../../workflows/ticket.messages';
import { renderNotification } from '../notifications/templates';

/**
 * The ticket workflow's activities, as a Nest provider so they share the API's database.
 * Every write is idempotent: a retried activity writes once, and an older projection never
 * overwrites a newer one (`version`).
 */
@Injectable()
export class TicketProjectionActivities implements TicketActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The functions the Temporal worker registers. */
  asActivities(): TicketActivities {
    return { projectTicket: (projection) => this.projectTicket(projection) };
  }

  async projectTicket(p: TicketProjection): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.upsertTicket(tx, p);
      await this.appendJournal(tx, p);
      await this.applyPins(tx, p);
      await this.recordNotifications(tx, p);
    });
  }

  private async upsertTicket(tx: EntityManager, p: TicketProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    await tx.query(
      `INSERT INTO tickets (number, type, title, description, category_id, category_name, impact, urgency,
         priority, priority_name, priority_score, status, channel, requester_id, team_id, team_name,
         assignee_id, assignee_name, update_flag, attention_flag, pending_reason, pending_text, resolution,
         created_at, updated_at, resolved_at, closed_at, closes_at, version, machine_state)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30)
       ON CONFLICT (number) DO UPDATE SET
         type = EXCLUDED.type, status = EXCLUDED.status, team_id = EXCLUDED.team_id, team_name = EXCLUDED.team_name,
         assignee_id = EXCLUDED.assignee_id, assignee_name = EXCLUDED.assignee_name,
         update_flag = EXCLUDED.update_flag, attention_flag = EXCLUDED.attention_flag,
         pending_reason = EXCLUDED.pending_reason, pending_text = EXCLUDED.pending_text,
         resolution = EXCLUDED.resolution, updated_at = EXCLUDED.updated_at, resolved_at = EXCLUDED.resolved_at,
         closed_at = EXCLUDED.closed_at, closes_at = EXCLUDED.closes_at, version = EXCLUDED.version,
         machine_state = EXCLUDED.machine_state
       WHERE tickets.version < EXCLUDED.version`,
      [
        r.number, c.type, r.title, r.description, r.categoryId, r.categoryName, r.impact, r.urgency,
        r.priority, r.priorityName, r.priorityScore, state.status, r.channel, c.requesterId, c.teamId, r.teamName,
        c.assigneeId, r.assigneeName, c.updateFlag, c.attentionFlag, c.pendingReason, c.pendingText, c.resolution,
        r.createdAt, p.updatedAt, c.resolvedAt, c.closedAt, p.closesAt, p.version, JSON.stringify(state),
      ],
    );
  }

  private async appendJournal(tx: EntityManager, p: TicketProjection): Promise<void> {
    for (const e of p.newEntries) {
      await tx.query(
        `INSERT INTO journal_entries (ticket_number, seq, kind, visibility, author_id, text, pinned, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (ticket_number, seq) DO NOTHING`,
        [p.record.number, e.seq, e.kind, e.visibility, e.authorId, e.text, e.pinned, e.at],
      );
    }
  }

  private async applyPins(tx: EntityManager, p: TicketProjection): Promise<void> {
    for (const pin of p.pins) {
      await tx.query(
        `UPDATE journal_entries SET pinned = $3, pinned_version = $4
         WHERE ticket_number = $1 AND seq = $2 AND pinned_version < $4`,
        [p.record.number, pin.seq, pin.pinned, p.version],
      );
    }
  }

  private async recordNotifications(tx: EntityManager, p: TicketProjection): Promise<void> {
    for (const n of p.notifications) {
      const message = renderNotification(n.template, { number: p.record.number, title: p.record.title, text: n.text });
      await tx.query(
        `INSERT INTO notifications (id, ticket_number, recipient_id, template, subject, body, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT (id) DO NOTHING`,
        [`${p.record.number}#${n.seq}`, p.record.number, n.recipientId, n.template, message.subject, message.body, n.at],
      );
    }
  }
}
