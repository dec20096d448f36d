// Test vectors are written in Copenhagen wall time, as a service desk reads them.
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Copenhagen';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const h = (hours: number): number => hours * HOUR;

/** Copenhagen wall time 'YYYY-MM-DD HH:mm' as an ISO instant in UTC, the form clocks and events carry. */
export function cph(wallTime: string): string {
  const parsed = DateTime.fromISO(wallTime.replace(' ', 'T'), { zone: ZONE });
  if (!parsed.isValid) throw new Error(`bad test time ${wallTime}`);
  return parsed.toUTC().toISO()!;
}

/** An instant as Copenhagen wall time, e.g. 'Tue 2026-11-24 11:00 +01:00'. */
export function wall(date: Date | string | null | undefined): string | null {
  if (date === null || date === undefined) return null;
  const instant = typeof date === 'string' ? DateTime.fromISO(date) : DateTime.fromJSDate(date);
  return instant.setZone(ZONE).setLocale('en').toFormat('ccc yyyy-MM-dd HH:mm ZZ');
}
