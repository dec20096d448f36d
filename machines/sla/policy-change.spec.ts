// A policy change on open tickets' clocks (issue 15, item 2). Expected instants worked out by hand:
// STANDARD_SLA runs Mon-Thu 08:00-16:00, Fri 08:00-15:00 Copenhagen (CET = UTC+01:00 in November);
// P3 resolution 12 business hours. 2026-11-16 is a Monday, 2026-11-17 a Tuesday, 2026-11-18 a Wednesday.
import { cph, h, wall } from '../../test/support/copenhagen-time';
import { markRaised, openSla, retarget, TicketSla } from './ticket-sla';
import { pauseClock } from './sla-clock';
import { SlaPolicy, STANDARD_SLA } from './sla-policy';
import { annulmentText, annulStaleAlerts, clockMoves } from './policy-change';

const withHoliday = (date: string): SlaPolicy => ({ ...STANDARD_SLA, version: 2, calendar: { ...STANDARD_SLA.calendar, holidays: { yearly: [], dates: [date] } } });
const withResolution = (ms: number): SlaPolicy => ({ ...STANDARD_SLA, version: 2, targets: { ...STANDARD_SLA.targets, P3: { ...STANDARD_SLA.targets.P3, resolutionMs: ms } } });

describe('a holiday added to the calendar', () => {
  // Opened Monday 10:00: 6 h that day, 6 h on Tuesday → resolution deadline Tuesday 14:00.
  const sla = openSla(STANDARD_SLA, null, 'P3', cph('2026-11-16 10:00'));

  it('moves a running deadline past the holiday by one business day', () => {
    const moves = clockMoves(sla, retarget(sla, withHoliday('2026-11-17'), 'P3'), cph('2026-11-16 11:00'));
    const resolution = moves.find((m) => m.clock === 'resolution')!;
    expect([wall(resolution.deadlineBefore), wall(resolution.deadlineAfter)]).toEqual(['Tue 2026-11-17 14:00 +01:00', 'Wed 2026-11-18 14:00 +01:00']);
    expect(resolution).toMatchObject({ targetMsBefore: h(12), targetMsAfter: h(12), breachedBefore: false, breachedAfter: false });
  });

  it('leaves a deadline before the holiday, and a paused clock, where they are', () => {
    // Every deadline is on Tuesday (first response 10:00, escalation 12:00, resolution 14:00): a holiday on Friday moves none.
    const later = clockMoves(sla, retarget(sla, withHoliday('2026-11-20'), 'P3'), cph('2026-11-16 11:00'));
    expect(later).toEqual([]);
    const paused = { ...sla, clocks: Object.fromEntries(Object.entries(sla.clocks).map(([n, c]) => [n, pauseClock(c!, cph('2026-11-16 11:00'), 'pending', 'Pending')])) } as TicketSla;
    expect(clockMoves(paused, retarget(paused, withHoliday('2026-11-17'), 'P3'), cph('2026-11-16 12:00'))).toEqual([]);
  });
});

describe('alerts the new policy no longer holds', () => {
  // Breached on Tuesday 14:00 (12 h); a new P3 target of 16 h puts the deadline at Wednesday 10:00.
  const breached = markRaised(openSla(STANDARD_SLA, null, 'P3', cph('2026-11-16 10:00')), { clock: 'resolution', kind: 'breach', at: new Date(cph('2026-11-17 14:00')) }, cph('2026-11-17 14:00'));

  it('annuls a breach the clock has not reached under the new target, with an audit line; a warning it has reached stays', () => {
    // Tuesday 15:00: 6 h + 7 h = 13 h run, under 16 h (no breach) but past 75 % of it, 12 h (warned).
    const { sla, annulled } = annulStaleAlerts(retarget(breached, withResolution(h(16)), 'P3'), cph('2026-11-17 15:00'));
    expect(sla.clocks.resolution).toMatchObject({ breachedAt: null, warnedAt: '2026-11-17T13:00:00.000Z', targetMs: h(16) });
    expect(annulled.map((a) => `${a.clock} ${a.kind}`)).toEqual(['resolution breach']);
    // Tuesday 11:00: 9 h run, under 12 h: the warning goes too.
    const early = annulStaleAlerts(retarget(breached, withResolution(h(16)), 'P3'), cph('2026-11-17 11:00'));
    expect(early.annulled.map((a) => `${a.clock} ${a.kind}`)).toEqual(['resolution breach', 'resolution warning']);
    expect(annulmentText(annulled)).toMatch(/^SLA breach of the resolution clock \(raised 2026-11-17T13:00:00.000Z\) annulled/);
  });

  it('keeps a breach the clock has passed under the new target too, and previews a breach a shorter target raises', () => {
    expect(annulStaleAlerts(retarget(breached, withResolution(h(13)), 'P3'), cph('2026-11-17 15:30')).annulled).toEqual([]);
    const fresh = openSla(STANDARD_SLA, null, 'P3', cph('2026-11-16 10:00'));
    const [moved] = clockMoves(fresh, retarget(fresh, withResolution(h(4)), 'P3'), cph('2026-11-16 15:00')).filter((m) => m.clock === 'resolution');
    expect(moved).toMatchObject({ breachedBefore: false, breachedAfter: true, targetMsAfter: h(4) });
    expect(wall(moved.deadlineAfter)).toBe('Mon 2026-11-16 14:00 +01:00');
  });
});
