// An SLA clock is a list of segments, each running or paused, with the reason and the ticket
// status that caused it. Every figure (elapsed, remaining, deadline, met or breached) is computed
// from the segments and the calendar, so a report can always recompute what a view showed.
import { addBusinessTime, BusinessCalendar, businessTimeBetween } from '../calendar/business-calendar';
import type { TicketStatus } from '../ticket.types';
import type { ClockName } from './sla-policy';

export interface ClockSegment {
  state: 'running' | 'paused';
  from: string;
  /** null while this is the current segment. */
  to: string | null;
  /** Why the clock entered this state, e.g. 'opened', 'pending: awaitingUser', 'reopened'. */
  reason: string;
  status: TicketStatus;
}

export interface SlaClock {
  name: ClockName;
  targetMs: number;
  segments: ClockSegment[];
  /** Set when the clock has stopped for good (first response given, ticket resolved or closed). */
  stoppedAt: string | null;
  stopReason: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
}

const current = (clock: SlaClock): ClockSegment | undefined => clock.segments[clock.segments.length - 1];

export function startClock(name: ClockName, targetMs: number, when: string, reason: string, status: TicketStatus): SlaClock {
  return {
    name,
    targetMs,
    segments: [{ state: 'running', from: when, to: null, reason, status }],
    stoppedAt: null,
    stopReason: null,
    warnedAt: null,
    breachedAt: null,
  };
}

export const isRunning = (clock: SlaClock): boolean => clock.stoppedAt === null && current(clock)?.state === 'running';
export const isPaused = (clock: SlaClock): boolean => clock.stoppedAt === null && current(clock)?.state === 'paused';

function closeCurrent(clock: SlaClock, when: string): ClockSegment[] {
  return clock.segments.map((s, i) => (i === clock.segments.length - 1 && s.to === null ? { ...s, to: when } : s));
}

/** Starts a new segment in `state`; no-op when the clock is stopped or already in that state. */
function enter(clock: SlaClock, state: ClockSegment['state'], when: string, reason: string, status: TicketStatus): SlaClock {
  if (clock.stoppedAt !== null || current(clock)?.state === state) return clock;
  return { ...clock, segments: [...closeCurrent(clock, when), { state, from: when, to: null, reason, status }] };
}

export const pauseClock = (clock: SlaClock, when: string, reason: string, status: TicketStatus): SlaClock =>
  enter(clock, 'paused', when, reason, status);

export const resumeClock = (clock: SlaClock, when: string, reason: string, status: TicketStatus): SlaClock =>
  enter(clock, 'running', when, reason, status);

export function stopClock(clock: SlaClock, when: string, reason: string): SlaClock {
  if (clock.stoppedAt !== null) return clock;
  return { ...clock, segments: closeCurrent(clock, when), stoppedAt: when, stopReason: reason };
}

/** Business time the clock has run, up to `now` for a current running segment. */
export function elapsedMs(clock: SlaClock, calendar: BusinessCalendar, now: string): number {
  return clock.segments
    .filter((s) => s.state === 'running')
    .reduce((sum, s) => sum + businessTimeBetween(calendar, s.from, s.to ?? now), 0);
}

/** Business time run before the current segment began. */
function elapsedBeforeCurrent(clock: SlaClock, calendar: BusinessCalendar): number {
  return clock.segments
    .slice(0, -1)
    .filter((s) => s.state === 'running')
    .reduce((sum, s) => sum + businessTimeBetween(calendar, s.from, s.to!), 0);
}

/**
 * The instant at which the clock will have run `share` of its target, or null when it is not
 * running. Computed from the current segment's start, so it does not drift with `now`.
 */
export function instantAtShare(clock: SlaClock, calendar: BusinessCalendar, share: number): Date | null {
  if (!isRunning(clock)) return null;
  const segment = current(clock)!;
  const left = Math.max(0, Math.round(clock.targetMs * share) - elapsedBeforeCurrent(clock, calendar));
  // Already past the mark before this segment: the mark is the segment's start.
  return left === 0 ? new Date(segment.from) : addBusinessTime(calendar, segment.from, left);
}

export const deadlineOf = (clock: SlaClock, calendar: BusinessCalendar): Date | null => instantAtShare(clock, calendar, 1);

/** Whether the clock met its target: stopped within it. null while it is still open. */
export function metTarget(clock: SlaClock, calendar: BusinessCalendar): boolean | null {
  if (clock.stoppedAt === null) return null;
  return clock.breachedAt === null && elapsedMs(clock, calendar, clock.stoppedAt) <= clock.targetMs;
}

export interface ClockView {
  name: ClockName;
  state: 'running' | 'paused' | 'stopped';
  targetMs: number;
  elapsedMs: number;
  remainingMs: number;
  deadline: string | null;
  warned: boolean;
  breached: boolean;
  met: boolean | null;
  stoppedAt: string | null;
  stopReason: string | null;
  segments: ClockSegment[];
}

/** The clock as the ticket view shows it, at `now`. */
export function viewClock(clock: SlaClock, calendar: BusinessCalendar, now: string): ClockView {
  const elapsed = elapsedMs(clock, calendar, clock.stoppedAt ?? now);
  const deadline = deadlineOf(clock, calendar);
  return {
    name: clock.name,
    state: clock.stoppedAt !== null ? 'stopped' : isRunning(clock) ? 'running' : 'paused',
    targetMs: clock.targetMs,
    elapsedMs: elapsed,
    remainingMs: clock.targetMs - elapsed,
    deadline: deadline ? deadline.toISOString() : null,
    warned: clock.warnedAt !== null,
    // Past the target counts even before the breach timer has fired (a worker may be down).
    breached: clock.breachedAt !== null || elapsed > clock.targetMs,
    met: metTarget(clock, calendar),
    stoppedAt: clock.stoppedAt,
    stopReason: clock.stopReason,
    segments: clock.segments,
  };
}
