import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AbsenceFound, AgentChoice, DispatchLookups, TicketProjection } from '../../workflows/ticket.messages';
import { AbsencesService } from '../absences/absences.service';
import { ProjectedRow, insertOnce, projectionTransaction, upsertNewer } from '../database/projection';
import { NotificationsService, OutboxMessage } from '../notifications/notifications.service';
import { TeamsService } from '../teams/teams.service';
import { TimeService } from '../time/time.service';
import { slaBreachLateness } from '../observability/metrics';
import { Activity } from '../temporal/activity.decorator';
import { ticketEvents } from '../webhooks/webhook-events';
import { WebhooksService } from '../webhooks/webhooks.service';
import { JournalEntryEntity } from './entities/journal-entry.entity';
import { TicketEntity } from './entities/ticket.entity';
import { TicketReadModel } from './ticket-read-model';

/**
 * The ticket workflow's activities. The projection writes the read model in one transaction and
 * idempotently: a retried activity writes once, and an older projection never overwrites a newer
 * one (`version`). The dispatch lookups are read-only: a retry is harmless, the answer is
 * recorded in the workflow's history.
 */
@Injectable()
export class TicketActivities implements DispatchLookups {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly webhooks: WebhooksService,
    private readonly teams: TeamsService,
    private readonly absences: AbsencesService,
    private readonly tickets: TicketReadModel,
    private readonly time: TimeService,
  ) {}

  @Activity()
  async projectTicket(p: TicketProjection): Promise<void> {
    await this.projectSteps([p]);
  }

  /**
   * Consecutive projections of one ticket (its opening: the record, then its routing to the team),
   * oldest first, in one transaction: the row and the clocks as the last one has them, every step's
   * journal lines, pins, time, mail and webhook events. What each step writes is what projectTicket
   * writes for it; the steps share the statements.
   */
  @Activity()
  async projectTicketSteps(steps: TicketProjection[]): Promise<void> {
    await this.projectSteps(steps);
  }

  private async projectSteps(steps: TicketProjection[]): Promise<void> {
    const last = steps[steps.length - 1];
    await projectionTransaction(this.dataSource, async (tx) => {
      await upsertNewer(tx, TicketEntity, ticketRow(last), 'number', ['title', 'description', 'createdAt', 'channel', 'impact', 'urgency', 'referencedNumbers']);
      steps.forEach(observeBreaches);
      await this.upsertClocks(tx, last);
      await insertOnce(tx, JournalEntryEntity, steps.flatMap((p) => p.newEntries.map((e) => ({
        ticketNumber: p.record.number, seq: e.seq, kind: e.kind, visibility: e.visibility, authorId: e.authorId, text: e.text, pinned: e.pinned, createdAt: e.at,
      }))));
      for (const p of steps) await this.applyPins(tx, p);
      for (const p of steps) if (p.timeEntries?.length) await this.time.record(tx, p.record.number, p.record.title, p.timeEntries);
      const messages: OutboxMessage[] = [];
      for (const p of steps) messages.push(...(await this.outboxMessages(tx, p)));
      await this.notifications.enqueue(tx, messages);
      await this.webhooks.record(tx, steps.flatMap(ticketEvents));
    });
  }

  /** Is the agent away now (issue 4: a ticket assigned to an absent agent alerts the dispatcher)? */
  @Activity()
  async absenceOf(userId: string, at: string): Promise<AbsenceFound | null> {
    const absence = await this.absences.currentAbsence(userId, new Date(at));
    return absence ? { until: absence.endsAt, autoReply: absence.autoReply || null } : null;
  }

  /** Seed 002's automatic assignment: the team's present agent with the fewest open tickets. */
  @Activity()
  async chooseAgent(teamId: string, at: string): Promise<AgentChoice | null> {
    const agents = await this.teams.agentsOf(teamId);
    const away = new Set(await this.absences.absentAmong(agents.map((a) => a.id), new Date(at)));
    const present = agents.filter((a) => !away.has(a.id));
    const open = await this.tickets.openTicketsOf(present.map((a) => a.id));
    // Stable: agents come by username, so a tie goes to the first of them.
    return [...present].sort((a, b) => open.get(a.id)! - open.get(b.id)!)[0] ?? null;
  }

  /** All the ticket's clocks in one statement: a command's answer waits for each round trip. */
  private async upsertClocks(tx: EntityManager, p: TicketProjection): Promise<void> {
    const clocks = p.sla?.clocks ?? [];
    if (clocks.length === 0) return;
    const rows = clocks.map((clock) => [
      p.record.number, clock.name, clock.targetMs, clock.state, clock.deadline, clock.warnedAt, clock.breachedAt,
      clock.stoppedAt, clock.stopReason, clock.elapsedMsAtStop, clock.met, JSON.stringify(clock.segments), p.version,
    ]);
    const values = rows.map((row, r) => `(${row.map((_, c) => `$${r * row.length + c + 1}`).join(',')})`).join(', ');
    await tx.query(
      `INSERT INTO sla_clocks (ticket_number, name, target_ms, state, deadline, warned_at, breached_at, stopped_at,
         stop_reason, elapsed_ms_at_stop, met, segments, version)
       VALUES ${values}
       ON CONFLICT (ticket_number, name) DO UPDATE SET target_ms = EXCLUDED.target_ms, state = EXCLUDED.state,
         deadline = EXCLUDED.deadline, warned_at = EXCLUDED.warned_at, breached_at = EXCLUDED.breached_at,
         stopped_at = EXCLUDED.stopped_at, stop_reason = EXCLUDED.stop_reason,
         elapsed_ms_at_stop = EXCLUDED.elapsed_ms_at_stop, met = EXCLUDED.met, segments = EXCLUDED.segments,
         version = EXCLUDED.version
       WHERE sla_clocks.version < EXCLUDED.version`,
      rows.flat(),
    );
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

  /** Team alerts go to the team's dispatchers and lead, one message each; the rest to one person. */
  private async outboxMessages(tx: EntityManager, p: TicketProjection): Promise<OutboxMessage[]> {
    const messages: OutboxMessage[] = [];
    for (const n of p.notifications) {
      const recipients = n.audience === 'team' ? await this.teams.alertRecipients(n.teamId, tx) : [n.recipientId ?? 'unknown'];
      for (const recipient of recipients) {
        messages.push({
          id: n.audience === 'team' ? `${p.record.number}#${n.seq}:${recipient}` : `${p.record.number}#${n.seq}`,
          number: p.record.number,
          recipientId: recipient,
          audience: n.audience,
          template: n.template,
          vars: { number: p.record.number, title: p.record.title, text: n.text },
          at: n.at,
          deliverAfter: n.deliverAfter ?? n.at,
        });
      }
    }
    return messages;
  }
}

/** The breaches recorded by this very change: how late after their deadlines (metrics). */
function observeBreaches(p: TicketProjection): void {
  for (const clock of p.sla?.clocks ?? []) {
    if (clock.breachedAt === p.updatedAt && clock.deadline) slaBreachLateness.observe((Date.parse(clock.breachedAt) - Date.parse(clock.deadline)) / 1000);
  }
}

/** The ticket's row in the read model: what lists, queues and reports read. */
function ticketRow(p: TicketProjection): ProjectedRow<TicketEntity> {
  const { record: r, state, sla } = p;
  const c = state.context;
  return {
    number: r.number,
    type: c.type,
    title: r.title,
    description: r.description,
    categoryId: r.categoryId,
    categoryName: r.categoryName,
    impact: r.impact,
    urgency: r.urgency,
    priority: r.priority,
    priorityName: r.priorityName,
    priorityScore: r.priorityScore,
    status: state.status,
    channel: r.channel,
    requesterId: c.requesterId,
    teamId: c.teamId,
    teamName: r.teamName,
    assigneeId: c.assigneeId,
    assigneeName: r.assigneeName,
    updateFlag: c.updateFlag,
    attentionFlag: c.attentionFlag,
    pendingReason: c.pendingReason,
    pendingText: c.pendingText,
    resolution: c.resolution,
    createdAt: r.createdAt,
    updatedAt: p.updatedAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
    closesAt: p.closesAt,
    version: p.version,
    machineState: state,
    slaPolicyCode: sla?.policyCode ?? null,
    slaPolicyVersion: sla?.policyVersion ?? null,
    requestKind: sla?.requestKind ?? null,
    slaOnCall: sla?.onCall ?? false,
    slaBreached: sla?.breached ?? false,
    slaNextDeadline: sla?.nextDeadline ?? null,
    handovers: r.handovers ?? 0,
    reopens: r.reopens ?? 0,
    vendor: c.vendor?.name ?? null,
    vendorTicketId: c.vendor?.ticketId ?? null,
    lockedBy: c.lockedBy ?? null,
    escalations: c.escalations ?? [],
    answers: c.answers ?? {},
    updateFlagSince: c.updateFlag ? r.updateFlagSince ?? p.updatedAt : null,
    parentNumber: r.parentNumber ?? null,
    referencedNumbers: r.references ?? [],
  };
}
