// The pure arithmetic of the statistics, against values worked out by hand.
import { ALWAYS_OPEN, DEFAULT_CALENDAR } from '../../machines/calendar/business-calendar';
import { WORKING_DAY_MS } from '../../machines/sla/sla-policy';
import { businessDayMs, percentile, share } from './figures';

describe('percentile, as PostgreSQL’s percentile_cont', () => {
  it.each([
    [[30, 45, 90], 0.5, 45], // the middle one
    [[10, 20, 60], 0.9, 52], // rank 1.8: 20 + 0.8 x 40
    [[600, 120, 1500, 1440], 0.5, 1020], // sorted 120, 600, 1440, 1500: (600 + 1440) / 2
    [[7], 0.9, 7],
  ])('of %j at %d is %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is null over nothing', () => {
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe('share', () => {
  it.each([
    [2, 3, 66.7],
    [1, 7, 14.3],
    [1, 16, 6.3], // 6.25 rounds half up
    [0, 2, 0],
  ])('%d of %d is %d %%', (count, total, expected) => {
    expect(share(count, total)).toBe(expected);
  });

  it('is null when nothing counts', () => {
    expect(share(0, 0)).toBeNull();
  });
});

describe('a business day', () => {
  it('is the longest opening day: 8 h on seed 004’s office hours (Friday’s 7 h is shorter), the working day of the targets', () => {
    expect(businessDayMs(DEFAULT_CALENDAR)).toBe(8 * 3600_000);
    expect(businessDayMs(DEFAULT_CALENDAR)).toBe(WORKING_DAY_MS);
  });

  it('is 24 h on a calendar that never closes', () => {
    expect(businessDayMs(ALWAYS_OPEN)).toBe(24 * 3600_000);
  });
});
