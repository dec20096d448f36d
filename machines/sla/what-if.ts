// What-if replay (issue 15, item 1): how a finished ticket's clocks would have ended under a
// proposed SLA policy (other targets, another calendar or holidays). The clock's segments are
// what its recorded events did to it (opened, paused while Pending, stopped at the first answer or
// the resolution), and those rules do not depend on the policy; the policy gives the target and
// the calendar the running time is counted in. So the replay counts the same running segments in
// the proposed calendar and judges them against the proposed target: pure, and the same inputs
// always give the same figures. A proposed priority matrix assesses the recorded impact and
// urgency again, and the target is then the new level's.
import { ALWAYS_OPEN, BusinessCalendar, businessTimeBetween } from '../calendar/business-calendar';
import type { ClockSegment } from './sla-clock';
import { assessPriority, type PriorityMatrix } from '../priority';
import { RequestKind, SlaPolicy, targetsFor } from './sla-policy';

/** A finished clock as the read model recorded it. */
export interface RecordedClock {
  /** Business time it ran, counted in the ticket's own calendar when it stopped. */
  elapsedMs: number;
  met: boolean;
  segments: ClockSegment[];
}

export interface RecordedTicket {
  priority: string;
  /** The levels it was assessed with: a proposed priority matrix assesses them again. */
  impact: string;
  urgency: string;
  requestKind: RequestKind | null;
  /** Taken by the on-call service out of hours: its clocks ran round the clock, and would again. */
  onCall: boolean;
  firstResponse: RecordedClock | null;
  resolution: RecordedClock | null;
}

export interface ClockReplay {
  /** As recorded. */
  nowMs: number;
  nowMet: boolean;
  /** Under the proposal. */
  proposedMs: number;
  proposedMet: boolean;
}

export interface TicketReplay {
  /** The priority under the proposal (the recorded one unless a matrix is proposed). */
  priority: string;
  firstResponse: ClockReplay | null;
  resolution: ClockReplay | null;
  /** Why it could not be replayed (the proposal has no level for its priority). */
  skipped: string | null;
}

const runningTime = (segments: ClockSegment[], calendar: BusinessCalendar): number =>
  segments.filter((s) => s.state === 'running' && s.to !== null).reduce((sum, s) => sum + businessTimeBetween(calendar, s.from, s.to!), 0);

function replayClock(clock: RecordedClock | null, calendar: BusinessCalendar, targetMs: number): ClockReplay | null {
  if (!clock) return null;
  const proposedMs = runningTime(clock.segments, calendar);
  return { nowMs: clock.elapsedMs, nowMet: clock.met, proposedMs, proposedMet: proposedMs <= targetMs };
}

/** A proposed matrix assesses the recorded impact and urgency again; without one the recorded priority stands. */
function priorityUnder(ticket: RecordedTicket, matrix: PriorityMatrix | undefined): string {
  return matrix ? assessPriority(ticket.impact, ticket.urgency, matrix).level.code : ticket.priority;
}

export function replayTicket(ticket: RecordedTicket, proposal: SlaPolicy, matrix?: PriorityMatrix): TicketReplay {
  let priority: string;
  try {
    priority = priorityUnder(ticket, matrix);
  } catch (error) {
    return { priority: ticket.priority, firstResponse: null, resolution: null, skipped: (error as Error).message };
  }
  if (!proposal.targets[priority]) return { priority, firstResponse: null, resolution: null, skipped: `${proposal.code} has no level ${priority}` };
  const targets = targetsFor(proposal, priority, ticket.requestKind);
  const calendar = ticket.onCall ? ALWAYS_OPEN : proposal.calendar;
  return {
    priority,
    firstResponse: replayClock(ticket.firstResponse, calendar, targets.firstResponseMs),
    resolution: replayClock(ticket.resolution, calendar, targets.resolutionMs),
    skipped: null,
  };
}
