// What a changed SLA policy (new targets, another calendar, an added holiday) does to an open
// ticket's clocks (issue 15, item 2): the preview an admin reads before applying it, and the
// alerts that no longer hold once it is applied. Pure: the preview runs in the API on the clocks
// the read model recorded, the annulment in the ticket's workflow, with the same functions.
import { isRunning, deadlineOf, elapsedMs, SlaClock } from './sla-clock';
import type { ClockName } from './sla-policy';
import { describeClock, TicketSla } from './ticket-sla';

export interface ClockMove {
  clock: ClockName;
  targetMsBefore: number;
  targetMsAfter: number;
  /** null while the clock is paused (Pending): it has no deadline until it runs again. */
  deadlineBefore: string | null;
  deadlineAfter: string | null;
  breachedBefore: boolean;
  /** Breached under the change as of now: annulled when it was and is no longer, raised when it was not. */
  breachedAfter: boolean;
}

export interface AnnulledAlert {
  clock: ClockName;
  kind: 'warning' | 'breach';
  /** When it had been raised. */
  raisedAt: string;
}

const open = (clock: SlaClock | undefined): clock is SlaClock => !!clock && clock.stoppedAt === null;

/** Has the clock used `share` of its target by `now` (business time of its calendar)? */
const used = (clock: SlaClock, sla: TicketSla, share: number, now: string): boolean => elapsedMs(clock, sla.calendar, now) >= Math.round(clock.targetMs * share);

const deadline = (clock: SlaClock, sla: TicketSla): string | null => (isRunning(clock) ? deadlineOf(clock, sla.calendar)?.toISOString() ?? null : null);

/**
 * A warning or breach raised against a target or calendar the ticket is no longer measured by, and
 * which the clock has not reached under the new one by `now`: annulled (it will be raised again
 * if the clock does reach it). Stopped clocks keep what they recorded.
 */
export function annulStaleAlerts(sla: TicketSla, now: string): { sla: TicketSla; annulled: AnnulledAlert[] } {
  const annulled: AnnulledAlert[] = [];
  const clocks = { ...sla.clocks };
  for (const clock of Object.values(sla.clocks)) {
    if (!open(clock)) continue;
    let next = clock;
    if (clock.breachedAt && !used(clock, sla, 1, now)) {
      annulled.push({ clock: clock.name, kind: 'breach', raisedAt: clock.breachedAt });
      next = { ...next, breachedAt: null };
    }
    if (clock.warnedAt && !used(clock, sla, sla.policy.warningShare, now)) {
      annulled.push({ clock: clock.name, kind: 'warning', raisedAt: clock.warnedAt });
      next = { ...next, warnedAt: null };
    }
    clocks[clock.name] = next;
  }
  return { sla: { ...sla, clocks }, annulled };
}

/** The open clocks whose target, deadline or breach the change moves (before: as recorded; after: retargeted, stale alerts annulled). */
export function clockMoves(before: TicketSla, after: TicketSla, now: string): ClockMove[] {
  const settled = annulStaleAlerts(after, now).sla;
  const moves: ClockMove[] = [];
  for (const clock of Object.values(before.clocks)) {
    const changed = settled.clocks[clock?.name ?? 'resolution'];
    if (!open(clock) || !changed) continue;
    const move: ClockMove = {
      clock: clock.name,
      targetMsBefore: clock.targetMs,
      targetMsAfter: changed.targetMs,
      deadlineBefore: deadline(clock, before),
      deadlineAfter: deadline(changed, settled),
      breachedBefore: clock.breachedAt !== null,
      breachedAfter: changed.breachedAt !== null || used(changed, settled, 1, now),
    };
    const moved = move.targetMsBefore !== move.targetMsAfter || move.deadlineBefore !== move.deadlineAfter || move.breachedBefore !== move.breachedAfter;
    if (moved) moves.push(move);
  }
  return moves;
}

/** The journal's audit line for what a recalculation annulled: nothing is forgotten silently. */
export function annulmentText(annulled: AnnulledAlert[]): string {
  return annulled
    .map((a) => `SLA ${a.kind} of the ${describeClock(a.clock)} clock (raised ${a.raisedAt}) annulled: under the new policy the clock has not reached it`)
    .join('; ');
}
