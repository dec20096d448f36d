// Business-hours calendar (REQUIREMENTS 5, issue "SLA engine"). The expected instants are worked
// out by hand from the calendars and a wall calendar of 2026-2028 (2026-03-27 and 2026-10-23 are
// Fridays; Copenhagen springs forward on Sunday 2026-03-29 02:00 CET -> 03:00 CEST and falls back
// on Sunday 2026-10-25 03:00 CEST -> 02:00 CET), not derived from the code under test. Results are
// printed as Copenhagen wall time with weekday and offset so each vector reads like the reasoning.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addBusinessTime,
  afterBusinessDays,
  ALWAYS_OPEN,
  BusinessCalendar,
  businessTimeBetween,
  DANISH_FIXED_HOLIDAYS,
  DEFAULT_CALENDAR,
  InvalidCalendarError,
  isBusinessTime,
  nextBusinessStart,
  OpeningHours,
  validateCalendar,
  WEEKDAYS,
  WeeklyHours,
} from './business-calendar';

const ZONE = 'Europe/Copenhagen';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const h = (hours: number) => hours * HOUR;

/** Copenhagen wall time 'YYYY-MM-DD HH:mm' as a Date (never inside a DST gap in these tests). */
function cph(wallTime: string): Date {
  const parsed = DateTime.fromISO(wallTime.replace(' ', 'T'), { zone: ZONE });
  if (!parsed.isValid) throw new Error(`bad test time ${wallTime}`);
  return parsed.toJSDate();
}

/** A Date as Copenhagen wall time, e.g. 'Mon 2026-03-30 11:30 +02:00'. */
function wall(date: Date): string {
  return DateTime.fromJSDate(date, { zone: ZONE }).setLocale('en').toFormat('ccc yyyy-MM-dd HH:mm ZZ');
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

function everyDay(hours: OpeningHours[]): WeeklyHours {
  return { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours };
}

function weekdays(hours: OpeningHours[]): WeeklyHours {
  return { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] };
}

const DANISH: BusinessCalendar = { ...DEFAULT_CALENDAR, id: 'dk', holidays: { yearly: DANISH_FIXED_HOLIDAYS } };
// Easter 2026 as one-off dates: Maundy Thursday, Good Friday, Easter Monday (test data only).
const EASTER_2026: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  id: 'easter',
  holidays: { dates: ['2026-04-02', '2026-04-03', '2026-04-06'] },
};
const LUNCH: BusinessCalendar = {
  id: 'lunch',
  name: 'Weekdays with a lunch break',
  timeZone: ZONE,
  week: weekdays([['08:00', '12:00'], ['13:00', '16:00']]),
};
/** 24x7 expressed as wall-clock hours (unlike ALWAYS_OPEN it follows the local day). */
const ALL_DAY: BusinessCalendar = { id: 'all-day', name: 'All day', timeZone: ZONE, week: everyDay([['00:00', '24:00']]) };
/** Open across the DST switch times (01:00-04:00), to see the missing and repeated hour. */
const NIGHT: BusinessCalendar = { id: 'night', name: 'Night shift', timeZone: ZONE, week: everyDay([['01:00', '04:00']]) };

describe('the calendar constants', () => {
  it('are valid calendars', () => {
    expect(validateCalendar(DEFAULT_CALENDAR)).toEqual([]);
    expect(validateCalendar(ALWAYS_OPEN)).toEqual([]);
    expect(validateCalendar(DANISH)).toEqual([]);
  });

  it('are plain JSON (they travel in Temporal workflow inputs)', () => {
    for (const calendar of [DEFAULT_CALENDAR, ALWAYS_OPEN, DANISH]) {
      expect(JSON.parse(JSON.stringify(calendar))).toEqual(calendar);
    }
  });

  it('make seed 004 the default: Mon-Thu 08:00-16:00, Fri 08:00-15:00 in Copenhagen', () => {
    // A whole week Monday 00:00 to Monday 00:00: 4 x 8 h + 7 h = 39 h.
    expect(businessTimeBetween(DEFAULT_CALENDAR, cph('2026-03-09 00:00'), cph('2026-03-16 00:00'))).toBe(h(39));
  });
});

describe('addBusinessTime on the default calendar (seed 004)', () => {
  const vectors: Array<[why: string, start: string, hours: number, due: string]> = [
    // Friday closes at 15:00: 0.5 h on Friday, 3.5 h from Monday 08:00. This is also the spring-
    // forward weekend, so Monday is on summer time (+02:00).
    ['Friday 14:30 + 4 h fault report (DST weekend)', '2026-03-27 14:30', 4, 'Mon 2026-03-30 11:30 +02:00'],
    // The same on an ordinary weekend.
    ['Friday 14:30 + 4 h fault report', '2026-03-13 14:30', 4, 'Mon 2026-03-16 11:30 +01:00'],
    // Friday 14:00-15:00 is 1 h, the second hour is Monday 08:00-09:00.
    ['Friday 14:00 + 2 h', '2026-03-06 14:00', 2, 'Mon 2026-03-09 09:00 +01:00'],
    // Saturday: the clock waits for Monday 08:00.
    ['Saturday 10:00 + 1 h', '2026-03-07 10:00', 1, 'Mon 2026-03-09 09:00 +01:00'],
    // Sunday late evening: still Monday 08:00 + 1 h.
    ['Sunday 23:59 + 1 h', '2026-03-08 23:59', 1, 'Mon 2026-03-09 09:00 +01:00'],
    // Sunday: a full 8 h Monday.
    ['Sunday 12:00 + 8 h', '2026-03-08 12:00', 8, 'Mon 2026-03-09 16:00 +01:00'],
    // Before opening: counts from 08:00 the same day.
    ['Tuesday 06:15 + 2 h', '2026-03-10 06:15', 2, 'Tue 2026-03-10 10:00 +01:00'],
    // After closing: counts from 08:00 the next day.
    ['Tuesday 17:00 + 2 h', '2026-03-10 17:00', 2, 'Wed 2026-03-11 10:00 +01:00'],
    // Exactly at closing time the office is closed (closes are exclusive).
    ['Thursday 16:00 + 1 h', '2026-03-12 16:00', 1, 'Fri 2026-03-13 09:00 +01:00'],
    // A deadline that uses up the day exactly is due at closing time, not at the next opening.
    ['Thursday 15:00 + 1 h', '2026-03-12 15:00', 1, 'Thu 2026-03-12 16:00 +01:00'],
    ['Friday 08:00 + 7 h', '2026-03-13 08:00', 7, 'Fri 2026-03-13 15:00 +01:00'],
    // Minute precision inside a day.
    ['Wednesday 09:17 + 2.25 h', '2026-03-11 09:17', 2.25, 'Wed 2026-03-11 11:32 +01:00'],
  ];

  it.each(vectors)('%s', (_why, start, hours, due) => {
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph(start), h(hours)))).toBe(due);
  });

  it('gives the spring-forward example as an exact UTC instant too', () => {
    // Monday 11:30 CEST is 09:30 UTC.
    expect(addBusinessTime(DEFAULT_CALENDAR, '2026-03-27T14:30+01:00', h(4)).toISOString()).toBe('2026-03-30T09:30:00.000Z');
  });
});

describe('zero durations', () => {
  it('return the start itself when it is business time, to the millisecond', () => {
    const start = new Date('2026-03-10T09:17:42.123Z'); // Tuesday 10:17:42.123 Copenhagen
    expect(addBusinessTime(DEFAULT_CALENDAR, start, 0).getTime()).toBe(start.getTime());
    expect(nextBusinessStart(DEFAULT_CALENDAR, start).getTime()).toBe(start.getTime());
  });

  it('return the opening time when the start is exactly the opening time', () => {
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph('2026-03-10 08:00'), 0))).toBe('Tue 2026-03-10 08:00 +01:00');
  });

  it('return the next opening when the start is outside business hours', () => {
    // Saturday -> Monday 08:00; Friday at its 15:00 closing -> Monday 08:00; Thursday 16:00 -> Friday 08:00.
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph('2026-03-07 10:00'), 0))).toBe('Mon 2026-03-09 08:00 +01:00');
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph('2026-03-13 15:00'), 0))).toBe('Mon 2026-03-16 08:00 +01:00');
    expect(wall(nextBusinessStart(DEFAULT_CALENDAR, cph('2026-03-12 16:00')))).toBe('Fri 2026-03-13 08:00 +01:00');
  });

  it('on a 24x7 calendar return the start', () => {
    expect(addBusinessTime(ALWAYS_OPEN, '2026-03-08T03:00:00Z', 0).toISOString()).toBe('2026-03-08T03:00:00.000Z');
  });
});

describe('holidays', () => {
  it('skip yearly dates: Christmas Eve and Day 2026 are Thursday and Friday', () => {
    // Wednesday 15:00-16:00 is 1 h; Thu 24, Fri 25 closed, weekend; Monday 08:00 + 3 h.
    expect(wall(addBusinessTime(DANISH, cph('2026-12-23 15:00'), h(4)))).toBe('Mon 2026-12-28 11:00 +01:00');
  });

  it('skip yearly dates across the new year', () => {
    // Wednesday 14:00-16:00 is 2 h; Thu 31 Dec and Fri 1 Jan closed, weekend; Monday 08:00 + 6 h.
    expect(wall(addBusinessTime(DANISH, cph('2026-12-30 14:00'), h(8)))).toBe('Mon 2027-01-04 14:00 +01:00');
  });

  it('skip one-off dates, including a holiday on a Monday', () => {
    // Wednesday 15:00-16:00 is 1 h; Thu 2, Fri 3 (one-off), weekend, Mon 6 (one-off) closed;
    // Tuesday 08:00 + 3 h.
    expect(wall(addBusinessTime(EASTER_2026, cph('2026-04-01 15:00'), h(4)))).toBe('Tue 2026-04-07 11:00 +02:00');
    // Only Easter Monday as a holiday: Friday 14:00-15:00 is 1 h, Monday closed, Tuesday 08:00 + 1 h.
    const easterMonday: BusinessCalendar = { ...DEFAULT_CALENDAR, holidays: { dates: ['2026-04-06'] } };
    expect(wall(addBusinessTime(easterMonday, cph('2026-04-03 14:00'), h(2)))).toBe('Tue 2026-04-07 09:00 +02:00');
  });

  it('skip a yearly date that falls on a Monday (25 Dec 2028)', () => {
    // Friday 22 Dec 14:00-15:00 is 1 h; Monday 25 closed; Tuesday 08:00 + 1 h.
    const christmasOnly: BusinessCalendar = { ...DEFAULT_CALENDAR, holidays: { yearly: ['12-25'] } };
    expect(wall(addBusinessTime(christmasOnly, cph('2028-12-22 14:00'), h(2)))).toBe('Tue 2028-12-26 09:00 +01:00');
    // With the Danish list Boxing Day (Tuesday 26) is closed too.
    expect(wall(addBusinessTime(DANISH, cph('2028-12-22 14:00'), h(2)))).toBe('Wed 2028-12-27 09:00 +01:00');
  });

  it('are not business time and do not count in businessTimeBetween', () => {
    // Christmas Day 2026 is a Friday: open by default, closed with the Danish holidays.
    expect(isBusinessTime(DEFAULT_CALENDAR, cph('2026-12-25 10:00'))).toBe(true);
    expect(isBusinessTime(DANISH, cph('2026-12-25 10:00'))).toBe(false);
    // Christmas week Mon 21 - Mon 28: Mon, Tue, Wed 8 h each; Thu 24 and Fri 25 closed.
    expect(businessTimeBetween(DANISH, cph('2026-12-21 00:00'), cph('2026-12-28 00:00'))).toBe(h(24));
  });
});

describe('daylight saving time (Europe/Copenhagen)', () => {
  it('a 24x7 calendar counts real time: 23 h across the spring-forward night, 25 h across fall-back', () => {
    expect(businessTimeBetween(ALWAYS_OPEN, '2026-03-28T12:00+01:00', '2026-03-29T12:00+02:00')).toBe(h(23));
    expect(businessTimeBetween(ALWAYS_OPEN, '2026-10-24T12:00+02:00', '2026-10-25T12:00+01:00')).toBe(h(25));
    // 24 h of real time from Saturday noon ends at 13:00 summer time on Sunday.
    expect(wall(addBusinessTime(ALWAYS_OPEN, cph('2026-03-28 12:00'), h(24)))).toBe('Sun 2026-03-29 13:00 +02:00');
  });

  it('a wall-clock 00:00-24:00 day is 23 h on 29 March and 25 h on 25 October', () => {
    expect(businessTimeBetween(ALL_DAY, cph('2026-03-29 00:00'), cph('2026-03-30 00:00'))).toBe(h(23));
    expect(businessTimeBetween(ALL_DAY, cph('2026-10-25 00:00'), cph('2026-10-26 00:00'))).toBe(h(25));
    expect(businessTimeBetween(ALL_DAY, '2026-03-28T12:00+01:00', '2026-03-29T12:00+02:00')).toBe(h(23));
  });

  it('opening hours across the switch follow the wall clock', () => {
    // 01:00-04:00 on 29 March: 01:00-02:00 CET, the clock jumps to 03:00, 03:00-04:00 CEST = 2 h.
    expect(businessTimeBetween(NIGHT, cph('2026-03-29 00:00'), cph('2026-03-29 12:00'))).toBe(h(2));
    // 01:00-04:00 on 25 October: 01:00-03:00 CEST, back to 02:00, 02:00-04:00 CET = 4 h.
    expect(businessTimeBetween(NIGHT, cph('2026-10-25 00:00'), cph('2026-10-25 12:00'))).toBe(h(4));
    // The repeated 02:30 is business time both times the clock shows it.
    expect(isBusinessTime(NIGHT, '2026-10-25T02:30+02:00')).toBe(true);
    expect(isBusinessTime(NIGHT, '2026-10-25T02:30+01:00')).toBe(true);
    // From 01:30 CET: 30 min to the jump (02:00 CET = 03:00 CEST), 30 min more -> 03:30 CEST.
    expect(addBusinessTime(NIGHT, '2026-03-29T01:30+01:00', h(1)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('opening hours inside the missing hour do not exist that day', () => {
    // Open only Sundays 02:00-03:00: the hour is skipped on 29 March, so the next opening after
    // Saturday 28 March is Sunday 5 April 02:00 summer time.
    const missingHour: BusinessCalendar = { ...NIGHT, week: { ...everyDay([]), sun: [['02:00', '03:00']] } };
    expect(wall(nextBusinessStart(missingHour, cph('2026-03-28 12:00')))).toBe('Sun 2026-04-05 02:00 +02:00');
    expect(businessTimeBetween(missingHour, cph('2026-03-28 00:00'), cph('2026-03-30 00:00'))).toBe(0);
  });

  it('office hours across the DST weekends stay 08:00-16:00 local time', () => {
    // Friday 7 h (winter time) + Monday 8 h (summer time).
    expect(businessTimeBetween(DEFAULT_CALENDAR, cph('2026-03-27 08:00'), cph('2026-03-30 16:00'))).toBe(h(15));
    // Monday after spring-forward opens at 08:00 CEST = 06:00 UTC.
    expect(nextBusinessStart(DEFAULT_CALENDAR, '2026-03-29T12:00+02:00').toISOString()).toBe('2026-03-30T06:00:00.000Z');
    // Fall-back weekend: Friday 14:00-15:00 (summer time), Monday 08:00-09:00 (winter time).
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph('2026-10-23 14:00'), h(2)))).toBe('Mon 2026-10-26 09:00 +01:00');
    expect(addBusinessTime(DEFAULT_CALENDAR, cph('2026-10-23 14:00'), h(2)).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
});

describe('multi-week durations', () => {
  it('7 working days of 8 h from a Monday morning, Fridays being 7 h', () => {
    // 56 h: Mon-Thu 32 h, Fri 7 h (39), Mon 8 (47), Tue 8 (55), Wednesday 08:00 + 1 h.
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph('2026-03-02 08:00'), h(56)))).toBe('Wed 2026-03-11 09:00 +01:00');
  });

  it('7 working days across Easter', () => {
    // 56 h: Mon 30, Tue 31, Wed 1 (24 h); Thu 2, Fri 3, Mon 6 closed; Tue 7, Wed 8, Thu 9 (48 h);
    // Fri 10 7 h (55 h); Monday 13 April 08:00 + 1 h.
    expect(wall(addBusinessTime(EASTER_2026, cph('2026-03-30 08:00'), h(56)))).toBe('Mon 2026-04-13 09:00 +02:00');
  });

  it('three business weeks end on Friday at closing time', () => {
    // 3 x 39 h from Monday 4 May 08:00 uses up Friday 22 May exactly.
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph('2026-05-04 08:00'), h(117)))).toBe('Fri 2026-05-22 15:00 +02:00');
    expect(businessTimeBetween(DEFAULT_CALENDAR, cph('2026-05-04 00:00'), cph('2026-06-01 00:00'))).toBe(h(4 * 39));
  });

  it('a year of business time (52 x 39 h) crosses both DST switches', () => {
    // From Monday 5 Jan 2026 08:00, 52 weeks later is Monday 4 Jan 2027: week 52 ends Friday 1 Jan 15:00.
    expect(wall(addBusinessTime(DEFAULT_CALENDAR, cph('2026-01-05 08:00'), h(52 * 39)))).toBe('Fri 2027-01-01 15:00 +01:00');
  });
});

describe('several intervals per day (lunch break 12:00-13:00)', () => {
  it('skips the lunch break', () => {
    // 11:30-12:00 is 30 min, 13:00-13:30 the other 30 min.
    expect(wall(addBusinessTime(LUNCH, cph('2026-03-10 11:30'), h(1)))).toBe('Tue 2026-03-10 13:30 +01:00');
    // Using up the morning exactly ends at 12:00.
    expect(wall(addBusinessTime(LUNCH, cph('2026-03-10 11:00'), h(1)))).toBe('Tue 2026-03-10 12:00 +01:00');
    // A start during lunch counts from 13:00.
    expect(wall(addBusinessTime(LUNCH, cph('2026-03-10 12:15'), 0))).toBe('Tue 2026-03-10 13:00 +01:00');
    // Friday 15:30-16:00 then Monday 08:00-08:30.
    expect(wall(addBusinessTime(LUNCH, cph('2026-03-13 15:30'), h(1)))).toBe('Mon 2026-03-16 08:30 +01:00');
  });

  it('is closed during lunch, open at 13:00 sharp', () => {
    expect(isBusinessTime(LUNCH, cph('2026-03-10 11:59'))).toBe(true);
    expect(isBusinessTime(LUNCH, cph('2026-03-10 12:00'))).toBe(false);
    expect(isBusinessTime(LUNCH, cph('2026-03-10 12:30'))).toBe(false);
    expect(isBusinessTime(LUNCH, cph('2026-03-10 13:00'))).toBe(true);
  });

  it('counts 7 h a day and 35 h a week', () => {
    expect(businessTimeBetween(LUNCH, cph('2026-03-10 11:00'), cph('2026-03-10 14:00'))).toBe(h(2));
    expect(businessTimeBetween(LUNCH, cph('2026-03-09 00:00'), cph('2026-03-16 00:00'))).toBe(h(35));
  });

  it('does not depend on the order the intervals are listed in', () => {
    const reversed: BusinessCalendar = { ...LUNCH, week: weekdays([['13:00', '16:00'], ['08:00', '12:00']]) };
    expect(wall(addBusinessTime(reversed, cph('2026-03-10 11:30'), h(1)))).toBe('Tue 2026-03-10 13:30 +01:00');
  });

  it('treats touching intervals as one stretch', () => {
    const touching: BusinessCalendar = { ...LUNCH, week: weekdays([['08:00', '12:00'], ['12:00', '16:00']]) };
    expect(wall(addBusinessTime(touching, cph('2026-03-10 11:30'), h(1)))).toBe('Tue 2026-03-10 12:30 +01:00');
  });
});

describe('businessTimeBetween on the default calendar', () => {
  const vectors: Array<[why: string, from: string, to: string, hours: number]> = [
    // Friday 14:00-15:00 and Monday 08:00-10:00.
    ['Friday afternoon to Monday morning', '2026-03-06 14:00', '2026-03-09 10:00', 3],
    // The whole span lies in the weekend.
    ['Saturday to Sunday', '2026-03-07 10:00', '2026-03-08 18:00', 0],
    // Thursday evening to Friday before opening: all outside hours.
    ['Thursday 17:00 to Friday 07:00', '2026-03-12 17:00', '2026-03-13 07:00', 0],
    // From a weekend to Tuesday before opening: all of Monday.
    ['Saturday to Tuesday 06:00', '2026-03-07 10:00', '2026-03-10 06:00', 8],
    // Both ends outside hours on the same day: the whole day.
    ['Tuesday 06:00 to 20:00', '2026-03-10 06:00', '2026-03-10 20:00', 8],
    // Both ends inside hours.
    ['Tuesday 09:15 to 10:45', '2026-03-10 09:15', '2026-03-10 10:45', 1.5],
    // Inside to outside: Thursday 15:00-16:00 and all of Friday (7 h).
    ['Thursday 15:00 to Saturday', '2026-03-12 15:00', '2026-03-14 09:00', 8],
    // Across two weekends: Fri 1 h, week 39 h, Mon 2 h.
    ['Friday to Monday-after-next', '2026-03-06 14:00', '2026-03-16 10:00', 42],
  ];

  it.each(vectors)('%s', (_why, from, to, hours) => {
    expect(businessTimeBetween(DEFAULT_CALENDAR, cph(from), cph(to))).toBe(h(hours));
  });

  it('is 0 when to is not after from', () => {
    expect(businessTimeBetween(DEFAULT_CALENDAR, cph('2026-03-10 10:00'), cph('2026-03-10 10:00'))).toBe(0);
    expect(businessTimeBetween(DEFAULT_CALENDAR, cph('2026-03-10 12:00'), cph('2026-03-10 10:00'))).toBe(0);
  });
});

describe('inputs', () => {
  it('accepts Dates and ISO strings with Z or an offset', () => {
    const viaDate = addBusinessTime(DEFAULT_CALENDAR, new Date('2026-03-10T09:00:00Z'), h(1));
    expect(addBusinessTime(DEFAULT_CALENDAR, '2026-03-10T09:00:00Z', h(1))).toEqual(viaDate);
    expect(addBusinessTime(DEFAULT_CALENDAR, '2026-03-10T10:00+01:00', h(1))).toEqual(viaDate);
    expect(viaDate.toISOString()).toBe('2026-03-10T10:00:00.000Z');
  });

  it('rejects strings without an offset (their zone would be a guess) and nonsense', () => {
    expect(() => addBusinessTime(DEFAULT_CALENDAR, '2026-03-10T10:00', 0)).toThrow(RangeError);
    expect(() => isBusinessTime(DEFAULT_CALENDAR, 'tomorrow')).toThrow(RangeError);
    expect(() => isBusinessTime(DEFAULT_CALENDAR, new Date(Number.NaN))).toThrow(RangeError);
    // The shape toISOString writes, with a date that does not exist: not rolled over into March.
    expect(() => isBusinessTime(DEFAULT_CALENDAR, '2026-02-30T10:00:00.000Z')).toThrow(RangeError);
  });

  it('answers the same from its caches: an equal calendar object, the same instant as Date and as string', () => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_CALENDAR)) as BusinessCalendar;
    // Across the autumn DST change in Copenhagen (Sun 2026-10-25), asked twice in each form: one
    // hour on Friday (14:00-15:00 CEST), two on Monday (08:00-10:00 CET).
    for (let i = 0; i < 2; i++) {
      expect(addBusinessTime(copy, '2026-10-23T12:00:00.000Z', h(3)).toISOString()).toBe('2026-10-26T09:00:00.000Z');
      expect(addBusinessTime(DEFAULT_CALENDAR, new Date('2026-10-23T12:00:00.000Z'), h(3)).toISOString()).toBe('2026-10-26T09:00:00.000Z');
    }
  });

  it('rejects negative and non-finite durations', () => {
    expect(() => addBusinessTime(DEFAULT_CALENDAR, '2026-03-10T10:00Z', -1)).toThrow(RangeError);
    expect(() => addBusinessTime(DEFAULT_CALENDAR, '2026-03-10T10:00Z', Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessTime(DEFAULT_CALENDAR, '2026-03-10T10:00Z', Infinity)).toThrow(RangeError);
  });

  it('refuses invalid calendars with the list of problems', () => {
    const broken = { ...DEFAULT_CALENDAR, timeZone: 'Europe/Atlantis' };
    expect(() => addBusinessTime(broken, '2026-03-10T10:00Z', 0)).toThrow(InvalidCalendarError);
    const error = thrownBy(() => businessTimeBetween(broken, '2026-03-10T10:00Z', '2026-03-11T10:00Z'));
    expect(error).toBeInstanceOf(InvalidCalendarError);
    expect((error as InvalidCalendarError).problems).toEqual(["timeZone 'Europe/Atlantis' is not a known IANA time zone"]);
  });

  it('stops walking after 3660 days without any business time', () => {
    // Open only on Mondays, and every Monday for eleven years is a one-off holiday.
    const mondays = Array.from({ length: 11 * 53 }, (_, week) => new Date(Date.UTC(2026, 0, 5) + week * 7 * DAY).toISOString().slice(0, 10));
    const neverOpen: BusinessCalendar = {
      ...DEFAULT_CALENDAR,
      week: { ...everyDay([]), mon: [['08:00', '16:00']] },
      holidays: { dates: mondays },
    };
    expect(validateCalendar(neverOpen)).toEqual([]);
    expect(() => addBusinessTime(neverOpen, '2026-01-01T00:00Z', h(1))).toThrow(/no business time within 3660 days/);
  });
});

describe('validateCalendar', () => {
  const base = { id: 'c', name: 'C', timeZone: ZONE, week: weekdays([['08:00', '16:00']]) };

  it('accepts a calendar with minute-precision intervals, 24:00 closings and holidays', () => {
    const fine = { ...base, week: { ...base.week, sat: [['09:30', '12:45'], ['22:00', '24:00']] }, holidays: { yearly: ['02-29', '12-25'], dates: ['2026-04-02'] } };
    expect(validateCalendar(fine)).toEqual([]);
  });

  it('reports an unknown time zone', () => {
    expect(validateCalendar({ ...base, timeZone: 'Mars/Olympus_Mons' })).toEqual(["timeZone 'Mars/Olympus_Mons' is not a known IANA time zone"]);
    expect(validateCalendar({ ...base, timeZone: undefined })).toEqual(['timeZone must be an IANA time zone name']);
  });

  it('reports malformed HH:MM times', () => {
    const week = { ...base.week, mon: [['8:00', '16:00']], tue: [['08:00', '16:60']], wed: [['24:00', '24:00']], thu: [['08:00', '24:01']] };
    expect(validateCalendar({ ...base, week })).toEqual([
      'week.mon[0] opens at "8:00", expected HH:MM (00:00-23:59)',
      'week.tue[0] closes at "16:60", expected HH:MM (00:00-24:00)',
      'week.wed[0] opens at "24:00", expected HH:MM (00:00-23:59)',
      'week.thu[0] closes at "24:01", expected HH:MM (00:00-24:00)',
    ]);
  });

  it('reports intervals that are not pairs', () => {
    const week = { ...base.week, mon: [['08:00']], tue: 'closed' };
    expect(validateCalendar({ ...base, week })).toEqual([
      "week.mon[0] must be a pair ['HH:MM', 'HH:MM']",
      "week.tue must be a list of ['HH:MM', 'HH:MM'] pairs",
    ]);
  });

  it('reports reversed and empty intervals (a night shift is two intervals)', () => {
    const week = { ...base.week, mon: [['22:00', '06:00']], tue: [['08:00', '08:00']] };
    expect(validateCalendar({ ...base, week })).toEqual([
      'week.mon[0] 22:00-06:00 is reversed or empty (an interval cannot cross midnight)',
      'week.tue[0] 08:00-08:00 is reversed or empty (an interval cannot cross midnight)',
    ]);
  });

  it('reports overlapping intervals but not touching ones', () => {
    const week = { ...base.week, mon: [['13:00', '16:00'], ['08:00', '13:30']], tue: [['08:00', '12:00'], ['12:00', '16:00']] };
    expect(validateCalendar({ ...base, week })).toEqual(['week.mon[0] 13:00-16:00 overlaps week.mon[1] 08:00-13:30']);
  });

  it('reports a calendar that is never open unless it is 24x7', () => {
    expect(validateCalendar({ ...base, week: everyDay([]) })).toEqual([
      'the calendar is never open (give opening hours, or set alwaysOpen: true for 24x7)',
    ]);
    expect(validateCalendar({ ...base, week: undefined })).toEqual([
      'week must map mon..sun to lists of opening hours (or set alwaysOpen: true)',
    ]);
    expect(validateCalendar({ id: 'x', name: 'X', timeZone: 'UTC', alwaysOpen: true })).toEqual([]);
  });

  it('reports missing and unknown weekdays', () => {
    const { sun: _sunday, ...sixDays } = base.week;
    expect(validateCalendar({ ...base, week: { ...sixDays, funday: [] } })).toEqual([
      'week.funday is not a weekday (use mon, tue, wed, thu, fri, sat, sun)',
      'week.sun is missing (use [] for a closed day)',
    ]);
  });

  it('reports malformed holidays', () => {
    const holidays = { yearly: ['02-30', '1225', 12], dates: ['2026-4-2', '2026-02-29'] };
    expect(validateCalendar({ ...base, holidays })).toEqual([
      'holidays.yearly[0] "02-30" is not a MM-DD date',
      'holidays.yearly[1] "1225" is not a MM-DD date',
      'holidays.yearly[2] 12 is not a MM-DD date',
      'holidays.dates[0] "2026-4-2" is not a YYYY-MM-DD date',
      'holidays.dates[1] "2026-02-29" is not a YYYY-MM-DD date',
    ]);
    expect(validateCalendar({ ...base, holidays: ['12-25'] })).toEqual(['holidays must be { yearly: [MM-DD...], dates: [YYYY-MM-DD...] }']);
  });

  it('reports week or holidays on a 24x7 calendar, where they would be silently ignored', () => {
    expect(validateCalendar({ ...ALWAYS_OPEN, holidays: { yearly: ['12-25'] } })).toEqual([
      'holidays has no effect on an alwaysOpen (24x7) calendar; remove it',
    ]);
    expect(validateCalendar({ ...ALWAYS_OPEN, week: base.week })).toEqual(['week has no effect on an alwaysOpen (24x7) calendar; remove it']);
  });

  it('reports missing identity and non-objects', () => {
    expect(validateCalendar({ ...base, id: '', name: undefined })).toEqual(['id must be a non-empty string', 'name must be a non-empty string']);
    expect(validateCalendar(null)).toEqual(['a calendar must be an object']);
    expect(validateCalendar([base])).toEqual(['a calendar must be an object']);
    expect(validateCalendar({ ...base, alwaysOpen: 'yes' })).toEqual(['alwaysOpen must be true or false']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. Starts anywhere in 2026-2027 (so walks cross both DST switches and the holidays).

const START_2026 = Date.UTC(2026, 0, 1);
const END_2027 = Date.UTC(2028, 0, 1) - 1;
const anyInstant = fc.integer({ min: START_2026, max: END_2027 });
const upToSixWeeks = fc.integer({ min: 0, max: 6 * 7 * DAY });
const RUNS = { numRuns: 200 };

const PROPERTY_CALENDARS: Array<[string, BusinessCalendar]> = [
  ['the default calendar', DEFAULT_CALENDAR],
  ['a lunch-break calendar with Danish holidays', { ...LUNCH, holidays: { yearly: DANISH_FIXED_HOLIDAYS } }],
  ['24x7', ALWAYS_OPEN],
  ['a night calendar across the DST switch times', NIGHT],
];

describe.each(PROPERTY_CALENDARS)('properties of %s', (_name, calendar) => {
  it('businessTimeBetween(start, addBusinessTime(start, d)) === d', () => {
    fc.assert(
      fc.property(anyInstant, upToSixWeeks, (start, duration) => {
        const due = addBusinessTime(calendar, new Date(start), duration);
        return due.getTime() >= start && businessTimeBetween(calendar, new Date(start), due) === duration;
      }),
      RUNS,
    );
  });

  it('addBusinessTime is monotonic in the duration', () => {
    fc.assert(
      fc.property(anyInstant, upToSixWeeks, upToSixWeeks, (start, d1, d2) => {
        const [shorter, longer] = d1 <= d2 ? [d1, d2] : [d2, d1];
        return addBusinessTime(calendar, new Date(start), shorter) <= addBusinessTime(calendar, new Date(start), longer);
      }),
      RUNS,
    );
  });

  it('businessTimeBetween is additive', () => {
    const threeInstants = fc.tuple(anyInstant, fc.integer({ min: 0, max: 6 * 7 * DAY }), fc.integer({ min: 0, max: 6 * 7 * DAY }));
    fc.assert(
      fc.property(threeInstants, ([a, ab, bc]) => {
        const [from, middle, to] = [new Date(a), new Date(a + ab), new Date(a + ab + bc)];
        return businessTimeBetween(calendar, from, middle) + businessTimeBetween(calendar, middle, to) === businessTimeBetween(calendar, from, to);
      }),
      RUNS,
    );
  });

  it('nextBusinessStart is the first business instant (isBusinessTime agrees with the walk)', () => {
    fc.assert(
      fc.property(anyInstant, (instant) => {
        const next = nextBusinessStart(calendar, new Date(instant));
        const isOpen = isBusinessTime(calendar, new Date(instant));
        return (
          isBusinessTime(calendar, next) &&
          businessTimeBetween(calendar, new Date(instant), next) === 0 &&
          isOpen === (next.getTime() === instant) &&
          (isOpen || !isBusinessTime(calendar, new Date(next.getTime() - 1)))
        );
      }),
      RUNS,
    );
  });
});

/**
 * A deliberately naive second opinion: read each minute's wall clock through luxon and check it
 * against the opening hours. Used only on short spans (it is minute by minute).
 */
function openMinutesByWallClock(calendar: BusinessCalendar, from: number, minutes: number): number {
  let open = 0;
  for (let minute = 0; minute < minutes; minute++) {
    const local = DateTime.fromMillis(from + minute * MINUTE, { zone: calendar.timeZone });
    const holiday = calendar.holidays?.dates?.includes(local.toISODate()!) || calendar.holidays?.yearly?.includes(local.toFormat('MM-dd'));
    const clock = local.toFormat('HH:mm');
    const hours = calendar.week![WEEKDAYS[local.weekday - 1]];
    if (!holiday && hours.some(([opens, closes]) => opens <= clock && clock < closes)) open++;
  }
  return open;
}

describe('agreement with a minute-by-minute wall-clock reading around the DST weekends', () => {
  // Three-day windows starting on whole minutes within a week of either switch.
  const nearSwitch = fc.oneof(
    fc.integer({ min: Date.UTC(2026, 2, 24) / MINUTE, max: Date.UTC(2026, 3, 1) / MINUTE }),
    fc.integer({ min: Date.UTC(2026, 9, 20) / MINUTE, max: Date.UTC(2026, 9, 28) / MINUTE }),
  );
  const calendars: Array<[string, BusinessCalendar]> = [
    ['night hours', NIGHT],
    ['lunch break with Danish holidays', { ...LUNCH, holidays: { yearly: DANISH_FIXED_HOLIDAYS } }],
    ['Easter 2026', EASTER_2026],
    ['all day', ALL_DAY],
  ];

  it.each(calendars)('%s', (_name, calendar) => {
    fc.assert(
      fc.property(nearSwitch, fc.integer({ min: 0, max: 3 * 24 * 60 }), (startMinute, minutes) => {
        const from = startMinute * MINUTE;
        const expected = openMinutesByWallClock(calendar, from, minutes) * MINUTE;
        return businessTimeBetween(calendar, new Date(from), new Date(from + minutes * MINUTE)) === expected;
      }),
      { numRuns: 40 },
    );
  });
});

describe('afterBusinessDays (the pending policy, seed 002)', () => {
  it('falls at the opening after the whole business days passed since the start’s day', () => {
    // Monday 2026-03-02 10:00: Tuesday, Wednesday and Thursday pass; Friday opens at 08:00.
    expect(wall(afterBusinessDays(DEFAULT_CALENDAR, cph('2026-03-02 10:00'), 3))).toBe('Fri 2026-03-06 08:00 +01:00');
    // Seven business days over a weekend: Tue..Fri, Mon..Wed pass; Thursday opens.
    expect(wall(afterBusinessDays(DEFAULT_CALENDAR, cph('2026-03-02 10:00'), 7))).toBe('Thu 2026-03-12 08:00 +01:00');
    // Set Pending on a Saturday: Monday, Tuesday, Wednesday pass.
    expect(wall(afterBusinessDays(DEFAULT_CALENDAR, cph('2026-03-07 11:00'), 3))).toBe('Thu 2026-03-12 08:00 +01:00');
    // Zero days: the next business day's opening, never the same day.
    expect(wall(afterBusinessDays(DEFAULT_CALENDAR, cph('2026-03-02 07:00'), 0))).toBe('Tue 2026-03-03 08:00 +01:00');
  });

  it('skips holidays and counts 24-hour days on a 24x7 calendar', () => {
    const christmas: BusinessCalendar = { ...DEFAULT_CALENDAR, holidays: { yearly: DANISH_FIXED_HOLIDAYS } };
    // Mon 2026-12-21: Tue 22 and Wed 23 pass; 24-26 are holidays, so Monday 28 passes third; Tuesday 29 opens.
    expect(wall(afterBusinessDays(christmas, cph('2026-12-21 09:00'), 3))).toBe('Tue 2026-12-29 08:00 +01:00');
    expect(afterBusinessDays(ALWAYS_OPEN, '2026-03-02T10:00:00Z', 7).toISOString()).toBe('2026-03-09T10:00:00.000Z');
    expect(() => afterBusinessDays(DEFAULT_CALENDAR, '2026-03-02T10:00:00Z', -1)).toThrow(RangeError);
  });
});
