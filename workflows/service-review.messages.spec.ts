import { nextReviewRun } from './service-review.messages';

describe('the monthly service review schedule', () => {
  it('runs on the 1st of the next month at 06:00 UTC and reviews the month it was in', () => {
    expect(nextReviewRun(Date.parse('2026-12-01T10:00:00Z'))).toEqual({ at: Date.parse('2027-01-01T06:00:00Z'), month: '2026-12' });
    // Just after a run: the next is a month on, for the month that has just begun.
    expect(nextReviewRun(Date.parse('2027-01-01T06:00:00.001Z'))).toEqual({ at: Date.parse('2027-02-01T06:00:00Z'), month: '2027-01' });
    expect(nextReviewRun(Date.parse('2027-02-28T23:59:00Z'))).toEqual({ at: Date.parse('2027-03-01T06:00:00Z'), month: '2027-02' });
    // Started on the 1st before 06:00: the month just over is reviewed that morning, not skipped.
    expect(nextReviewRun(Date.parse('2027-01-01T03:00:00Z'))).toEqual({ at: Date.parse('2027-01-01T06:00:00Z'), month: '2026-12' });
  });
});
