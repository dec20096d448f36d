import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TicketProjection } from '../../workflows/ticket.messages';
import { renderNotification } from '../notifications/templates';

/**
 * The ticket workflow's activities, as a Nest provider so they share the API's database.
 * Every write is idempotent: a retried activity writes once, and an older projection never
 * overwrites a newer one (`version`).
 */
@Injectable()
export class TicketProjectionActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The functions the Temporal worker registers. */
  asActivities(): { projectTicket(projection: TicketProjection): Promise<void> } {
    return { projectTicket: (projection) => this.projectTicket(projection) };
  }

  async projectTicket(p: TicketProjection): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.upsertTicket(tx, p);
      await this.appendJournal(tx, p);
      await this.applyPins(tx, p);
      await this.recordNotifications(tx, p);
      // A closed incident frees its monitor alert's fingerprint: the next firing opens a new one.
      if (p.state.status === 'Closed') await tx.query('UPDATE monitor_alerts SET open = false WHERE ticket_number = $1 AND open', [p.record.number]);
    });
  }

  private async upsertTicket(tx: EntityManager, p: TicketProjection): Promise<void> {
    const { record: r, state, sla } = p;
    const c = state.context;
    const columns: Record<string, unknown> = {
      number: r.number,
      type: c.type,
      title: r.title,
      description: r.description,
      category_id: r.categoryId,
      category_name: r.categoryName,
      impact: r.impact,
      urgency: r.urgency,
      priority: r.priority,
      priority_name: r.priorityName,
      priority_score: r.priorityScore,
      status: state.status,
      channel: r.channel,
      requester_id: c.requesterId,
      team_id: c.teamId,
      team_name: r.teamName,
      assignee_id: c.assigneeId,
      assignee_name: r.assigneeName,
      update_flag: c.updateFlag,
      attention_flag: c.attentionFlag,
      pending_reason: c.pendingReason,
      pending_text: c.pendingText,
      resolution: c.resolution,
      created_at: r.createdAt,
      updated_at: p.updatedAt,
      resolved_at: c.resolvedAt,
      closed_at: c.closedAt,
      closes_at: p.closesAt,
      version: p.version,
      machine_state: JSON.stringify(state),
      sla_policy_code: sla?.policyCode ?? null,
      sla_policy_version: sla?.policyVersion ?? null,
      request_kind: sla?.requestKind ?? null,
      sla_on_call: sla?.onCall ?? false,
      sla_breached: sla?.breached ?? false,
      sla_next_deadline: sla?.nextDeadline ?? null,
      handovers: r.handovers ?? 0,
      reopens: r.reopens ?? 0,
      vendor: c.vendor?.name ?? null,
      vendor_ticket_id: c.vendor?.ticketId ?? null,
      locked_by: c.lockedBy ?? null,
      escalations: JSON.stringify(c.escalations ?? []),
      answers: JSON.stringify(c.answers ?? {}),
      update_flag_since: c.updateFlag ? r.updateFlagSince ?? p.updatedAt : null,
      parent_number: r.parentNumber ?? null,
    };
    const names = Object.keys(columns);
    // Everything but the key and what never changes is overwritten, and only by a newer version.
    const fixed = new Set(['number', 'title', 'description', 'created_at', 'channel', 'impact', 'urgency']);
    await tx.query(
      `INSERT INTO tickets (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (number) DO UPDATE SET ${names.filter((n) => !fixed.has(n)).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE tickets.version < EXCLUDED.version`,
      Object.values(columns),
    );
    for (const clock of sla?.clocks ?? []) {
      await tx.query(
        `INSERT INTO sla_clocks (ticket_number, name, target_ms, state, deadline, warned_at, breached_at, stopped_at,
           stop_reason, elapsed_ms_at_stop, met, segments, version)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
         ON CONFLICT (ticket_number, name) DO UPDATE SET target_ms = EXCLUDED.target_ms, state = EXCLUDED.state,
           deadline = EXCLUDED.deadline, warned_at = EXCLUDED.warned_at, breached_at = EXCLUDED.breached_at,
           stopped_at = EXCLUDED.stopped_at, stop_reason = EXCLUDED.stop_reason,
           elapsed_ms_at_stop = EXCLUDED.elapsed_ms_at_stop, met = EXCLUDED.met, segments = EXCLUDED.segments,
           version = EXCLUDED.version
         WHERE sla_clocks.version < EXCLUDED.version`,
        [
          r.number, clock.name, clock.targetMs, clock.state, clock.deadline, clock.warnedAt, clock.breachedAt,
          clock.stoppedAt, clock.stopReason, clock.elapsedMsAtStop, clock.met, JSON.stringify(clock.segments), p.version,
        ],
      );
    }
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
      const recipients = n.audience === 'team' ? await this.teamAlertRecipients(tx, n.teamId) : [n.recipientId ?? 'unknown'];
      for (const recipient of recipients) {
        // One id per (notification, recipient): a retried activity inserts nothing new.
        const id = n.audience === 'team' ? `${p.record.number}#${n.seq}:${recipient}` : `${p.record.number}#${n.seq}`;
        await tx.query(
          `INSERT INTO notifications (id, ticket_number, recipient_id, audience, template, subject, body, created_at, deliver_after)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT (id) DO NOTHING`,
          [id, p.record.number, recipient, n.audience, n.template, message.subject, message.body, n.at, n.deliverAfter ?? n.at],
        );
      }
    }
  }

  /**
   * The team's dispatchers and lead (REQUIREMENTS 4: they watch deadlines). A ticket not yet
   * dispatched belongs to the service desk: the dispatchers of every 1st-line team.
   */
  private async teamAlertRecipients(tx: EntityManager, teamId: string | null): Promise<string[]> {
    const rows: Array<{ user_id: string }> = teamId
      ? await tx.query('SELECT user_id FROM team_members WHERE team_id = $1 AND (is_dispatcher OR is_lead) ORDER BY user_id', [teamId])
      : await tx.query(
          `SELECT DISTINCT m.user_id FROM team_members m JOIN teams t ON t.id = m.team_id
           WHERE t.line_level = 1 AND m.is_dispatcher ORDER BY m.user_id`,
        );
    return rows.map((row) => row.user_id);
  }
}
