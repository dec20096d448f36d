import { isCalendarDay, registeredMinutes, timeEntryText, validWorkedMinutes } from './time-units';

describe('time registration units (seed 003)', () => {
  it('rounds up to whole 15-minute units', () => {
    expect(registeredMinutes(1, 'remote')).toBe(15);
    expect(registeredMinutes(15, 'remote')).toBe(15);
    expect(registeredMinutes(16, 'phone')).toBe(30);
    expect(registeredMinutes(20, 'remote')).toBe(30);
    expect(registeredMinutes(90, 'travel')).toBe(90);
  });

  it('registers on-site work at least 60 minutes, and longer on-site work in units', () => {
    expect(registeredMinutes(45, 'onSite')).toBe(60);
    expect(registeredMinutes(5, 'onSite')).toBe(60);
    expect(registeredMinutes(61, 'onSite')).toBe(75);
  });

  it('accepts whole minutes from 1 to a day', () => {
    expect([1, 1440].every(validWorkedMinutes)).toBe(true);
    expect([0, -15, 1441, 2.5, '20', null].some(validWorkedMinutes)).toBe(false);
  });

  it('knows a calendar day', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-2-3')).toBe(false);
  });

  it('journals the rule when the registered time differs from the time worked', () => {
    expect(timeEntryText({ workedMinutes: 20, minutes: 30, activity: 'remote', billable: true, workedOn: '2026-11-30', note: 'driver' }))
      .toBe('Time registered: 30 min remote on 2026-11-30 (20 min worked; time is registered in 15-minute units, rounded up; on-site work at least 60 minutes), billable: driver');
    expect(timeEntryText({ workedMinutes: 30, minutes: 30, activity: 'phone', billable: false, workedOn: '2026-11-30' }))
      .toBe('Time registered: 30 min phone on 2026-11-30, not billable');
  });
});
