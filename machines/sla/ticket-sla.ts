// How a ticket's SLA clocks move with its life (issue "SLA engine", REQUIREMENTS 5):
// - first response stops at Begin work, the first customer-visible answer, or resolution;
// - Pending pauses first response, escalation and resolution; a reply or resume restarts them;
// - Resolved stops escalation and resolution; a reopen restarts them (the gap shows as paused);
// - the Update flag has its own clock from the user's message until an agent answers;
// - Closed stops everything.
// Pure: the workflow calls these after every transition and arms a timer for `nextSlaEvent`.
import { ALWAYS_OPEN, BusinessCalendar, isBusinessTime } from '../calendar/business-calendar';
import type { TicketEvent, TicketStatus } from '../ticket.types';
import {
  deadlineOf,
  elapsedMs,
  instantAtShare,
  isRunning,
  pauseClock,
  resumeClock,
  SlaClock,
  startClock,
  stopClock,
} from './sla-clock';
import { ClockName, RequestKind, SlaPolicy, SlaTargets, targetsFor } from './sla-policy';

export interface TicketSla {
  policy: SlaPolicy;
  requestKind: RequestKind | null;
  /** The policy's calendar, or 24x7 when the on-call service took the ticket out of hours. */
  calendar: BusinessCalendar;
  onCall: boolean;
  clocks: Partial<Record<ClockName, SlaClock>>;
  /** Update-flag rounds that breached before the current one began (each user message is a round). */
  earlierUpdateFlagBreaches?: number;
}

export interface TicketMoment {
  status: TicketStatus;
  updateFlag: boolean;
  priority: string;
}

/** The clocks that measure the ticket as a whole (the Update flag's clock has its own life). */
const TICKET_CLOCKS = ['firstResponse', 'escalation', 'resolution'] as const;
/** Clocks that warn before they breach; escalation and the Update flag only breach. */
const WARNING_CLOCKS: readonly ClockName[] = ['firstResponse', 'resolution'];
/** Events that count as the first response (seed 004: "work starts within 4 hours"). */
const FIRST_RESPONSES: ReadonlySet<string> = new Set(['beginWork', 'addComment', 'resolve']);

const targetOf = (t: SlaTargets, name: (typeof TICKET_CLOCKS)[number]): number =>
  name === 'firstResponse' ? t.firstResponseMs : name === 'escalation' ? t.escalationMs : t.resolutionMs;

export function openSla(policy: SlaPolicy, kind: RequestKind | null, priority: string, at: string): TicketSla {
  // Out of hours a fault that cannot wait goes to the on-call service, whose clock never sleeps.
  const onCall = !!policy.onCall?.priorities.includes(priority) && !isBusinessTime(policy.calendar, at);
  const targets = targetsFor(policy, priority, kind);
  const clocks: TicketSla['clocks'] = {};
  for (const name of TICKET_CLOCKS) clocks[name] = startClock(name, targetOf(targets, name), at, 'opened', 'New');
  return { policy, requestKind: kind, calendar: onCall ? ALWAYS_OPEN : policy.calendar, onCall, clocks };
}

const mapClocks = (sla: TicketSla, names: readonly ClockName[], change: (c: SlaClock) => SlaClock): TicketSla => ({
  ...sla,
  clocks: Object.fromEntries(
    Object.entries(sla.clocks).map(([name, clock]) => [name, names.includes(name as ClockName) ? change(clock!) : clock]),
  ),
});

/** Restarts a stopped clock (a reopened ticket): the time it stood still shows as a paused segment. */
function restart(clock: SlaClock, at: string, reason: string, status: TicketStatus): SlaClock {
  if (clock.stoppedAt === null) return resumeClock(clock, at, reason, status);
  const pausedWhileStopped = { state: 'paused' as const, from: clock.stoppedAt, to: at, reason: clock.stopReason ?? 'stopped', status: 'Resolved' as const };
  return {
    ...clock,
    stoppedAt: null,
    stopReason: null,
    segments: [...clock.segments, pausedWhileStopped, { state: 'running', from: at, to: null, reason, status }],
  };
}

/** The clocks after a transition from `before` to `after` caused by `event`. */
export function slaAfter(sla: TicketSla, before: TicketMoment, after: TicketMoment, event: TicketEvent): TicketSla {
  const at = event.at;
  let next = sla;
  if (!before.updateFlag && after.updateFlag) {
    // A new round: the last round's breach is kept in the count, so "breached" never un-happens.
    const earlier = (next.earlierUpdateFlagBreaches ?? 0) + (next.clocks.updateFlag?.breachedAt ? 1 : 0);
    const round = startClock('updateFlag', sla.policy.updateFlagTargetMs, at, event.type, after.status);
    next = { ...next, earlierUpdateFlagBreaches: earlier, clocks: { ...next.clocks, updateFlag: round } };
  } else if (before.updateFlag && !after.updateFlag && next.clocks.updateFlag) {
    const reason = event.type === 'clearUpdateFlag' ? 'cleared without an answer' : `answered (${event.type})`;
    next = mapClocks(next, ['updateFlag'], (c) => stopClock(c, at, reason));
  }
  if (FIRST_RESPONSES.has(event.type)) next = mapClocks(next, ['firstResponse'], (c) => stopClock(c, at, event.type));
  if (before.status === after.status) return next;

  if (after.status === 'Pending') {
    const reason = event.type === 'setPending' ? `pending: ${event.reason}` : 'pending';
    next = mapClocks(next, TICKET_CLOCKS, (c) => pauseClock(c, at, reason, 'Pending'));
  } else if (after.status === 'Resolved') {
    // Resolving answers the user too (a monitor clearing its alert resolves without an agent).
    next = mapClocks(next, ['firstResponse', 'escalation', 'resolution'], (c) => stopClock(c, at, 'resolved'));
  } else if (after.status === 'Closed') {
    next = mapClocks(next, [...TICKET_CLOCKS, 'updateFlag'], (c) => stopClock(c, at, 'closed'));
  } else if (before.status === 'Pending') {
    next = mapClocks(next, TICKET_CLOCKS, (c) => resumeClock(c, at, event.type === 'reply' ? 'user replied' : event.type, after.status));
  } else if (before.status === 'Resolved') {
    next = mapClocks(next, ['escalation', 'resolution'], (c) => restart(c, at, 'reopened', after.status));
  }
  return next;
}

/** New targets (priority override, recalculation under another policy version); segments stay. */
export function retarget(sla: TicketSla, policy: SlaPolicy, priority: string): TicketSla {
  const targets = targetsFor(policy, priority, sla.requestKind);
  const clocks = { ...sla.clocks };
  // A finished clock keeps the target it was measured against: its result does not change.
  for (const name of TICKET_CLOCKS) {
    const clock = clocks[name];
    if (clock && clock.stoppedAt === null) clocks[name] = { ...clock, targetMs: targetOf(targets, name) };
  }
  if (clocks.updateFlag && clocks.updateFlag.stoppedAt === null) clocks.updateFlag = { ...clocks.updateFlag, targetMs: policy.updateFlagTargetMs };
  return { ...sla, policy, calendar: sla.onCall ? ALWAYS_OPEN : policy.calendar, clocks };
}

export interface SlaEvent {
  clock: ClockName;
  kind: 'warning' | 'breach';
  at: Date;
}

/** The next warning or breach the workflow must raise, if any clock is running. */
export function nextSlaEvent(sla: TicketSla): SlaEvent | null {
  const due: SlaEvent[] = [];
  for (const clock of Object.values(sla.clocks)) {
    if (!clock || !isRunning(clock)) continue;
    if (WARNING_CLOCKS.includes(clock.name) && clock.warnedAt === null) {
      const warnAt = instantAtShare(clock, sla.calendar, sla.policy.warningShare);
      if (warnAt) due.push({ clock: clock.name, kind: 'warning', at: warnAt });
    }
    if (clock.breachedAt === null) {
      const deadline = deadlineOf(clock, sla.calendar);
      if (deadline) due.push({ clock: clock.name, kind: 'breach', at: deadline });
    }
  }
  // Earliest first; at the same instant warnings before breaches, then by clock name (stable).
  const rank = (e: SlaEvent) => (e.kind === 'warning' ? 0 : 1);
  return due.sort((a, b) => a.at.getTime() - b.at.getTime() || rank(a) - rank(b) || a.clock.localeCompare(b.clock))[0] ?? null;
}

/** Records that the workflow raised `event` at `at`, so it is never raised twice. */
export function markRaised(sla: TicketSla, event: SlaEvent, at: string): TicketSla {
  const clock = sla.clocks[event.clock];
  if (!clock) return sla;
  const marked = event.kind === 'warning' ? { ...clock, warnedAt: at } : { ...clock, breachedAt: at, warnedAt: clock.warnedAt ?? at };
  return { ...sla, clocks: { ...sla.clocks, [event.clock]: marked } };
}

const CLOCK_WORDS: Record<ClockName, string> = {
  firstResponse: 'first response',
  escalation: 'escalation',
  resolution: 'resolution',
  updateFlag: 'answer to the user’s message',
};

export const describeClock = (name: ClockName): string => CLOCK_WORDS[name];

/** The journal line for a warning or breach: which clock, its target and deadline. */
export function alertText(sla: TicketSla, event: SlaEvent): string {
  const clock = sla.clocks[event.clock]!;
  const hours = (clock.targetMs / 3_600_000).toFixed(2).replace(/\.?0+$/, '');
  const deadline = (deadlineOf(clock, sla.calendar) ?? event.at).toISOString();
  if (event.kind === 'warning') {
    return `SLA warning: ${Math.round(sla.policy.warningShare * 100)} % of the ${describeClock(event.clock)} target (${hours} business hours) used; deadline ${deadline}`;
  }
  if (event.clock === 'escalation') return `Escalation: still open after ${hours} business hours (escalate-after target, ${deadline})`;
  return `SLA breached: ${describeClock(event.clock)} target of ${hours} business hours passed at ${deadline}`;
}

/** The next more urgent priority under the policy (targets are listed most urgent first). */
export function raisedPriority(policy: SlaPolicy, priority: string): string | undefined {
  const order = Object.keys(policy.targets);
  const index = order.indexOf(priority);
  return index > 0 ? order[index - 1] : undefined;
}

export interface SlaSummary {
  breached: boolean;
  nextDeadline: string | null;
}

/** For search attributes and lists: has any clock breached, and the earliest running deadline. */
export function slaSummary(sla: TicketSla): SlaSummary {
  const clocks = Object.values(sla.clocks).filter((c): c is SlaClock => !!c);
  const deadlines = clocks
    .filter(isRunning)
    .map((c) => deadlineOf(c, sla.calendar))
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime());
  const breached = clocks.some((c) => c.breachedAt !== null) || (sla.earlierUpdateFlagBreaches ?? 0) > 0;
  return { breached, nextDeadline: deadlines[0]?.toISOString() ?? null };
}

/** Business time a stopped clock ran: the figure reports use (time to respond, time to resolve). */
export const stoppedElapsedMs = (sla: TicketSla, clock: SlaClock): number | null =>
  clock.stoppedAt === null ? null : elapsedMs(clock, sla.calendar, clock.stoppedAt);
