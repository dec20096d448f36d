// Business-hours calendars for the SLA engine (REQUIREMENTS 5, issue "SLA engine"): SLA clocks
// run in the business hours of a calendar (weekly opening hours, holidays, an IANA time zone) or
// around the clock (24x7).
//
// Pure and deterministic so that it runs inside Temporal's workflow sandbox: no clock reads, no
// randomness, no system time zone. Every instant is milliseconds since the epoch; local wall
// time is derived from the calendar's own zone only.
//
// Meaning of "business time": an instant is business time when, in the calendar's zone, its
// local date is not a holiday and its local time of day lies inside one of that weekday's
// opening hours (opens inclusive, closes exclusive). This is plain wall-clock reading, so on
// the spring-forward night the missing hour is never business time, and on the fall-back night
// the repeated hour is business time both times the clock shows it.

import { DateTime, IANAZone } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times 'HH:MM'; closes may be '24:00' (the end of the day). */
export type OpeningHours = readonly [opens: string, closes: string];

export type WeeklyHours = Readonly<Record<Weekday, readonly OpeningHours[]>>;

export interface CalendarHolidays {
  /** 'MM-DD', closed every year on that date (e.g. '12-25'). */
  readonly yearly?: readonly string[];
  /** 'YYYY-MM-DD', closed on that one date (e.g. '2026-04-02'). */
  readonly dates?: readonly string[];
}

/** Plain JSON data: calendars travel in Temporal workflow inputs and in configuration. */
export interface BusinessCalendar {
  readonly id: string;
  readonly name: string;
  /** IANA zone in which the opening hours and holidays are read, e.g. 'Europe/Copenhagen'. */
  readonly timeZone: string;
  /** Opening hours per weekday; an empty list is a closed day. Omitted for 24x7 calendars. */
  readonly week?: WeeklyHours;
  readonly holidays?: CalendarHolidays;
  /** 24x7: every instant is business time (then week and holidays must be absent). */
  readonly alwaysOpen?: boolean;
}

/** An instant: a Date or an ISO 8601 string with an explicit offset or 'Z'. */
export type Instant = Date | string;

/** Seed 004's office hours: Mon-Thu 08:00-16:00, Fri 08:00-15:00, Copenhagen time. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  id: 'default',
  name: 'Office hours (seed 004)',
  timeZone: 'Europe/Copenhagen',
  week: {
    mon: [['08:00', '16:00']],
    tue: [['08:00', '16:00']],
    wed: [['08:00', '16:00']],
    thu: [['08:00', '16:00']],
    fri: [['08:00', '15:00']],
    sat: [],
    sun: [],
  },
  holidays: { yearly: [], dates: [] },
};

/** 24x7: for SLAs with round-the-clock service. The zone only matters for display. */
export const ALWAYS_OPEN: BusinessCalendar = {
  id: '24x7',
  name: 'Always open (24x7)',
  timeZone: 'UTC',
  alwaysOpen: true,
};

/**
 * Danish holidays on fixed dates, as an example for `holidays.yearly`: New Year's Day, Christmas
 * Eve, Christmas Day, Boxing Day, New Year's Eve (the last two "eves" are customary, not legal,
 * days off). The moveable feasts (Easter, Ascension, Whitsun) differ every year and belong in
 * `holidays.dates`; so does Constitution Day (06-05) where a contract grants it.
 */
export const DANISH_FIXED_HOLIDAYS: readonly string[] = ['01-01', '12-24', '12-25', '12-26', '12-31'];

/** Thrown when a function is given a calendar that `validateCalendar` rejects. */
export class InvalidCalendarError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid business calendar: ${problems.join('; ')}`);
    this.name = 'InvalidCalendarError';
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Guard against endless walks: ten years without any open time means the calendar is broken. */
const MAX_CLOSED_DAYS = 3660;
/** Zone offsets lie within -12h..+14h, so these margins around a local day bracket its instants. */
const OFFSET_MARGIN = 15 * HOUR;

// ---------------------------------------------------------------------------------------------
// Public functions

/**
 * The instant at which `durationMs` of business time has elapsed, counting from `start`. A start
 * outside business hours counts from the next opening. A deadline that falls exactly on a
 * closing time is that closing time (not the next opening). Duration 0 gives `start` when it is
 * business time, else the next opening.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: Instant, durationMs: number): Date {
  assertDuration(durationMs);
  let remaining = durationMs;
  for (const period of businessPeriodsFrom(compile(calendar), toMillis(start))) {
    const length = period.end - period.start;
    if (remaining <= length) return new Date(period.start + remaining);
    remaining -= length;
  }
  throw new Error('unreachable: business periods never run out');
}

/** Business time (ms) elapsed between two instants; 0 when `to` is not after `from`. */
export function businessTimeBetween(calendar: BusinessCalendar, from: Instant, to: Instant): number {
  const compiled = compile(calendar);
  const fromMs = toMillis(from);
  const toMs = toMillis(to);
  let elapsed = 0;
  if (toMs <= fromMs) return elapsed;
  for (const period of businessPeriodsFrom(compiled, fromMs)) {
    if (period.start >= toMs) return elapsed;
    if (period.end >= toMs) return elapsed + (toMs - period.start);
    elapsed += period.end - period.start;
  }
  throw new Error('unreachable: business periods never run out');
}

/**
 * The opening after `days` whole business days have passed since the day of `start`: "remind
 * after 3 business days" set Pending on a Monday falls at Friday's opening (Tuesday, Wednesday and
 * Thursday passed). Never at night or on a closed day. A 24x7 calendar counts `days` × 24 hours.
 */
export function afterBusinessDays(calendar: BusinessCalendar, start: Instant, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`business days must be a whole number >= 0, got ${days}`);
  const compiled = compile(calendar);
  const startMs = toMillis(start);
  if (compiled.alwaysOpen) return new Date(startMs + days * DAY);
  const dayOf = (ms: number) => Math.floor(wallClock(compiled.zone, ms) / DAY);
  let lastDay = dayOf(startMs);
  let passed = 0;
  for (const period of businessPeriodsFrom(compiled, startMs)) {
    const day = dayOf(period.start);
    if (day === lastDay) continue;
    if (passed === days) return new Date(period.start);
    passed += 1;
    lastDay = day;
  }
  throw new Error('unreachable: business periods never run out');
}

/** Whether the calendar is open at `instant` (opening times inclusive, closing times exclusive). */
export function isBusinessTime(calendar: BusinessCalendar, instant: Instant): boolean {
  const compiled = compile(calendar);
  if (compiled.alwaysOpen) return true;
  const wall = wallClock(compiled.zone, toMillis(instant));
  const day = Math.floor(wall / DAY);
  const timeOfDay = wall - day * DAY;
  return openingHoursOn(compiled, day).some(([opens, closes]) => opens <= timeOfDay && timeOfDay < closes);
}

/** The earliest business-time instant at or after `instant` (`instant` itself when open). */
export function nextBusinessStart(calendar: BusinessCalendar, instant: Instant): Date {
  return addBusinessTime(calendar, instant, 0);
}

/** Problems that make a calendar unusable, in words for the person configuring it; [] if none. */
export function validateCalendar(candidate: unknown): string[] {
  if (!isRecord(candidate)) return ['a calendar must be an object'];
  const problems = [...identityProblems(candidate), ...zoneProblems(candidate.timeZone)];
  if (candidate.alwaysOpen !== undefined && typeof candidate.alwaysOpen !== 'boolean') {
    problems.push('alwaysOpen must be true or false');
  }
  if (candidate.alwaysOpen === true) return [...problems, ...alwaysOpenProblems(candidate)];
  return [...problems, ...weekProblems(candidate.week), ...holidayProblems(candidate.holidays)];
}

// ---------------------------------------------------------------------------------------------
// Compiled calendar: opening hours in ms of the local day, Monday first, sorted.

type DayHours = ReadonlyArray<readonly [opens: number, closes: number]>;

interface CompiledCalendar {
  /** periodsOn's answers by local day, filled as days are walked. */
  readonly periods: Map<number, readonly Period[]>;
  readonly alwaysOpen: boolean;
  readonly zone: IANAZone;
  readonly week: readonly DayHours[];
  readonly yearlyHolidays: ReadonlySet<string>;
  readonly holidayDates: ReadonlySet<string>;
}

/** A stretch of business time: instants [start, end). */
interface Period {
  readonly start: number;
  readonly end: number;
}

// Caches of pure results, so every answer is the same with or without them (safe in the workflow
// sandbox, where a ticket's SLA clocks ask for deadlines on every activation: before them the
// calendar walk, mostly Intl's zone offsets, was a fifth of the ticket workflow's CPU time).
// Bounded: cleared when full, a miss only costs the computation again.
const CACHE_LIMIT = 4096;
const compiledCalendars = new WeakMap<BusinessCalendar, CompiledCalendar>();

function compile(calendar: BusinessCalendar): CompiledCalendar {
  let compiled = compiledCalendars.get(calendar);
  if (!compiled) {
    compiled = compileAfresh(calendar);
    compiledCalendars.set(calendar, compiled);
  }
  return compiled;
}

function compileAfresh(calendar: BusinessCalendar): CompiledCalendar {
  const problems = validateCalendar(calendar);
  if (problems.length > 0) throw new InvalidCalendarError(problems);
  return {
    periods: new Map(),
    alwaysOpen: calendar.alwaysOpen === true,
    zone: IANAZone.create(calendar.timeZone),
    week: WEEKDAYS.map((weekday) => compileDay(calendar.week?.[weekday] ?? [])),
    yearlyHolidays: new Set(calendar.holidays?.yearly ?? []),
    holidayDates: new Set(calendar.holidays?.dates ?? []),
  };
}

function compileDay(hours: readonly OpeningHours[]): DayHours {
  return hours
    .map(([opens, closes]) => [clockMinutes(opens)! * MINUTE, clockMinutes(closes)! * MINUTE] as const)
    .sort((a, b) => a[0] - b[0]);
}

// ---------------------------------------------------------------------------------------------
// Walking the calendar: period by period, day by day (never minute by minute).

/** Business periods from `fromMs` on, in time order, the first one clipped to start at `fromMs`. */
function* businessPeriodsFrom(calendar: CompiledCalendar, fromMs: number): Generator<Period> {
  if (calendar.alwaysOpen) {
    yield { start: fromMs, end: Number.POSITIVE_INFINITY };
    return;
  }
  let closedDays = 0;
  for (let day = Math.floor(wallClock(calendar.zone, fromMs) / DAY); ; day++) {
    const periods = periodsOn(calendar, day).filter((period) => period.end > fromMs);
    closedDays = periods.length > 0 ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new Error(`no business time within ${MAX_CLOSED_DAYS} days`);
    for (const period of periods) yield { start: Math.max(period.start, fromMs), end: period.end };
  }
}

/**
 * The instants of local day `day` (days since 1970-01-01 in wall-clock terms) that are business
 * time. Each opening interval is mapped to instants once per zone offset in force that day, so
 * DST transitions shorten or lengthen the day exactly as the wall clock does.
 */
function periodsOn(calendar: CompiledCalendar, day: number): readonly Period[] {
  let periods = calendar.periods.get(day);
  if (!periods) {
    if (calendar.periods.size >= CACHE_LIMIT) calendar.periods.clear();
    periods = periodsOnAfresh(calendar, day);
    calendar.periods.set(day, periods);
  }
  return periods;
}

function periodsOnAfresh(calendar: CompiledCalendar, day: number): Period[] {
  const hours = openingHoursOn(calendar, day);
  if (hours.length === 0) return [];
  const midnight = day * DAY;
  const pieces = offsetSpansAround(calendar.zone, midnight).flatMap((span) =>
    hours.map(([opens, closes]) => ({
      start: Math.max(midnight + opens - span.offset, span.from),
      end: Math.min(midnight + closes - span.offset, span.to),
    })),
  );
  // Pieces of one interval split by a DST jump merely touch; they need no joining.
  return pieces.filter((piece) => piece.end > piece.start).sort((a, b) => a.start - b.start);
}

function openingHoursOn(calendar: CompiledCalendar, day: number): DayHours {
  const isoDate = new Date(day * DAY).toISOString().slice(0, 10);
  if (calendar.holidayDates.has(isoDate) || calendar.yearlyHolidays.has(isoDate.slice(5))) return [];
  return calendar.week[weekdayIndex(day)];
}

/** 0 = Monday; day 0 (1970-01-01) was a Thursday. */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Time-zone arithmetic. Intl (through luxon) gives the offset at an instant; the transition
// instant is found by bisection because no API exposes it.

/** A range of instants [from, to) during which the zone's offset is constant. */
interface OffsetSpan {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

/** Offset spans covering all instants of the local day starting at wall time `midnight`. */
function offsetSpansAround(zone: IANAZone, midnight: number): OffsetSpan[] {
  const before = midnight - OFFSET_MARGIN;
  const after = midnight + DAY + OFFSET_MARGIN;
  const offsetBefore = offsetAt(zone, before);
  const offsetAfter = offsetAt(zone, after);
  if (offsetBefore === offsetAfter) return [{ from: -Infinity, to: Infinity, offset: offsetBefore }];
  // Assumes at most one transition within the ~2.5-day window, true of every zone in use today.
  const transition = firstInstantWithNewOffset(zone, before, after, offsetBefore);
  return [
    { from: -Infinity, to: transition, offset: offsetBefore },
    { from: transition, to: Infinity, offset: offsetAfter },
  ];
}

function firstInstantWithNewOffset(zone: IANAZone, before: number, after: number, oldOffset: number): number {
  let [low, high] = [before, after];
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(zone, middle) === oldOffset) low = middle;
    else high = middle;
  }
  return high;
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(zone: IANAZone, instant: number): number {
  // Most UTC days have one offset all day: asked once per zone and day (checked at both ends,
  // under the same one-transition-per-window assumption as offsetSpansAround). Days with a
  // transition ask Intl for each instant.
  const day = Math.floor(instant / DAY);
  const key = `${zone.name} ${day}`;
  let offset = constantOffsets.get(key);
  if (offset === undefined) {
    const start = exactOffsetAt(zone, day * DAY);
    offset = start === exactOffsetAt(zone, (day + 1) * DAY - 1) ? start : null;
    if (constantOffsets.size >= CACHE_LIMIT) constantOffsets.clear();
    constantOffsets.set(key, offset);
  }
  return offset ?? exactOffsetAt(zone, instant);
}

/** The offset of each zone and UTC day whose offset is constant all day (null: it changes). */
const constantOffsets = new Map<string, number | null>();

function exactOffsetAt(zone: IANAZone, instant: number): number {
  return Math.round(zone.offset(instant) * MINUTE);
}

/** Local wall-clock time at an instant, as ms since 1970-01-01T00:00 local. */
function wallClock(zone: IANAZone, instant: number): number {
  return instant + offsetAt(zone, instant);
}

// ---------------------------------------------------------------------------------------------
// Inputs

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}(:?\d{2})?)$/i;

function toMillis(instant: Instant): number {
  // Offset-less strings are rejected: reading them in the process's zone would be neither
  // deterministic nor what the sender meant. The common case, our own toISOString output, skips
  // luxon's general ISO parser (a tenth of the calendar's time in the ticket workflow's profile).
  // Date.parse alone would roll 02-30 over into March: only a string that toISOString writes back
  // unchanged is taken from it.
  if (typeof instant === 'string' && instant.length === 24 && instant.endsWith('Z')) {
    const ms = Date.parse(instant);
    if (Number.isFinite(ms) && new Date(ms).toISOString() === instant) return ms;
  }
  if (typeof instant === 'string') {
    const parsed = ISO_WITH_OFFSET.test(instant) ? DateTime.fromISO(instant, { setZone: true }) : undefined;
    if (!parsed?.isValid) throw new RangeError(`'${instant}' is not an ISO 8601 instant with an offset or Z`);
    return parsed.toMillis();
  }
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return ms;
}

function assertDuration(durationMs: number): void {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`a business duration must be a finite number of ms >= 0, got ${durationMs}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function identityProblems(candidate: Record<string, unknown>): string[] {
  return (['id', 'name'] as const)
    .filter((field) => typeof candidate[field] !== 'string' || (candidate[field] as string).trim() === '')
    .map((field) => `${field} must be a non-empty string`);
}

function zoneProblems(timeZone: unknown): string[] {
  if (typeof timeZone !== 'string') return ['timeZone must be an IANA time zone name'];
  return IANAZone.create(timeZone).isValid ? [] : [`timeZone '${timeZone}' is not a known IANA time zone`];
}

function alwaysOpenProblems(candidate: Record<string, unknown>): string[] {
  // A 24x7 calendar ignores opening hours and holidays; having them suggests a misunderstanding.
  return (['week', 'holidays'] as const)
    .filter((field) => candidate[field] !== undefined)
    .map((field) => `${field} has no effect on an alwaysOpen (24x7) calendar; remove it`);
}

function weekProblems(week: unknown): string[] {
  if (!isRecord(week)) return ['week must map mon..sun to lists of opening hours (or set alwaysOpen: true)'];
  const unknownDays = Object.keys(week)
    .filter((key) => !(WEEKDAYS as readonly string[]).includes(key))
    .map((key) => `week.${key} is not a weekday (use mon, tue, wed, thu, fri, sat, sun)`);
  const dayProblems = WEEKDAYS.flatMap((weekday) => openingHoursProblems(`week.${weekday}`, week[weekday]));
  const problems = [...unknownDays, ...dayProblems];
  const hasOpenTime = WEEKDAYS.some((weekday) => Array.isArray(week[weekday]) && week[weekday].length > 0);
  if (problems.length === 0 && !hasOpenTime) {
    problems.push('the calendar is never open (give opening hours, or set alwaysOpen: true for 24x7)');
  }
  return problems;
}

function openingHoursProblems(path: string, hours: unknown): string[] {
  if (hours === undefined) return [`${path} is missing (use [] for a closed day)`];
  if (!Array.isArray(hours)) return [`${path} must be a list of ['HH:MM', 'HH:MM'] pairs`];
  const problems = hours.flatMap((interval, index) => intervalProblems(`${path}[${index}]`, interval));
  return problems.length > 0 ? problems : overlapProblems(path, hours as OpeningHours[]);
}

function intervalProblems(path: string, interval: unknown): string[] {
  if (!Array.isArray(interval) || interval.length !== 2) return [`${path} must be a pair ['HH:MM', 'HH:MM']`];
  const [opens, closes] = interval as unknown[];
  const problems: string[] = [];
  const openMinutes = typeof opens === 'string' && opens !== '24:00' ? clockMinutes(opens) : undefined;
  const closeMinutes = typeof closes === 'string' ? clockMinutes(closes) : undefined;
  if (openMinutes === undefined) problems.push(`${path} opens at ${JSON.stringify(opens)}, expected HH:MM (00:00-23:59)`);
  if (closeMinutes === undefined) problems.push(`${path} closes at ${JSON.stringify(closes)}, expected HH:MM (00:00-24:00)`);
  if (problems.length === 0 && closeMinutes! <= openMinutes!) {
    // Night shifts that cross midnight are two intervals: 22:00-24:00 and next day 00:00-06:00.
    problems.push(`${path} ${opens}-${closes} is reversed or empty (an interval cannot cross midnight)`);
  }
  return problems;
}

function overlapProblems(path: string, hours: readonly OpeningHours[]): string[] {
  const sorted = hours
    .map((interval, index) => ({ interval, index, opens: clockMinutes(interval[0])!, closes: clockMinutes(interval[1])! }))
    .sort((a, b) => a.opens - b.opens);
  return sorted.slice(1).flatMap((current, i) => {
    const previous = sorted[i];
    if (current.opens >= previous.closes) return [];
    return [`${path}[${current.index}] ${current.interval.join('-')} overlaps ${path}[${previous.index}] ${previous.interval.join('-')}`];
  });
}

function holidayProblems(holidays: unknown): string[] {
  if (holidays === undefined) return [];
  if (!isRecord(holidays)) return ['holidays must be { yearly: [MM-DD...], dates: [YYYY-MM-DD...] }'];
  return [
    ...dateListProblems('holidays.yearly', holidays.yearly, isMonthDay, 'MM-DD'),
    ...dateListProblems('holidays.dates', holidays.dates, isIsoDate, 'YYYY-MM-DD'),
  ];
}

function dateListProblems(path: string, list: unknown, isValid: (text: string) => boolean, format: string): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return [`${path} must be a list of ${format} dates`];
  return list
    .map((entry, index) => (typeof entry === 'string' && isValid(entry) ? '' : `${path}[${index}] ${JSON.stringify(entry)} is not a ${format} date`))
    .filter((problem) => problem !== '');
}

/** Minutes since midnight for 'HH:MM' (00:00-24:00), else undefined. */
function clockMinutes(text: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours * 60 + minutes > 24 * 60) return undefined;
  return hours * 60 + minutes;
}

function isMonthDay(text: string): boolean {
  // Checked against leap year 2000 so that 02-29 is a valid yearly holiday (it applies in leap years).
  return /^\d{2}-\d{2}$/.test(text) && isIsoDate(`2000-${text}`);
}

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
