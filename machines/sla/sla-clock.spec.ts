// SLA clocks as segments (issue "SLA engine", REQUIREMENTS 5). Every expected figure is worked out
// by hand from the calendars, not derived from the code under test:
// - DEFAULT_CALENDAR is seed 004's office: Mon-Thu 08:00-16:00, Fri 08:00-15:00, Copenhagen time;
// - ALWAYS_OPEN counts every millisecond;
// - in November 2026 Copenhagen is on winter time, CET = UTC+01:00, so 14:30 local is 13:30Z;
// - 2026-11-16 is a Monday, 2026-11-19 a Thursday, 2026-11-20 a Friday, 2026-11-23 a Monday.
import { cph, h, wall } from '../../test/support/copenhagen-time';
import { ALWAYS_OPEN, DEFAULT_CALENDAR } from '../calendar/business-calendar';
import {
  deadlineOf,
  elapsedMs,
  instantAtShare,
  isPaused,
  isRunning,
  metTarget,
  pauseClock,
  resumeClock,
  SlaClock,
  startClock,
  stopClock,
  viewClock,
} from './sla-clock';

describe('the test helpers', () => {
  it('read Copenhagen winter time as UTC+01:00', () => {
    expect(cph('2026-11-20 14:30')).toBe('2026-11-20T13:30:00.000Z');
    expect(wall(new Date('2026-11-23T10:30:00.000Z'))).toBe('Mon 2026-11-23 11:30 +01:00');
  });
});

// --- segments ---------------------------------------------------------------------------------

describe('the segments of a clock', () => {
  const opened = cph('2026-11-16 09:00');
  const paused = cph('2026-11-16 11:00');
  const resumed = cph('2026-11-16 15:00');
  const stopped = cph('2026-11-17 10:00');

  it('start with one running segment and nothing stopped, warned or breached', () => {
    expect(startClock('resolution', h(12), opened, 'opened', 'New')).toEqual({
      name: 'resolution',
      targetMs: h(12),
      segments: [{ state: 'running', from: opened, to: null, reason: 'opened', status: 'New' }],
      stoppedAt: null,
      stopReason: null,
      warnedAt: null,
      breachedAt: null,
    });
  });

  it('pause: the running segment ends where a paused one begins, with the reason and the status', () => {
    const clock = startClock('resolution', h(12), opened, 'opened', 'New');
    const pausedClock = pauseClock(clock, paused, 'pending: awaitingUser', 'Pending');

    expect(pausedClock.segments).toEqual([
      { state: 'running', from: opened, to: paused, reason: 'opened', status: 'New' },
      { state: 'paused', from: paused, to: null, reason: 'pending: awaitingUser', status: 'Pending' },
    ]);
    expect(isPaused(pausedClock)).toBe(true);
    expect(isRunning(pausedClock)).toBe(false);
    // Pure: the clock it was given is untouched.
    expect(clock.segments).toEqual([{ state: 'running', from: opened, to: null, reason: 'opened', status: 'New' }]);
    expect(isRunning(clock)).toBe(true);
  });

  it('pausing a paused clock is a no-op: the very same clock comes back', () => {
    const pausedClock = pauseClock(startClock('resolution', h(12), opened, 'opened', 'New'), paused, 'pending: awaitingUser', 'Pending');
    expect(pauseClock(pausedClock, resumed, 'pending: awaitingVendor', 'Pending')).toBe(pausedClock);
  });

  it('resume: the paused segment ends where a running one begins; resuming a running clock is a no-op', () => {
    const clock = startClock('resolution', h(12), opened, 'opened', 'New');
    expect(resumeClock(clock, paused, 'resume', 'InProgress')).toBe(clock);

    const again = resumeClock(pauseClock(clock, paused, 'pending: awaitingUser', 'Pending'), resumed, 'user replied', 'InProgress');
    expect(again.segments).toEqual([
      { state: 'running', from: opened, to: paused, reason: 'opened', status: 'New' },
      { state: 'paused', from: paused, to: resumed, reason: 'pending: awaitingUser', status: 'Pending' },
      { state: 'running', from: resumed, to: null, reason: 'user replied', status: 'InProgress' },
    ]);
    expect(isRunning(again)).toBe(true);
    expect(resumeClock(again, stopped, 'resume', 'InProgress')).toBe(again);
  });

  it('stop: the current segment ends, the clock records when and why, and it is neither running nor paused', () => {
    const clock = resumeClock(
      pauseClock(startClock('resolution', h(12), opened, 'opened', 'New'), paused, 'pending: awaitingUser', 'Pending'),
      resumed,
      'user replied',
      'InProgress',
    );
    const done = stopClock(clock, stopped, 'resolved');

    expect(done.stoppedAt).toBe(stopped);
    expect(done.stopReason).toBe('resolved');
    expect(done.segments.at(-1)).toEqual({ state: 'running', from: resumed, to: stopped, reason: 'user replied', status: 'InProgress' });
    expect(done.segments.every((segment) => segment.to !== null)).toBe(true);
    expect(isRunning(done)).toBe(false);
    expect(isPaused(done)).toBe(false);
  });

  it('stops a paused clock by closing its paused segment', () => {
    const done = stopClock(pauseClock(startClock('escalation', h(10), opened, 'opened', 'New'), paused, 'pending', 'Pending'), stopped, 'resolved');
    expect(done.segments).toEqual([
      { state: 'running', from: opened, to: paused, reason: 'opened', status: 'New' },
      { state: 'paused', from: paused, to: stopped, reason: 'pending', status: 'Pending' },
    ]);
  });

  it('ignores pause, resume and stop once stopped: the first stop stands', () => {
    const done = stopClock(startClock('firstResponse', h(8), opened, 'opened', 'New'), paused, 'beginWork');
    expect(pauseClock(done, resumed, 'pending', 'Pending')).toBe(done);
    expect(resumeClock(done, resumed, 'resume', 'InProgress')).toBe(done);
    expect(stopClock(done, stopped, 'closed')).toBe(done);
    expect(done).toMatchObject({ stoppedAt: paused, stopReason: 'beginWork' });
  });
});

// --- elapsed business time ---------------------------------------------------------------------

describe('elapsedMs', () => {
  // Running Mon 09:00-11:00, paused 11:00-15:00, running Mon 15:00 - Tue 09:00, paused Tue
  // 09:00-10:00, running again from Tue 10:00.
  const clock = [
    (c: SlaClock) => pauseClock(c, cph('2026-11-16 11:00'), 'pending: awaitingUser', 'Pending'),
    (c: SlaClock) => resumeClock(c, cph('2026-11-16 15:00'), 'user replied', 'InProgress'),
    (c: SlaClock) => pauseClock(c, cph('2026-11-17 09:00'), 'pending: awaitingVendor', 'Pending'),
    (c: SlaClock) => resumeClock(c, cph('2026-11-17 10:00'), 'resume', 'InProgress'),
  ].reduce((c, step) => step(c), startClock('resolution', h(12), cph('2026-11-16 09:00'), 'opened', 'New'));

  it('adds up the running segments in business hours, up to now for the current one', () => {
    // Mon 09-11 = 2 h; Mon 15-16 + Tue 08-09 = 2 h; Tue 10-12 = 2 h. The paused 4 h on Monday and
    // 1 h on Tuesday do not count.
    expect(elapsedMs(clock, DEFAULT_CALENDAR, cph('2026-11-17 12:00'))).toBe(h(6));
  });

  it('counts nothing of the current segment before it began, and only business hours after it', () => {
    expect(elapsedMs(clock, DEFAULT_CALENDAR, cph('2026-11-17 10:00'))).toBe(h(4));
    expect(elapsedMs(clock, DEFAULT_CALENDAR, cph('2026-11-17 09:30'))).toBe(h(4));
    // Tuesday evening: the current segment ran 10:00-16:00 = 6 h.
    expect(elapsedMs(clock, DEFAULT_CALENDAR, cph('2026-11-17 20:00'))).toBe(h(10));
  });

  it('counts every hour on a 24x7 calendar', () => {
    // Mon 09-11 = 2 h; Mon 15:00 - Tue 09:00 = 18 h; Tue 10-12 = 2 h.
    expect(elapsedMs(clock, ALWAYS_OPEN, cph('2026-11-17 12:00'))).toBe(h(22));
  });
});

// --- deadlines -----------------------------------------------------------------------------------

describe('deadlineOf and instantAtShare', () => {
  const faultReported = cph('2026-11-20 14:30'); // Friday

  it('puts a 4-hour target started Friday 14:30 on Monday 11:30 (issue "SLA engine", end to end)', () => {
    const clock = startClock('firstResponse', h(4), faultReported, 'opened', 'New');
    // Friday 14:30-15:00 is 0.5 h; the remaining 3.5 h run from Monday 08:00.
    expect(wall(deadlineOf(clock, DEFAULT_CALENDAR))).toBe('Mon 2026-11-23 11:30 +01:00');
    expect(deadlineOf(clock, DEFAULT_CALENDAR)!.toISOString()).toBe('2026-11-23T10:30:00.000Z');
  });

  it('puts the 75 % and 50 % marks of that target on Monday 10:30 and 09:30', () => {
    const clock = startClock('firstResponse', h(4), faultReported, 'opened', 'New');
    // 3 h = 0.5 h Friday + 2.5 h Monday; 2 h = 0.5 h Friday + 1.5 h Monday.
    expect(wall(instantAtShare(clock, DEFAULT_CALENDAR, 0.75))).toBe('Mon 2026-11-23 10:30 +01:00');
    expect(wall(instantAtShare(clock, DEFAULT_CALENDAR, 0.5))).toBe('Mon 2026-11-23 09:30 +01:00');
  });

  it('puts the same target on Friday 18:30 when the clock runs 24x7', () => {
    const clock = startClock('firstResponse', h(4), faultReported, 'opened', 'New');
    expect(deadlineOf(clock, ALWAYS_OPEN)!.toISOString()).toBe('2026-11-20T17:30:00.000Z');
  });

  it('computes the deadline from the current segment: what ran before, then the rest from the resume', () => {
    // 15 minutes run on Friday (14:30-14:45), paused, resumed Monday 09:00: 3 h 45 min left -> 12:45.
    const clock = resumeClock(
      pauseClock(startClock('resolution', h(4), faultReported, 'opened', 'New'), cph('2026-11-20 14:45'), 'pending: awaitingUser', 'Pending'),
      cph('2026-11-23 09:00'),
      'user replied',
      'InProgress',
    );
    expect(wall(deadlineOf(clock, DEFAULT_CALENDAR))).toBe('Mon 2026-11-23 12:45 +01:00');
  });

  it('has no deadline and no mark while paused or stopped', () => {
    const running = startClock('resolution', h(4), faultReported, 'opened', 'New');
    const paused = pauseClock(running, cph('2026-11-20 14:45'), 'pending: awaitingUser', 'Pending');
    const stopped = stopClock(running, cph('2026-11-20 14:45'), 'resolved');
    for (const clock of [paused, stopped]) {
      expect(deadlineOf(clock, DEFAULT_CALENDAR)).toBeNull();
      expect(instantAtShare(clock, DEFAULT_CALENDAR, 0.75)).toBeNull();
    }
  });

  it('moves the deadline of a clock paused over a weekend by the paused business time only', () => {
    // 4 h target started Thursday 14:00: Thu 14-16 is 2 h, so the deadline is Friday 10:00.
    const started = startClock('resolution', h(4), cph('2026-11-19 14:00'), 'opened', 'New');
    expect(wall(deadlineOf(started, DEFAULT_CALENDAR))).toBe('Fri 2026-11-20 10:00 +01:00');

    // Paused Friday 09:00 after 3 h (Thu 2 h + Fri 08-09 1 h), resumed Monday 09:00: 1 h left.
    const resumed = resumeClock(
      pauseClock(started, cph('2026-11-20 09:00'), 'pending: awaitingUser', 'Pending'),
      cph('2026-11-23 09:00'),
      'user replied',
      'InProgress',
    );
    expect(wall(deadlineOf(resumed, DEFAULT_CALENDAR))).toBe('Mon 2026-11-23 10:00 +01:00');
    // The pause held 7 business hours (Fri 09-15 = 6 h, Mon 08-09 = 1 h). Friday 10:00 + 7 business
    // hours is Fri 10-15 (5 h) + Mon 08-10 (2 h) = Monday 10:00: the weekend itself moved nothing.
    expect(elapsedMs(resumed, DEFAULT_CALENDAR, cph('2026-11-23 09:00'))).toBe(h(3));
  });

  it('puts a mark already passed before the current segment at the segment’s start', () => {
    // 4 h target from Monday 08:00, paused 11:30 after 3.5 h: the 75 % mark (3 h) passed at 11:00.
    const paused = pauseClock(startClock('resolution', h(4), cph('2026-11-16 08:00'), 'opened', 'New'), cph('2026-11-16 11:30'), 'pending', 'Pending');
    const resumed = resumeClock(paused, cph('2026-11-16 13:00'), 'resume', 'InProgress');
    expect(wall(instantAtShare(resumed, DEFAULT_CALENDAR, 0.75))).toBe('Mon 2026-11-16 13:00 +01:00');
    // The half hour left runs 13:00-13:30.
    expect(wall(deadlineOf(resumed, DEFAULT_CALENDAR))).toBe('Mon 2026-11-16 13:30 +01:00');

    // Resumed after hours: the passed mark is the resume instant, the deadline waits for Tuesday.
    const evening = resumeClock(paused, cph('2026-11-16 18:00'), 'resume', 'InProgress');
    expect(wall(instantAtShare(evening, DEFAULT_CALENDAR, 0.75))).toBe('Mon 2026-11-16 18:00 +01:00');
    expect(wall(deadlineOf(evening, DEFAULT_CALENDAR))).toBe('Tue 2026-11-17 08:30 +01:00');
  });
});

// --- met or not --------------------------------------------------------------------------------

describe('metTarget', () => {
  const start = cph('2026-11-16 08:00'); // Monday
  const fourHours = () => startClock('firstResponse', h(4), start, 'opened', 'New');

  it('is null while the clock runs or is paused', () => {
    expect(metTarget(fourHours(), DEFAULT_CALENDAR)).toBeNull();
    expect(metTarget(pauseClock(fourHours(), cph('2026-11-16 09:00'), 'pending', 'Pending'), DEFAULT_CALENDAR)).toBeNull();
  });

  it('is true when stopped exactly at the deadline, false a minute later', () => {
    expect(metTarget(stopClock(fourHours(), cph('2026-11-16 12:00'), 'beginWork'), DEFAULT_CALENDAR)).toBe(true);
    expect(metTarget(stopClock(fourHours(), cph('2026-11-16 12:01'), 'beginWork'), DEFAULT_CALENDAR)).toBe(false);
  });

  it('leaves paused time out: 2 h Monday, paused the rest of Monday, 2 h Tuesday is met', () => {
    const clock = resumeClock(pauseClock(fourHours(), cph('2026-11-16 10:00'), 'pending', 'Pending'), cph('2026-11-17 08:00'), 'resume', 'InProgress');
    expect(metTarget(stopClock(clock, cph('2026-11-17 10:00'), 'resolved'), DEFAULT_CALENDAR)).toBe(true);
    // Without the pause it would have run Mon 08-16 (8 h) + Tue 08-10 (2 h) = 10 h of 4: missed.
    expect(metTarget(stopClock(fourHours(), cph('2026-11-17 10:00'), 'resolved'), DEFAULT_CALENDAR)).toBe(false);
  });

  it('is false once a breach was raised, even if the clock stopped within its (later) target', () => {
    const raised: SlaClock = { ...fourHours(), breachedAt: cph('2026-11-16 09:00') };
    expect(metTarget(stopClock(raised, cph('2026-11-16 10:00'), 'resolved'), DEFAULT_CALENDAR)).toBe(false);
  });
});

// --- the ticket view -------------------------------------------------------------------------------

describe('viewClock', () => {
  const start = cph('2026-11-16 08:00'); // Monday
  const eightHours = () => startClock('firstResponse', h(8), start, 'opened', 'New');

  it('shows a running clock: elapsed and remaining add up to the target, with its deadline', () => {
    const clock = eightHours();
    expect(viewClock(clock, DEFAULT_CALENDAR, cph('2026-11-16 14:00'))).toEqual({
      name: 'firstResponse',
      state: 'running',
      targetMs: h(8),
      elapsedMs: h(6),
      remainingMs: h(2),
      // Monday 16:00 CET.
      deadline: '2026-11-16T15:00:00.000Z',
      warned: false,
      breached: false,
      met: null,
      stoppedAt: null,
      stopReason: null,
      segments: clock.segments,
    });
  });

  it('shows the warning once raised', () => {
    const warned = { ...eightHours(), warnedAt: cph('2026-11-16 14:00') };
    expect(viewClock(warned, DEFAULT_CALENDAR, cph('2026-11-16 14:30'))).toMatchObject({ warned: true, breached: false, elapsedMs: h(6.5) });
  });

  it('counts as breached once past the target, even before the breach was raised', () => {
    // Tuesday 09:00: 8 h Monday + 1 h Tuesday = 9 h of 8.
    const view = viewClock(eightHours(), DEFAULT_CALENDAR, cph('2026-11-17 09:00'));
    expect(view).toMatchObject({ state: 'running', elapsedMs: h(9), remainingMs: -h(1), breached: true, warned: false });
    expect(view.elapsedMs + view.remainingMs).toBe(view.targetMs);
    // At the deadline itself it is not breached yet.
    expect(viewClock(eightHours(), DEFAULT_CALENDAR, cph('2026-11-16 16:00')).breached).toBe(false);
  });

  it('freezes a paused clock: no deadline, the same elapsed time whenever it is looked at', () => {
    const paused = pauseClock(eightHours(), cph('2026-11-16 11:00'), 'pending: awaitingUser', 'Pending');
    for (const now of [cph('2026-11-16 12:00'), cph('2026-11-18 15:00')]) {
      expect(viewClock(paused, DEFAULT_CALENDAR, now)).toMatchObject({
        state: 'paused',
        elapsedMs: h(3),
        remainingMs: h(5),
        deadline: null,
        breached: false,
        met: null,
      });
    }
  });

  it('shows a stopped clock as it stood when it stopped, met or not', () => {
    const stopped = stopClock(eightHours(), cph('2026-11-16 09:30'), 'beginWork');
    expect(viewClock(stopped, DEFAULT_CALENDAR, cph('2026-11-20 12:00'))).toMatchObject({
      state: 'stopped',
      elapsedMs: h(1.5),
      remainingMs: h(6.5),
      deadline: null,
      met: true,
      breached: false,
      stoppedAt: cph('2026-11-16 09:30'),
      stopReason: 'beginWork',
    });
    // Stopped Tuesday 10:00 after 10 h: missed.
    const late = stopClock(eightHours(), cph('2026-11-17 10:00'), 'beginWork');
    expect(viewClock(late, DEFAULT_CALENDAR, cph('2026-11-20 12:00'))).toMatchObject({
      state: 'stopped',
      elapsedMs: h(10),
      remainingMs: -h(2),
      met: false,
      breached: true,
    });
  });
});
