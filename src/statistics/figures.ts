// The statistics as plain functions over facts read from the read model (ticket rows and the SLA
// clocks as the ticket workflow recorded them). Nothing here recomputes a deadline or an elapsed
// time: business time comes from `elapsed_ms_at_stop`, met and breached from the clock's own
// record, so a figure here is the figure the ticket's view showed (issue 15, item 5).
import { DateTime } from 'luxon';
import { ALWAYS_OPEN, BusinessCalendar, DEFAULT_CALENDAR, isBusinessTime, WEEKDAYS } from '../../machines/calendar/business-calendar';
import type { SlaPolicy } from '../../machines/sla/sla-policy';
import type { ArrivalCount, ArrivalsView, FlagAgeRow, Grouping, SlaFiguresRow } from './dto/statistics.dto';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A clock as recorded: its state, whether it met its target, whether it breached, its business time at stop. */
export interface ClockFacts {
  state: 'running' | 'paused' | 'stopped';
  met: boolean | null;
  breached: boolean;
  elapsedMs: number | null;
}

export interface TicketFacts {
  team: string;
  priority: string;
  category: string;
  createdAt: Date;
  handovers: number;
  reopens: number;
  /** Resolved at least once (resolved now, or reopened after a resolution). */
  everResolved: boolean;
  /** One business day of the ticket's calendar (businessDayMs). */
  businessDayMs: number;
  firstResponse: ClockFacts | null;
  resolution: ClockFacts | null;
}

/** Percentile with linear interpolation between the nearest ranks: PostgreSQL's percentile_cont, as /sla/report uses. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** count of total in per cent with one decimal (half up), null when nothing counts: as /sla/report rounds. */
export const share = (count: number, total: number): number | null => (total === 0 ? null : Math.round((count * 1000) / total) / 10);

const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / MINUTE));

const clockMs = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 * MINUTE + Number(hhmm.slice(3, 5)) * MINUTE;

/**
 * One business day of a calendar, for "resolved within N business days": the longest opening day
 * of its week (seed 004's Monday-Thursday, 8 h, the working day SLA targets are written in), or
 * 24 h on a calendar that never closes.
 */
export function businessDayMs(calendar: BusinessCalendar): number {
  if (calendar.alwaysOpen || !calendar.week) return DAY;
  const week = calendar.week;
  return Math.max(...WEEKDAYS.map((day) => week[day].reduce((sum, [opens, closes]) => sum + clockMs(closes) - clockMs(opens), 0)));
}

/** The calendar a ticket's clocks ran on: 24x7 under the on-call service, else its policy version's. */
export function calendarOf(policies: readonly SlaPolicy[], code: string | null, version: number | null, onCall: boolean): BusinessCalendar {
  if (onCall) return ALWAYS_OPEN;
  return policies.find((p) => p.code === code && p.version === version)?.calendar ?? DEFAULT_CALENDAR;
}

/** Where arrivals are read: the standard policy's zone, Copenhagen when it never closes (its zone is then only UTC for display). */
export function serviceTimeZone(policies: readonly SlaPolicy[]): string {
  const standard = policies.filter((p) => p.code === 'standard').sort((a, b) => b.version - a.version)[0];
  return standard && !standard.calendar.alwaysOpen ? standard.calendar.timeZone : DEFAULT_CALENDAR.timeZone;
}

/** The group a ticket falls in; weeks (Monday first) and months in the service's zone. */
export function groupOf(ticket: TicketFacts, groupBy: Grouping, zone: string): string {
  switch (groupBy) {
    case 'team':
      return ticket.team;
    case 'priority':
      return ticket.priority;
    case 'category':
      return ticket.category;
    case 'week':
      return DateTime.fromJSDate(ticket.createdAt, { zone }).startOf('week').toISODate()!;
    case 'month':
      return DateTime.fromJSDate(ticket.createdAt, { zone }).toFormat('yyyy-MM');
    default: {
      const unhandled: never = groupBy;
      throw new Error(`no grouping ${unhandled}`);
    }
  }
}

/** A clock counts for "met %" once it has stopped, or once it has breached while still running (as /sla/report). */
const counted = (c: ClockFacts | null): c is ClockFacts => c !== null && (c.state === 'stopped' || c.breached);
const stopped = (c: ClockFacts | null): c is ClockFacts & { elapsedMs: number } => c !== null && c.state === 'stopped' && c.elapsedMs !== null;

/** The SLA figures of one group of tickets. */
export function slaFigures(group: string, tickets: readonly TicketFacts[], withinDays: number): SlaFiguresRow {
  const responses = tickets.map((t) => t.firstResponse).filter(counted);
  const resolutions = tickets.map((t) => t.resolution).filter(counted);
  const responseMs = tickets.map((t) => t.firstResponse).filter(stopped).map((c) => c.elapsedMs);
  const resolved = tickets.filter((t) => stopped(t.resolution));
  const resolutionMs = resolved.map((t) => t.resolution!.elapsedMs!);
  const everResolved = tickets.filter((t) => t.everResolved);
  return {
    group,
    tickets: tickets.length,
    firstResponseMetPct: share(responses.filter((c) => c.state === 'stopped' && c.met).length, responses.length),
    resolutionMetPct: share(resolutions.filter((c) => c.state === 'stopped' && c.met).length, resolutions.length),
    responseBreaches: tickets.filter((t) => t.firstResponse?.breached).length,
    resolutionBreaches: tickets.filter((t) => t.resolution?.breached).length,
    medianResponseBusinessMinutes: minutes(percentile(responseMs, 0.5)),
    p90ResponseBusinessMinutes: minutes(percentile(responseMs, 0.9)),
    medianResolutionBusinessMinutes: minutes(percentile(resolutionMs, 0.5)),
    p90ResolutionBusinessMinutes: minutes(percentile(resolutionMs, 0.9)),
    resolved: resolved.length,
    resolvedWithinDaysPct: share(resolved.filter((t) => t.resolution!.elapsedMs! <= withinDays * t.businessDayMs).length, resolved.length),
    // First contact: resolved with no handover to another team and no reopen (as /sla/report).
    firstContactResolutionPct: share(resolved.filter((t) => t.handovers === 0 && t.reopens === 0).length, resolved.length),
    reopenRatePct: share(everResolved.filter((t) => t.reopens > 0).length, everResolved.length),
  };
}

/** The figures per group, groups in order (weeks and months oldest first), and over all groups. */
export function slaFiguresBy(tickets: readonly TicketFacts[], groupBy: Grouping, withinDays: number, zone: string): { rows: SlaFiguresRow[]; total: SlaFiguresRow } {
  const groups = new Map<string, TicketFacts[]>();
  for (const ticket of tickets) {
    const key = groupOf(ticket, groupBy, zone);
    groups.set(key, [...(groups.get(key) ?? []), ticket]);
  }
  const rows = [...groups.keys()].sort().map((key) => slaFigures(key, groups.get(key)!, withinDays));
  return { rows, total: slaFigures(ALL, tickets, withinDays) };
}

/** The group name of the line over all groups. */
export const ALL = '(all)';

export interface ArrivalFacts {
  createdAt: Date;
  /** The calendar the ticket's clocks run on: outside its business hours is outside service hours. */
  calendar: BusinessCalendar;
}

const count = (key: string, arrivals: readonly { outside: boolean }[]): ArrivalCount => ({
  key,
  tickets: arrivals.length,
  outsideServiceHours: arrivals.filter((a) => a.outside).length,
});

/** Arrivals by hour of day and by weekday in the service's zone, with how many came outside service hours (seed 001). */
export function arrivals(facts: readonly ArrivalFacts[], zone: string): Omit<ArrivalsView, 'from' | 'to'> {
  const read = facts.map((f) => {
    const local = DateTime.fromJSDate(f.createdAt, { zone });
    return { hour: local.hour, weekday: WEEKDAYS[local.weekday - 1], outside: !isBusinessTime(f.calendar, f.createdAt) };
  });
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const total = count(ALL, read);
  return {
    timeZone: zone,
    byHour: hours.map((hour) => count(String(hour).padStart(2, '0'), read.filter((a) => a.hour === hour))),
    byWeekday: WEEKDAYS.map((day) => count(day, read.filter((a) => a.weekday === day))),
    total: { ...total, outsideServiceHoursPct: share(total.outsideServiceHours, total.tickets) },
  };
}

/** Median and longest wait of the flagged open tickets (an end user's message waits for an agent). */
export function flagAges(team: string, since: readonly Date[], at: Date): FlagAgeRow {
  const ages = since.map((s) => at.getTime() - s.getTime());
  return {
    team,
    flagged: ages.length,
    medianAgeMinutes: minutes(percentile(ages, 0.5)),
    maxAgeMinutes: ages.length ? minutes(Math.max(...ages)) : null,
  };
}

/** A recorded segment of an SLA clock (machines/sla/sla-clock.ts). */
export interface SegmentFacts {
  state: 'running' | 'paused';
  from: string;
  to: string | null;
  reason: string;
  status: string;
}

/** The segment a clock was in when it breached: the ticket's status then, and why the clock was running. */
export function breachContext(segments: readonly SegmentFacts[], breachedAt: Date): { statusAtBreach: string | null; runningSince: string | null } {
  const at = breachedAt.getTime();
  const segment = segments.find((s) => Date.parse(s.from) <= at && (s.to === null || at < Date.parse(s.to))) ?? segments.at(-1);
  return { statusAtBreach: segment?.status ?? null, runningSince: segment?.reason ?? null };
}
