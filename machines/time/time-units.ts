// Time registration (REQUIREMENTS 10, seed 003): "we register what we do to solve the problem in
// units of 15 minutes; when we must solve it on site, we register at least 60 minutes". Pure: the
// ticket machine journals the rule's answer and the time module stores it.

export const TIME_ACTIVITIES = ['remote', 'onSite', 'phone', 'travel'] as const;
export type TimeActivity = (typeof TIME_ACTIVITIES)[number];

export const TIME_UNIT_MINUTES = 15;
export const ON_SITE_MINIMUM_MINUTES = 60;
/** One entry is one stretch of work; a day's work on one ticket is at most a day. */
export const MAX_ENTRY_MINUTES = 24 * 60;

/** The rule as the API and the journal state it. */
export const TIME_RULE = `time is registered in ${TIME_UNIT_MINUTES}-minute units, rounded up; on-site work at least ${ON_SITE_MINIMUM_MINUTES} minutes`;

export const isTimeActivity = (value: unknown): value is TimeActivity => (TIME_ACTIVITIES as readonly unknown[]).includes(value);

export const validWorkedMinutes = (minutes: unknown): minutes is number =>
  typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_ENTRY_MINUTES;

/** The minutes registered for this much work: whole units, rounded up, and the on-site minimum. */
export function registeredMinutes(workedMinutes: number, activity: TimeActivity): number {
  const rounded = Math.ceil(workedMinutes / TIME_UNIT_MINUTES) * TIME_UNIT_MINUTES;
  return activity === 'onSite' ? Math.max(ON_SITE_MINIMUM_MINUTES, rounded) : rounded;
}

/** A calendar day, YYYY-MM-DD, that exists. */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** The month (YYYY-MM) a work day belongs to: statements and month closing go by it. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** How an entry reads in the ticket's journal. */
export function timeEntryText(entry: { workedMinutes: number; minutes: number; activity: TimeActivity; billable: boolean; workedOn: string; note?: string | null }): string {
  const rounded = entry.minutes !== entry.workedMinutes ? ` (${entry.workedMinutes} min worked; ${TIME_RULE})` : '';
  const note = entry.note?.trim() ? `: ${entry.note.trim()}` : '';
  return `Time registered: ${entry.minutes} min ${entry.activity} on ${entry.workedOn}${rounded}, ${entry.billable ? 'billable' : 'not billable'}${note}`;
}
