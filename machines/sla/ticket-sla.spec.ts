// A ticket's SLA clocks through its life (issue "SLA engine", REQUIREMENTS 5). The expected
// instants are worked out by hand, not derived from the code under test:
// - STANDARD_SLA runs in seed 004's office hours (Mon-Thu 08:00-16:00, Fri 08:00-15:00,
//   Copenhagen) with seed 003's targets: P1 15 min / 30 min / 1 h, P2 2 h / 3 h / 4 h,
//   P3 8 h / 10 h / 12 h, P4 16 h / 20 h / 24 h (first response / escalation / resolution);
//   a fault report must get its first response within 4 h;
// - in November 2026 Copenhagen is on winter time, CET = UTC+01:00;
// - 2026-11-16 is a Monday, 2026-11-19 a Thursday, 2026-11-20 a Friday, 2026-11-21 a Saturday.
import { cph, h, MINUTE, wall } from '../../test/support/copenhagen-time';
import type { Actor } from '../actor';
import { ALWAYS_OPEN, DEFAULT_CALENDAR } from '../calendar/business-calendar';
import type { TicketEvent, TicketStatus } from '../ticket.types';
import { deadlineOf, elapsedMs, metTarget, SlaClock, viewClock } from './sla-clock';
import { SlaPolicy, STANDARD_SLA } from './sla-policy';
import {
  alertText,
  markRaised,
  nextSlaEvent,
  openSla,
  raisedPriority,
  retarget,
  SlaEvent,
  slaAfter,
  slaSummary,
  stoppedElapsedMs,
  TicketMoment,
  TicketSla,
} from './ticket-sla';

const agent: Actor = { id: 'a1', role: 'agent' };
const requester: Actor = { id: 'u1', role: 'endUser' };
const system: Actor = { id: 'system', role: 'system' };
/** Issue 5: a monitoring system that raised the incident (it is its requester). */
const monitor: Actor = { id: 'mon1', role: 'monitor' };

type Cmd = TicketEvent extends infer E ? (E extends TicketEvent ? Omit<E, 'actor' | 'at'> : never) : never;
const event = (actor: Actor, command: Cmd, at: string): TicketEvent => ({ ...command, actor, at }) as TicketEvent;

const moment = (status: TicketStatus, updateFlag = false, priority = 'P3'): TicketMoment => ({ status, updateFlag, priority });

const clock = (sla: TicketSla, name: keyof TicketSla['clocks']): SlaClock => {
  const found = sla.clocks[name];
  if (!found) throw new Error(`no ${name} clock`);
  return found;
};

/** The ticket's SLA after each step: [before, after, event]. */
function live(sla: TicketSla, steps: Array<[TicketMoment, TicketMoment, TicketEvent]>): TicketSla {
  return steps.reduce((current, [before, after, e]) => slaAfter(current, before, after, e), sla);
}

const MONDAY_0800 = cph('2026-11-16 08:00');

// --- opening ---------------------------------------------------------------------------------

describe('openSla', () => {
  it('starts first response, escalation and resolution with the P3 targets (8 h, 10 h, 12 h), in office hours', () => {
    const sla = openSla(STANDARD_SLA, null, 'P3', MONDAY_0800);
    const running = (name: string, targetMs: number) => ({
      name,
      targetMs,
      segments: [{ state: 'running', from: MONDAY_0800, to: null, reason: 'opened', status: 'New' }],
      stoppedAt: null,
      stopReason: null,
      warnedAt: null,
      breachedAt: null,
    });
    expect(sla).toEqual({
      policy: STANDARD_SLA,
      requestKind: null,
      calendar: DEFAULT_CALENDAR,
      onCall: false,
      clocks: {
        firstResponse: running('firstResponse', h(8)),
        escalation: running('escalation', h(10)),
        resolution: running('resolution', h(12)),
      },
    });
    expect(sla.clocks.updateFlag).toBeUndefined();
  });

  it.each<[string, number, number, number]>([
    // "Immediately" becomes 15 minutes so that the clock does not breach at once.
    ['P1', 15 * MINUTE, 30 * MINUTE, h(1)],
    ['P2', h(2), h(3), h(4)],
    ['P3', h(8), h(10), h(12)],
    ['P4', h(16), h(20), h(24)],
  ])('gives %s its targets', (priority, firstResponse, escalation, resolution) => {
    const sla = openSla(STANDARD_SLA, null, priority, MONDAY_0800);
    expect([clock(sla, 'firstResponse').targetMs, clock(sla, 'escalation').targetMs, clock(sla, 'resolution').targetMs]).toEqual([
      firstResponse,
      escalation,
      resolution,
    ]);
  });

  it('lets a fault report override the first response to 4 h, keeping the P3 escalation and resolution', () => {
    const sla = openSla(STANDARD_SLA, 'faultReport', 'P3', MONDAY_0800);
    expect(sla.requestKind).toBe('faultReport');
    expect(clock(sla, 'firstResponse').targetMs).toBe(h(4));
    expect(clock(sla, 'escalation').targetMs).toBe(h(10));
    expect(clock(sla, 'resolution').targetMs).toBe(h(12));
  });

  it('gives a user change 8 h and on-site work 7 working days (56 h) to resolve, moving escalation with it', () => {
    const change = openSla(STANDARD_SLA, 'userChange', 'P3', MONDAY_0800);
    expect(clock(change, 'resolution').targetMs).toBe(h(8));
    // P3 escalates at 10 of 12 hours; the same share of 8 h is 6 h 40 min.
    expect(clock(change, 'escalation').targetMs).toBe(h(8) * 10 / 12);
    const onSite = openSla(STANDARD_SLA, 'onSiteWork', 'P3', MONDAY_0800);
    expect(clock(onSite, 'resolution').targetMs).toBe(h(56));
    expect(clock(onSite, 'escalation').targetMs).toBe(Math.round(h(56) * 10 / 12));
  });

  it('never lets a fault report make an urgent ticket wait longer for its first response', () => {
    // P1 responds within 15 minutes; the fault report's 4 h would be looser.
    expect(clock(openSla(STANDARD_SLA, 'faultReport', 'P1', MONDAY_0800), 'firstResponse').targetMs).toBe(15 * 60_000);
  });

  it('refuses a priority the policy has no targets for', () => {
    expect(() => openSla(STANDARD_SLA, null, 'P9', MONDAY_0800)).toThrow('SLA policy standard v1 has no targets for priority P9');
  });

  it('puts the 4 h fault report opened Friday 14:30 due on Monday 11:30 (issue "SLA engine", end to end)', () => {
    const sla = openSla(STANDARD_SLA, 'faultReport', 'P3', cph('2026-11-20 14:30'));
    // Friday 14:30-15:00 is 0.5 h, 3.5 h more from Monday 08:00.
    expect(wall(deadlineOf(clock(sla, 'firstResponse'), sla.calendar))).toBe('Mon 2026-11-23 11:30 +01:00');
  });
});

// --- the clocks through a ticket's life ----------------------------------------------------------

describe('slaAfter', () => {
  const opened = () => openSla(STANDARD_SLA, null, 'P3', MONDAY_0800);

  it('leaves the clocks alone on a dispatch (New -> Assigned)', () => {
    const sla = opened();
    const after = slaAfter(sla, moment('New'), moment('Assigned'), event(agent, { type: 'assignToTeam', teamId: 't1', teamName: 'Desk' }, cph('2026-11-16 08:30')));
    expect(after).toEqual(sla);
  });

  it.each<[string, TicketMoment, TicketMoment, Cmd]>([
    ['beginWork', moment('Assigned'), moment('InProgress'), { type: 'beginWork' }],
    ['addComment', moment('Assigned'), moment('InProgress'), { type: 'addComment', text: 'We are on it' }],
    ['resolve', moment('InProgress'), moment('Resolved'), { type: 'resolve', resolution: 'Fixed' }],
  ])('stops the first response at %s, after 1 business hour', (type, before, after, command) => {
    const sla = slaAfter(opened(), before, after, event(agent, command, cph('2026-11-16 09:00')));
    const firstResponse = clock(sla, 'firstResponse');
    expect(firstResponse).toMatchObject({ stoppedAt: cph('2026-11-16 09:00'), stopReason: type });
    expect(firstResponse.segments).toEqual([
      { state: 'running', from: MONDAY_0800, to: cph('2026-11-16 09:00'), reason: 'opened', status: 'New' },
    ]);
    expect(stoppedElapsedMs(sla, firstResponse)).toBe(h(1));
    expect(metTarget(firstResponse, sla.calendar)).toBe(true);
  });

  it('does not count a user’s reply as a first response', () => {
    const sla = slaAfter(opened(), moment('Assigned'), moment('Assigned', true), event(requester, { type: 'reply', text: 'Any news?' }, cph('2026-11-16 09:00')));
    expect(clock(sla, 'firstResponse').stoppedAt).toBeNull();
  });

  it('pauses first response, escalation and resolution on entering Pending, with the pending reason', () => {
    const at = cph('2026-11-16 10:00');
    const sla = slaAfter(
      opened(),
      moment('InProgress'),
      moment('Pending'),
      event(agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which room?' }, at),
    );
    for (const name of ['firstResponse', 'escalation', 'resolution'] as const) {
      expect(clock(sla, name).segments).toEqual([
        { state: 'running', from: MONDAY_0800, to: at, reason: 'opened', status: 'New' },
        { state: 'paused', from: at, to: null, reason: 'pending: awaitingUser', status: 'Pending' },
      ]);
      expect(clock(sla, name).stoppedAt).toBeNull();
    }
  });

  it('names a vendor wait as such', () => {
    const sla = slaAfter(opened(), moment('InProgress'), moment('Pending'), event(agent, { type: 'setPending', reason: 'awaitingVendor', text: 'HP case' }, cph('2026-11-16 10:00')));
    expect(clock(sla, 'resolution').segments.at(-1)).toMatchObject({ state: 'paused', reason: 'pending: awaitingVendor' });
  });

  it('resumes the clocks on the user’s reply ("user replied") and on an agent’s resume ("resume")', () => {
    const pending = slaAfter(opened(), moment('InProgress'), moment('Pending'), event(agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which room?' }, cph('2026-11-16 10:00')));

    const replied = slaAfter(pending, moment('Pending'), moment('InProgress', true), event(requester, { type: 'reply', text: 'Room 1.23' }, cph('2026-11-16 14:00')));
    for (const name of ['firstResponse', 'escalation', 'resolution'] as const) {
      expect(clock(replied, name).segments.slice(1)).toEqual([
        { state: 'paused', from: cph('2026-11-16 10:00'), to: cph('2026-11-16 14:00'), reason: 'pending: awaitingUser', status: 'Pending' },
        { state: 'running', from: cph('2026-11-16 14:00'), to: null, reason: 'user replied', status: 'InProgress' },
      ]);
    }

    const resumed = slaAfter(pending, moment('Pending'), moment('InProgress'), event(agent, { type: 'resume' }, cph('2026-11-16 14:00')));
    expect(clock(resumed, 'resolution').segments.at(-1)).toEqual({
      state: 'running',
      from: cph('2026-11-16 14:00'),
      to: null,
      reason: 'resume',
      status: 'InProgress',
    });
    // Mon 08-10 and 14-15: 3 h; the 4 h Pending do not count.
    expect(elapsedMs(clock(resumed, 'resolution'), resumed.calendar, cph('2026-11-16 15:00'))).toBe(h(3));
  });

  it('keeps the clocks paused when a user writes to a ticket waiting for a vendor', () => {
    const pending = slaAfter(opened(), moment('InProgress'), moment('Pending'), event(agent, { type: 'setPending', reason: 'awaitingVendor', text: 'HP case' }, cph('2026-11-16 10:00')));
    const written = slaAfter(pending, moment('Pending'), moment('Pending', true), event(requester, { type: 'reply', text: 'Any news?' }, cph('2026-11-16 11:00')));
    expect(clock(written, 'resolution')).toBe(clock(pending, 'resolution'));
    // ...but the user's message starts the Update flag's clock.
    expect(clock(written, 'updateFlag').segments).toEqual([
      { state: 'running', from: cph('2026-11-16 11:00'), to: null, reason: 'reply', status: 'Pending' },
    ]);
  });

  it('stops escalation and resolution on entering Resolved', () => {
    const at = cph('2026-11-16 12:00');
    const sla = slaAfter(opened(), moment('InProgress'), moment('Resolved'), event(agent, { type: 'resolve', resolution: 'Fixed' }, at));
    for (const name of ['escalation', 'resolution'] as const) {
      expect(clock(sla, name)).toMatchObject({ stoppedAt: at, stopReason: 'resolved' });
      expect(stoppedElapsedMs(sla, clock(sla, name))).toBe(h(4));
      expect(metTarget(clock(sla, name), sla.calendar)).toBe(true);
    }
  });

  // Issue 5: a monitor clearing its alert resolves an unworked incident; nobody answered before,
  // so the resolution is the first response.
  it('stops the first response too on entering Resolved when none was given before ("resolved")', () => {
    const at = cph('2026-11-16 11:00');
    const sla = slaAfter(opened(), moment('New'), moment('Resolved'), event(monitor, { type: 'monitorCleared', text: 'CPU load back to normal' }, at));
    for (const name of ['firstResponse', 'escalation', 'resolution'] as const) {
      expect(clock(sla, name)).toMatchObject({ stoppedAt: at, stopReason: 'resolved' });
      expect(clock(sla, name).segments).toEqual([{ state: 'running', from: MONDAY_0800, to: at, reason: 'opened', status: 'New' }]);
      expect(stoppedElapsedMs(sla, clock(sla, name))).toBe(h(3));
      expect(metTarget(clock(sla, name), sla.calendar)).toBe(true);
    }
    // Nothing is left running: no SLA timer is armed for a resolved ticket.
    expect(nextSlaEvent(sla)).toBeNull();
  });

  it('keeps an earlier first response when the ticket is resolved later', () => {
    const answered = slaAfter(opened(), moment('Assigned'), moment('InProgress'), event(agent, { type: 'beginWork' }, cph('2026-11-16 09:00')));
    const resolved = slaAfter(answered, moment('InProgress'), moment('Resolved'), event(agent, { type: 'resolve', resolution: 'Fixed' }, cph('2026-11-16 12:00')));
    expect(clock(resolved, 'firstResponse')).toEqual(clock(answered, 'firstResponse'));
    expect(clock(resolved, 'firstResponse')).toMatchObject({ stoppedAt: cph('2026-11-16 09:00'), stopReason: 'beginWork' });
  });

  it('restarts escalation and resolution on a reopen: the resolved gap is a paused segment, then "reopened"', () => {
    const resolvedAt = cph('2026-11-16 12:00');
    const reopenedAt = cph('2026-11-17 09:00');
    const resolved = slaAfter(opened(), moment('InProgress'), moment('Resolved'), event(agent, { type: 'resolve', resolution: 'Fixed' }, resolvedAt));
    const reopened = slaAfter(resolved, moment('Resolved'), moment('InProgress', true), event(requester, { type: 'reopen', text: 'Still broken' }, reopenedAt));

    for (const name of ['escalation', 'resolution'] as const) {
      expect(clock(reopened, name)).toMatchObject({ stoppedAt: null, stopReason: null });
      expect(clock(reopened, name).segments).toEqual([
        { state: 'running', from: MONDAY_0800, to: resolvedAt, reason: 'opened', status: 'New' },
        { state: 'paused', from: resolvedAt, to: reopenedAt, reason: 'resolved', status: 'Resolved' },
        { state: 'running', from: reopenedAt, to: null, reason: 'reopened', status: 'InProgress' },
      ]);
    }
    // The first response was given (by the resolution) and stays given.
    expect(clock(reopened, 'firstResponse')).toMatchObject({ stoppedAt: resolvedAt, stopReason: 'resolve' });
    // Resolution: 4 h on Monday, then Tuesday 09:00 + 8 h = Tue 09-16 (7 h) + Wed 08-09 -> Wednesday 09:00.
    expect(wall(deadlineOf(clock(reopened, 'resolution'), reopened.calendar))).toBe('Wed 2026-11-18 09:00 +01:00');
  });

  it('restarts them the same way when the requester’s reply reopens a Resolved ticket', () => {
    const resolved = slaAfter(opened(), moment('InProgress'), moment('Resolved'), event(agent, { type: 'resolve', resolution: 'Fixed' }, cph('2026-11-16 12:00')));
    const replied = slaAfter(resolved, moment('Resolved'), moment('InProgress', true), event(requester, { type: 'reply', text: 'It jammed again' }, cph('2026-11-17 09:00')));
    expect(clock(replied, 'resolution').segments.map((s) => `${s.state}:${s.reason}`)).toEqual(['running:opened', 'paused:resolved', 'running:reopened']);
  });

  it('stops every clock on Closed, the Update flag’s too', () => {
    const at = cph('2026-11-16 12:00');
    const flagged = slaAfter(opened(), moment('InProgress'), moment('InProgress', true), event(requester, { type: 'reply', text: 'Hello?' }, cph('2026-11-16 11:00')));
    const closed = slaAfter(flagged, moment('Resolved', true), moment('Closed', true), event(system, { type: 'autoClose' }, at));
    for (const name of ['firstResponse', 'escalation', 'resolution', 'updateFlag'] as const) {
      expect(clock(closed, name)).toMatchObject({ name, stoppedAt: at, stopReason: 'closed' });
    }
  });

  it('keeps the stops of a resolved ticket when it closes', () => {
    const resolvedAt = cph('2026-11-16 12:00');
    const resolved = slaAfter(opened(), moment('InProgress'), moment('Resolved'), event(agent, { type: 'resolve', resolution: 'Fixed' }, resolvedAt));
    const closed = slaAfter(resolved, moment('Resolved'), moment('Closed'), event(system, { type: 'autoClose' }, cph('2026-11-26 12:00')));
    expect(clock(closed, 'resolution')).toMatchObject({ stoppedAt: resolvedAt, stopReason: 'resolved' });
    expect(closed.clocks).toEqual(resolved.clocks);
  });

  it('starts the Update flag’s clock when the flag goes on and stops it when it goes off', () => {
    const on = slaAfter(opened(), moment('InProgress'), moment('InProgress', true), event(requester, { type: 'reply', text: 'Still broken' }, cph('2026-11-16 10:00')));
    expect(clock(on, 'updateFlag')).toEqual({
      name: 'updateFlag',
      // One business day (8 h).
      targetMs: h(8),
      segments: [{ state: 'running', from: cph('2026-11-16 10:00'), to: null, reason: 'reply', status: 'InProgress' }],
      stoppedAt: null,
      stopReason: null,
      warnedAt: null,
      breachedAt: null,
    });
    // Monday 10:00 + 8 h = Mon 10-16 (6 h) + Tue 08-10.
    expect(wall(deadlineOf(clock(on, 'updateFlag'), on.calendar))).toBe('Tue 2026-11-17 10:00 +01:00');

    const off = slaAfter(on, moment('InProgress', true), moment('InProgress'), event(agent, { type: 'addComment', text: 'Try now' }, cph('2026-11-16 11:30')));
    expect(clock(off, 'updateFlag')).toMatchObject({ stoppedAt: cph('2026-11-16 11:30'), stopReason: 'answered (addComment)' });
    expect(stoppedElapsedMs(off, clock(off, 'updateFlag'))).toBe(h(1.5));

    const cleared = slaAfter(on, moment('InProgress', true), moment('InProgress'), event(agent, { type: 'clearUpdateFlag' }, cph('2026-11-16 11:00')));
    expect(clock(cleared, 'updateFlag')).toMatchObject({ stoppedAt: cph('2026-11-16 11:00'), stopReason: 'cleared without an answer' });
  });
});

// --- Pending over a weekend (issue "SLA engine", end to end) ------------------------------------------

describe('a ticket Pending over a weekend', () => {
  // Opened Thursday 15:00, work begun 15:30, Pending (awaiting the user) Friday 09:00, the user
  // replies Monday 09:00.
  const OPENED = cph('2026-11-19 15:00');
  const BEGUN = cph('2026-11-19 15:30');
  const PENDING = cph('2026-11-20 09:00');
  const REPLIED = cph('2026-11-23 09:00');

  const opened = openSla(STANDARD_SLA, null, 'P3', OPENED);
  const pending = live(opened, [
    [moment('New'), moment('Assigned'), event(agent, { type: 'assignToTeam', teamId: 't1', teamName: 'Desk' }, OPENED)],
    [moment('Assigned'), moment('InProgress'), event(agent, { type: 'beginWork' }, BEGUN)],
    [moment('InProgress'), moment('Pending'), event(agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which room?' }, PENDING)],
  ]);
  const replied = slaAfter(pending, moment('Pending'), moment('InProgress', true), event(requester, { type: 'reply', text: 'Room 1.23' }, REPLIED));

  it('would have been due Monday 12:00 without the pause', () => {
    // 12 h: Thu 15-16 (1 h) + Fri 08-15 (7 h) + Mon 08-12 (4 h).
    expect(wall(deadlineOf(clock(opened, 'resolution'), opened.calendar))).toBe('Mon 2026-11-23 12:00 +01:00');
  });

  it('arms no timer while Pending: every clock is stopped or paused', () => {
    expect(nextSlaEvent(pending)).toBeNull();
    expect(slaSummary(pending)).toEqual({ breached: false, nextDeadline: null });
  });

  it('is due Tuesday 11:00 after the reply: 2 h ran before the pause, 10 h from Monday 09:00', () => {
    // Thu 15-16 (1 h) + Fri 08-09 (1 h) = 2 h; 10 h left: Mon 09-16 (7 h) + Tue 08-11 (3 h).
    expect(wall(deadlineOf(clock(replied, 'resolution'), replied.calendar))).toBe('Tue 2026-11-24 11:00 +01:00');
    expect(deadlineOf(clock(replied, 'resolution'), replied.calendar)!.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    // Escalation (10 h): 8 h left from Monday 09:00 -> Mon 09-16 (7 h) + Tue 08-09.
    expect(wall(deadlineOf(clock(replied, 'escalation'), replied.calendar))).toBe('Tue 2026-11-24 09:00 +01:00');
  });

  it('has not breached on Monday 12:00: 1 h Thursday + 1 h Friday + 0 over the weekend + 3 h Monday = 5 h of 12', () => {
    const view = viewClock(clock(replied, 'resolution'), replied.calendar, cph('2026-11-23 12:00'));
    expect(view).toMatchObject({ state: 'running', elapsedMs: h(5), remainingMs: h(7), breached: false, deadline: '2026-11-24T10:00:00.000Z' });
    expect(clock(replied, 'resolution').segments).toEqual([
      { state: 'running', from: OPENED, to: PENDING, reason: 'opened', status: 'New' },
      { state: 'paused', from: PENDING, to: REPLIED, reason: 'pending: awaitingUser', status: 'Pending' },
      { state: 'running', from: REPLIED, to: null, reason: 'user replied', status: 'InProgress' },
    ]);
  });

  it('got its first response in 30 minutes', () => {
    expect(stoppedElapsedMs(replied, clock(replied, 'firstResponse'))).toBe(30 * MINUTE);
  });

  it('raises its events in order once running again, none of them before Monday 16:00', () => {
    const raised: string[] = [];
    let sla = replied;
    for (let next = nextSlaEvent(sla); next; next = nextSlaEvent(sla)) {
      raised.push(`${next.clock} ${next.kind} ${wall(next.at)}`);
      sla = markRaised(sla, next, next.at.toISOString());
    }
    // 75 % of 12 h = 9 h: 2 h + Mon 09-16 (7 h) -> Monday 16:00, closing time.
    expect(raised[0]).toBe('resolution warning Mon 2026-11-23 16:00 +01:00');
    // Escalation: 8 h left from Monday 09:00. The user's reply started the Update flag's 8 h at the
    // same instant. Both end Mon 09-16 (7 h) + Tue 08-09 -> Tuesday 09:00 (their order is not asserted).
    expect(raised.slice(1, 3).sort()).toEqual(['escalation breach Tue 2026-11-24 09:00 +01:00', 'updateFlag breach Tue 2026-11-24 09:00 +01:00']);
    expect(raised.slice(3)).toEqual(['resolution breach Tue 2026-11-24 11:00 +01:00']);
  });
});

// --- timers ------------------------------------------------------------------------------------

describe('nextSlaEvent and markRaised', () => {
  const opened = () => openSla(STANDARD_SLA, null, 'P3', MONDAY_0800);

  function drain(sla: TicketSla): SlaEvent[] {
    const raised: SlaEvent[] = [];
    for (let next = nextSlaEvent(sla); next; next = nextSlaEvent(sla)) {
      raised.push(next);
      sla = markRaised(sla, next, next.at.toISOString());
      if (raised.length > 20) throw new Error('raised the same event again and again');
    }
    return raised;
  }

  it('gives the 75 % warning of the first response first', () => {
    // 6 h of 8 from Monday 08:00.
    expect(nextSlaEvent(opened())).toEqual({ clock: 'firstResponse', kind: 'warning', at: new Date(cph('2026-11-16 14:00')) });
  });

  it('raises each warning and breach once, in time order; escalation only breaches', () => {
    expect(drain(opened()).map((e) => `${e.clock} ${e.kind} ${wall(e.at)}`)).toEqual([
      'firstResponse warning Mon 2026-11-16 14:00 +01:00', // 6 h
      'firstResponse breach Mon 2026-11-16 16:00 +01:00', // 8 h
      'resolution warning Tue 2026-11-17 09:00 +01:00', // 9 h = Monday 8 h + 1 h
      'escalation breach Tue 2026-11-17 10:00 +01:00', // 10 h
      'resolution breach Tue 2026-11-17 12:00 +01:00', // 12 h
    ]);
  });

  it('skips stopped and paused clocks', () => {
    const begun = slaAfter(opened(), moment('Assigned'), moment('InProgress'), event(agent, { type: 'beginWork' }, cph('2026-11-16 09:00')));
    expect(nextSlaEvent(begun)).toEqual({ clock: 'resolution', kind: 'warning', at: new Date(cph('2026-11-17 09:00')) });

    const pending = slaAfter(begun, moment('InProgress'), moment('Pending'), event(agent, { type: 'setPending', reason: 'awaitingVendor', text: 'HP' }, cph('2026-11-16 10:00')));
    expect(nextSlaEvent(pending)).toBeNull();
  });

  it('marks a warning so it is not raised again, and a breach as warned too', () => {
    const sla = opened();
    const warning = nextSlaEvent(sla)!;
    const warned = markRaised(sla, warning, cph('2026-11-16 14:00'));
    expect(clock(warned, 'firstResponse')).toMatchObject({ warnedAt: cph('2026-11-16 14:00'), breachedAt: null });
    expect(nextSlaEvent(warned)).toEqual({ clock: 'firstResponse', kind: 'breach', at: new Date(cph('2026-11-16 16:00')) });
    // Marking the same warning again changes nothing that matters: the breach is still next.
    expect(nextSlaEvent(markRaised(warned, warning, cph('2026-11-16 14:01')))).toEqual(nextSlaEvent(warned));

    // The escalation clock never warns; its breach marks it warned and breached at once.
    const escalation: SlaEvent = { clock: 'escalation', kind: 'breach', at: new Date(cph('2026-11-17 10:00')) };
    expect(clock(markRaised(sla, escalation, cph('2026-11-17 10:00')), 'escalation')).toMatchObject({
      warnedAt: cph('2026-11-17 10:00'),
      breachedAt: cph('2026-11-17 10:00'),
    });
  });

  it('raises a warning before a breach due at the same instant', () => {
    // Resolution 8 h warns at 6 h, Monday 14:00, exactly when the 6 h escalation breaches.
    const tight: SlaPolicy = {
      ...STANDARD_SLA,
      targets: { ...STANDARD_SLA.targets, P3: { firstResponseMs: h(16), escalationMs: h(6), resolutionMs: h(8) } },
    };
    const sla = openSla(tight, null, 'P3', MONDAY_0800);
    const first = nextSlaEvent(sla)!;
    expect(first).toEqual({ clock: 'resolution', kind: 'warning', at: new Date(cph('2026-11-16 14:00')) });
    expect(nextSlaEvent(markRaised(sla, first, cph('2026-11-16 14:00')))).toEqual({
      clock: 'escalation',
      kind: 'breach',
      at: new Date(cph('2026-11-16 14:00')),
    });
  });

  it('ignores a mark for a clock the ticket does not have', () => {
    const sla = opened();
    expect(markRaised(sla, { clock: 'updateFlag', kind: 'breach', at: new Date(MONDAY_0800) }, MONDAY_0800)).toBe(sla);
  });
});

// --- new targets ----------------------------------------------------------------------------------

describe('retarget', () => {
  // P3 opened Monday 08:00, work begun 09:00, Pending 10:00-14:00, the user's reply sets the flag.
  const sla = live(openSla(STANDARD_SLA, null, 'P3', MONDAY_0800), [
    [moment('Assigned'), moment('InProgress'), event(agent, { type: 'beginWork' }, cph('2026-11-16 09:00'))],
    [moment('InProgress'), moment('Pending'), event(agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which room?' }, cph('2026-11-16 10:00'))],
    [moment('Pending'), moment('InProgress', true), event(requester, { type: 'reply', text: 'Room 1.23' }, cph('2026-11-16 14:00'))],
  ]);

  it('keeps every segment and changes the targets of unfinished clocks to the new priority’s (P2: 3 h, 4 h)', () => {
    const raised = retarget(sla, STANDARD_SLA, 'P2');
    for (const name of ['firstResponse', 'escalation', 'resolution', 'updateFlag'] as const) {
      expect(clock(raised, name).segments).toEqual(clock(sla, name).segments);
    }
    // The first response was given at 09:00 under P3's 8 h: a finished clock keeps its target.
    expect([clock(raised, 'firstResponse').targetMs, clock(raised, 'escalation').targetMs, clock(raised, 'resolution').targetMs]).toEqual([
      h(8),
      h(3),
      h(4),
    ]);
    expect(clock(raised, 'updateFlag').targetMs).toBe(h(8));
    // 2 h ran before the pause (08-10). Resolution: 2 h left from 14:00 -> 16:00; escalation 1 h -> 15:00.
    expect(wall(deadlineOf(clock(raised, 'resolution'), raised.calendar))).toBe('Mon 2026-11-16 16:00 +01:00');
    expect(wall(deadlineOf(clock(raised, 'escalation'), raised.calendar))).toBe('Mon 2026-11-16 15:00 +01:00');
  });

  it('takes the new policy version, its calendar and its Update flag target', () => {
    const v2: SlaPolicy = { ...STANDARD_SLA, version: 2, calendar: ALWAYS_OPEN, updateFlagTargetMs: h(4) };
    const recalculated = retarget(sla, v2, 'P3');
    expect(recalculated.policy.version).toBe(2);
    expect(recalculated.calendar).toBe(ALWAYS_OPEN);
    expect(clock(recalculated, 'updateFlag').targetMs).toBe(h(4));
    // 24x7: 2 h ran, 10 h left from Monday 14:00 -> Tuesday 00:00 local.
    expect(wall(deadlineOf(clock(recalculated, 'resolution'), recalculated.calendar))).toBe('Tue 2026-11-17 00:00 +01:00');
  });

  it('keeps the request kind: a P4 user change still resolves within 8 h', () => {
    const change = openSla(STANDARD_SLA, 'userChange', 'P3', MONDAY_0800);
    const lowered = retarget(change, STANDARD_SLA, 'P4');
    expect(lowered.requestKind).toBe('userChange');
    expect(clock(lowered, 'firstResponse').targetMs).toBe(h(16));
    expect(clock(lowered, 'resolution').targetMs).toBe(h(8));
  });
});

describe('raisedPriority', () => {
  it.each<[string, string | undefined]>([
    ['P4', 'P3'],
    ['P3', 'P2'],
    ['P2', 'P1'],
    ['P1', undefined],
    ['P9', undefined],
  ])('raises %s to %s', (from, to) => {
    expect(raisedPriority(STANDARD_SLA, from)).toBe(to);
  });
});

// --- summary for search attributes -------------------------------------------------------------------

describe('slaSummary', () => {
  const opened = openSla(STANDARD_SLA, null, 'P3', MONDAY_0800);

  it('gives the earliest running deadline: the first response, Monday 16:00', () => {
    expect(slaSummary(opened)).toEqual({ breached: false, nextDeadline: '2026-11-16T15:00:00.000Z' });
  });

  it('moves on to the escalation (Tuesday 10:00) once the first response is given', () => {
    const begun = slaAfter(opened, moment('Assigned'), moment('InProgress'), event(agent, { type: 'beginWork' }, cph('2026-11-16 09:00')));
    expect(slaSummary(begun)).toEqual({ breached: false, nextDeadline: '2026-11-17T09:00:00.000Z' });
  });

  it('says breached once any clock’s breach was raised, and keeps saying so after it stops', () => {
    const breached = markRaised(opened, { clock: 'firstResponse', kind: 'breach', at: new Date(cph('2026-11-16 16:00')) }, cph('2026-11-16 16:00'));
    expect(slaSummary(breached).breached).toBe(true);
    const answered = slaAfter(breached, moment('Assigned'), moment('InProgress'), event(agent, { type: 'beginWork' }, cph('2026-11-17 08:30')));
    expect(slaSummary(answered)).toEqual({ breached: true, nextDeadline: '2026-11-17T09:00:00.000Z' });
  });
});

// --- on call ----------------------------------------------------------------------------------------

describe('the on-call service', () => {
  const ON_CALL: SlaPolicy = { ...STANDARD_SLA, code: 'standard-oncall', onCall: { priorities: ['P1'], contact: 'oncall@example.com' } };
  const SATURDAY_1000 = cph('2026-11-21 10:00');

  it('takes a P1 opened on a Saturday: 24x7 clocks, first response due 15 minutes later', () => {
    const sla = openSla(ON_CALL, null, 'P1', SATURDAY_1000);
    expect(sla.onCall).toBe(true);
    expect(sla.calendar).toBe(ALWAYS_OPEN);
    expect(wall(deadlineOf(clock(sla, 'firstResponse'), sla.calendar))).toBe('Sat 2026-11-21 10:15 +01:00');
    expect(wall(deadlineOf(clock(sla, 'resolution'), sla.calendar))).toBe('Sat 2026-11-21 11:00 +01:00');
    // 75 % of 15 minutes is 11 min 15 s.
    expect(nextSlaEvent(sla)).toEqual({ clock: 'firstResponse', kind: 'warning', at: new Date('2026-11-21T09:11:15.000Z') });
  });

  it('stays 24x7 when the ticket is retargeted', () => {
    expect(retarget(openSla(ON_CALL, null, 'P1', SATURDAY_1000), ON_CALL, 'P2').calendar).toBe(ALWAYS_OPEN);
  });

  it('leaves a P3 opened on a Saturday to the office: first response due Monday 16:00', () => {
    const sla = openSla(ON_CALL, null, 'P3', SATURDAY_1000);
    expect(sla.onCall).toBe(false);
    expect(sla.calendar).toBe(DEFAULT_CALENDAR);
    expect(wall(deadlineOf(clock(sla, 'firstResponse'), sla.calendar))).toBe('Mon 2026-11-23 16:00 +01:00');
  });

  it('leaves a P1 opened in office hours to the office, and takes one opened on a weekday evening', () => {
    const office = openSla(ON_CALL, null, 'P1', cph('2026-11-23 10:00'));
    expect(office).toMatchObject({ onCall: false, calendar: DEFAULT_CALENDAR });
    expect(wall(deadlineOf(clock(office, 'firstResponse'), office.calendar))).toBe('Mon 2026-11-23 10:15 +01:00');
    expect(openSla(ON_CALL, null, 'P1', cph('2026-11-23 18:00'))).toMatchObject({ onCall: true, calendar: ALWAYS_OPEN });
  });

  it('is not there without an on-call option: a Saturday P1 waits for Monday 08:15', () => {
    const sla = openSla(STANDARD_SLA, null, 'P1', SATURDAY_1000);
    expect(sla.onCall).toBe(false);
    expect(wall(deadlineOf(clock(sla, 'firstResponse'), sla.calendar))).toBe('Mon 2026-11-23 08:15 +01:00');
  });
});

// --- journal lines -------------------------------------------------------------------------------------

describe('alertText for breaches', () => {
  const sla = openSla(STANDARD_SLA, null, 'P3', MONDAY_0800);

  it('names the clock, its target in business hours and when it passed', () => {
    expect(alertText(sla, { clock: 'resolution', kind: 'breach', at: new Date('2026-11-17T11:00:00.000Z') })).toBe(
      'SLA breached: resolution target of 12 business hours passed at 2026-11-17T11:00:00.000Z',
    );
    expect(alertText(sla, { clock: 'escalation', kind: 'breach', at: new Date('2026-11-17T09:00:00.000Z') })).toBe(
      'Escalation: still open after 10 business hours (escalate-after target, 2026-11-17T09:00:00.000Z)',
    );
    const p1 = openSla(STANDARD_SLA, null, 'P1', MONDAY_0800);
    expect(alertText(p1, { clock: 'firstResponse', kind: 'breach', at: new Date('2026-11-16T07:15:00.000Z') })).toBe(
      'SLA breached: first response target of 0.25 business hours passed at 2026-11-16T07:15:00.000Z',
    );
  });
});

describe('the README’s worked example', () => {
  // A P3 fault report by phone on Friday 2026-11-20 14:30; Pending on the user from Monday 10:00
  // until the reply on Tuesday 09:00.
  const opened = openSla(STANDARD_SLA, 'faultReport', 'P3', cph('2026-11-20 14:30'));

  it('puts the first response due Monday 11:30, warned at 75 % on Monday 10:30', () => {
    expect(wall(deadlineOf(clock(opened, 'firstResponse'), opened.calendar))).toBe('Mon 2026-11-23 11:30 +01:00');
    expect(wall(nextSlaEvent(opened)!.at)).toBe('Mon 2026-11-23 10:30 +01:00');
  });

  it('puts the resolution due Tuesday 11:30, and Wednesday 10:30 after waiting on the user', () => {
    expect(wall(deadlineOf(clock(opened, 'resolution'), opened.calendar))).toBe('Tue 2026-11-24 11:30 +01:00');
    const waited = live(opened, [
      [moment('New'), moment('Assigned'), event(agent, { type: 'assignToTeam', teamId: 't', teamName: 'BSS IT' }, cph('2026-11-23 08:05'))],
      [moment('Assigned'), moment('InProgress'), event(agent, { type: 'beginWork' }, cph('2026-11-23 08:10'))],
      [moment('InProgress'), moment('Pending'), event(agent, { type: 'setPending', reason: 'awaitingUser', text: 'Which printer?' }, cph('2026-11-23 10:00'))],
      [moment('Pending'), moment('InProgress', true), event(requester, { type: 'reply', text: 'The one by the door' }, cph('2026-11-24 09:00'))],
    ]);
    expect(elapsedMs(clock(waited, 'resolution'), waited.calendar, cph('2026-11-24 09:00'))).toBe(h(2.5));
    expect(wall(deadlineOf(clock(waited, 'resolution'), waited.calendar))).toBe('Wed 2026-11-25 10:30 +01:00');
  });
});
