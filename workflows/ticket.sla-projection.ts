// The SLA clocks as the read model stores them: figures computed here (deterministically, from
// the segments and the calendar) so queues and reports read them without calendar arithmetic.
import { deadlineOf, metTarget, SlaClock } from '../machines/sla/sla-clock';
import { slaSummary, stoppedElapsedMs, TicketSla } from '../machines/sla/ticket-sla';
import type { SlaClockRow, SlaProjection } from './ticket.messages';

function clockRow(sla: TicketSla, clock: SlaClock): SlaClockRow {
  const deadline = deadlineOf(clock, sla.calendar);
  const segment = clock.segments[clock.segments.length - 1];
  return {
    name: clock.name,
    targetMs: clock.targetMs,
    state: clock.stoppedAt !== null ? 'stopped' : segment?.state ?? 'paused',
    deadline: deadline ? deadline.toISOString() : null,
    warnedAt: clock.warnedAt,
    breachedAt: clock.breachedAt,
    stoppedAt: clock.stoppedAt,
    stopReason: clock.stopReason,
    elapsedMsAtStop: stoppedElapsedMs(sla, clock),
    met: metTarget(clock, sla.calendar),
    segments: clock.segments,
  };
}

export function projectSla(sla: TicketSla): SlaProjection {
  const { breached, nextDeadline } = slaSummary(sla);
  return {
    policyCode: sla.policy.code,
    policyVersion: sla.policy.version,
    requestKind: sla.requestKind,
    onCall: sla.onCall,
    breached,
    nextDeadline,
    clocks: Object.values(sla.clocks)
      .filter((c): c is SlaClock => !!c)
      .map((c) => clockRow(sla, c)),
  };
}
