// Which webhook events a change raises, read from its projection alone (the change's move, its
// recorded clocks, its decisions): pure functions, so a retried projection raises the same events
// under the same ids and the outbox takes each once. Tested in webhook-events.spec.ts.
import type { ChangeProjection } from '../../workflows/change.messages';
import type { CsiProjection } from '../../workflows/csi-proposal.messages';
import type { MiProjection } from '../../workflows/major-incident.messages';
import type { TicketProjection } from '../../workflows/ticket.messages';

/** The event types an endpoint subscribes to (issue 15, item 4). */
export const WEBHOOK_EVENT_TYPES = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'major_incident.stage_changed',
  'change.stage_changed',
  'csi.decision',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** One event, as the outbox stores it and the endpoint receives it (`data` is the event's own). */
export interface WebhookEvent {
  /** Deterministic (`<number>#<version>:<type>…`): the same event from a retried projection is the same id. */
  id: string;
  type: WebhookEventType;
  number: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

const event = (p: { version: number; updatedAt: string }, number: string, type: WebhookEventType, data: Record<string, unknown>, suffix = ''): WebhookEvent => ({
  id: `${number}#${p.version}:${type}${suffix}`,
  type,
  number,
  occurredAt: p.updatedAt,
  data: { number, ...data },
});

/** A move between two states, or nothing when the projection does not say (recorded before) or nothing moved. */
const moved = (p: { stateBefore?: string | null }, now: string): boolean => p.stateBefore !== undefined && p.stateBefore !== null && p.stateBefore !== now;

export function ticketEvents(p: TicketProjection): WebhookEvent[] {
  const { record: r, state } = p;
  const c = state.context;
  const ticket = {
    title: r.title,
    type: c.type,
    status: state.status,
    priority: r.priority,
    team: r.teamName,
    assignee: r.assigneeName,
    parentNumber: r.parentNumber ?? null,
  };
  const events: WebhookEvent[] = [];
  if (p.stateBefore === null) events.push(event(p, r.number, 'ticket.created', { ...ticket, channel: r.channel, createdAt: r.createdAt }));
  if (moved(p, state.status)) {
    events.push(event(p, r.number, 'ticket.status_changed', {
      ...ticket,
      from: p.stateBefore,
      to: state.status,
      pendingReason: state.status === 'Pending' ? c.pendingReason : null,
      resolution: state.status === 'Resolved' || state.status === 'Closed' ? c.resolution : null,
    }));
  }
  // A warning or breach is recorded once, by the change whose time it carries.
  for (const clock of p.sla?.clocks ?? []) {
    const sla = { ...ticket, clock: clock.name, deadline: clock.deadline };
    if (clock.warnedAt === p.updatedAt) events.push(event(p, r.number, 'ticket.sla_warning', sla, `:${clock.name}`));
    if (clock.breachedAt === p.updatedAt) events.push(event(p, r.number, 'ticket.sla_breached', sla, `:${clock.name}`));
  }
  return events;
}

export function majorIncidentEvents(p: MiProjection): WebhookEvent[] {
  const { record: r, state } = p;
  if (!moved(p, state.stage)) return [];
  return [event(p, r.number, 'major_incident.stage_changed', { title: r.title, from: p.stateBefore, to: state.stage, priority: state.context.priority, team: state.context.teamName, children: state.context.children.length })];
}

export function changeEvents(p: ChangeProjection): WebhookEvent[] {
  const { record: r, state } = p;
  if (!moved(p, state.stage)) return [];
  return [event(p, r.number, 'change.stage_changed', { title: r.title, changeType: r.changeType, from: p.stateBefore, to: state.stage, windowStart: state.context.windowStart, windowEnd: state.context.windowEnd })];
}

/** Every decision the proposal's machine recorded with this change (a step of the forum or of its owners). */
export function csiEvents(p: CsiProjection): WebhookEvent[] {
  const { record: r, state } = p;
  return state.context.decisions
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.at === p.updatedAt)
    .map(({ d, i }) => event(p, r.number, 'csi.decision', { title: r.title, decision: d.command, from: d.from, to: d.to, by: d.actorName ?? d.actorId, role: d.role, rationale: d.rationale }, `:${i}`));
}
