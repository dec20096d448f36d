// The ticket workflow's pure parts: how a change shows in the read model's names and counters,
// when a notification may be delivered, what a split's task starts with, how an SLA
// recalculation reads in the journal. Plain functions (deterministic, no Temporal API), tested
// without a server in ticket.projection.spec.ts.
import { isBusinessTime, nextBusinessStart } from '../machines/calendar/business-calendar';
import { DEFAULT_PRIORITY_MATRIX } from '../machines/priority';
import { deadlineOf } from '../machines/sla/sla-clock';
import { describeClock, slaSummary, TicketMoment, TicketSla } from '../machines/sla/ticket-sla';
import type { NotifyEffect, TaskToStart, TicketContext, TicketEvent } from '../machines/ticket.types';
import type { NotificationIntent, TicketRecord, TicketWorkflowInput } from './ticket.messages';

/** The record with its counters always present (older tickets started without them). */
export type CountedRecord = TicketRecord & { handovers: number; reopens: number };

export interface ChangeSeen {
  event: TicketEvent;
  before: TicketMoment;
  after: TicketMoment;
  assigneeBefore: string | null;
  teamBefore: string | null;
  /** The ticket's context after the change. */
  context: TicketContext;
  /** The level names of the matrix the ticket's SLA policy follows (absent before issue 13: seed 003's). */
  priorityNames?: Record<string, string>;
}

/** Keeps the names, priority and counters shown in lists, reports and the Temporal UI in step. */
export function describeChange(record: CountedRecord, { event, before, after, assigneeBefore, teamBefore, context, priorityNames }: ChangeSeen): CountedRecord {
  const next = { ...record };
  if (event.type === 'assignToTeam' || event.type === 'escalate') {
    next.teamName = event.teamName;
    // Handovers after the first dispatch: first-contact resolution needs none.
    if (teamBefore !== null) next.handovers += 1;
  }
  if (event.type === 'returnToOrigin') next.teamName = context.teamName ?? next.teamName;
  // An agent who answers a New ticket takes it with their team (REQUIREMENTS 2).
  if (event.type === 'addComment' && teamBefore === null && event.teamName) next.teamName = event.teamName;
  if (event.type === 'setCategory') {
    next.categoryId = event.categoryId;
    next.categoryName = event.categoryName;
  }
  if (before.updateFlag !== after.updateFlag) next.updateFlagSince = after.updateFlag ? event.at : null;
  if (before.status === 'Resolved' && after.status === 'InProgress') next.reopens += 1;
  if (after.priority !== next.priority) {
    next.priority = after.priority;
    next.priorityName = priorityNames?.[after.priority] ?? DEFAULT_PRIORITY_MATRIX.levels.find((l) => l.code === after.priority)?.name ?? after.priority;
  }
  const assignee = context.assigneeId;
  if (assignee === assigneeBefore) return next;
  if (assignee === null) next.assigneeName = null;
  else if (event.type === 'assignToAgent') next.assigneeName = event.agentName;
  else next.assigneeName = event.actor.name ?? event.actor.id;
  return next;
}

/**
 * A notification as the outbox takes it. Issue "SLA engine": no team mails at midnight unless the
 * service runs 24x7 or on call: a team alert out of office hours waits for the next opening.
 */
export function notificationIntent(effect: NotifyEffect, seq: number, at: string, context: TicketContext, sla: TicketSla | null): NotificationIntent {
  const recipientId =
    effect.audience === 'requester' ? context.requesterId : effect.audience === 'onCall' ? sla?.policy.onCall?.contact ?? null : null;
  const waits = effect.audience === 'team' && sla !== null && !sla.onCall && !isBusinessTime(sla.calendar, at);
  return {
    seq,
    ...effect,
    recipientId,
    teamId: context.teamId,
    at,
    deliverAfter: waits ? nextBusinessStart(sla!.calendar, at).toISOString() : at,
  };
}

/** A task is the teams' work item: the user hears about the ticket, not about its tasks. */
export const reachesUser = (record: TicketRecord, effect: NotifyEffect): boolean => !(record.parentNumber && effect.audience === 'requester');

/** Each task of a split is a ticket of its own, routed to its team, on the parent's policy and SLA. */
export function taskInput(parent: TicketWorkflowInput, record: CountedRecord, context: TicketContext, task: TaskToStart, by: TicketEvent['actor'], at: string): TicketWorkflowInput {
  return {
    // A task takes the patches its parent was started with (workflows/runtime/patches.ts).
    ...(parent.patches ? { patches: parent.patches } : {}),
    type: context.type,
    requesterId: context.requesterId,
    createdBy: by,
    policy: parent.policy,
    sla: parent.sla,
    rulesVersion: 2,
    routeTo: { teamId: task.teamId, teamName: task.teamName, teamLine: task.teamLine ?? 1, autoAssign: task.autoAssign ?? false },
    record: {
      ...record,
      number: task.number,
      title: task.title,
      description: task.description ?? task.title,
      teamName: null,
      assigneeName: null,
      handovers: 0,
      reopens: 0,
      updateFlagSince: null,
      parentNumber: record.number,
      createdAt: at,
    },
  };
}

/** The values of the ticket's search attributes (TicketSearchAttributes), as the Temporal UI filters them. */
export function searchAttributeValues(record: TicketRecord, context: TicketContext, status: string, sla: TicketSla | null): Record<string, unknown> {
  const values: Record<string, unknown> = {
    status,
    priority: record.priority,
    type: context.type,
    team: record.teamName,
    assignee: record.assigneeName,
  };
  if (sla) {
    const { breached, nextDeadline } = slaSummary(sla);
    values.slaBreached = breached;
    values.slaNextDeadline = nextDeadline ? new Date(nextDeadline) : null;
  }
  return values;
}

/** "SLA recalculated: standard v1 → v2; resolution deadline A → B; …" */
export function recalculationText(before: TicketSla, after: TicketSla): string {
  const changes = Object.values(after.clocks)
    .filter((clock) => clock && clock.stoppedAt === null)
    .map((clock) => {
      const old = before.clocks[clock!.name];
      const from = old ? deadlineOf(old, before.calendar)?.toISOString() ?? 'paused' : 'none';
      const to = deadlineOf(clock!, after.calendar)?.toISOString() ?? 'paused';
      return `${describeClock(clock!.name)} deadline ${from} → ${to}`;
    });
  return [`SLA recalculated: ${before.policy.code} v${before.policy.version} → ${after.policy.code} v${after.policy.version}`, ...changes].join('; ');
}
