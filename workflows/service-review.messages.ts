// The monthly service review's schedule (issue 15, item 5): on the 1st of each month the reviews
// of the month just over are mailed to each organisation's contact. Deterministic code only.

export interface ServiceReviewActivities {
  /** Mails every organisation with a contact its review of `month` (YYYY-MM); a repeat mails nothing again. */
  mailMonthlyServiceReviews(month: string): Promise<number>;
}

export const SERVICE_REVIEW_WORKFLOW_ID = 'service-reviews';

/**
 * The next run after `nowMs`: the 1st of the next month at 06:00 UTC (07:00 or 08:00 in
 * Copenhagen, when the month before is over everywhere the desk works), and the month it reviews.
 */
export function nextReviewRun(nowMs: number): { at: number; month: string } {
  const now = new Date(nowMs);
  const thisMonths = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 6);
  // Started early on the 1st, before the run: the month just over is still to be reviewed today.
  const offset = nowMs < thisMonths ? 0 : 1;
  const at = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1, 6);
  const reviewed = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset - 1, 1));
  return { at, month: `${reviewed.getUTCFullYear()}-${String(reviewed.getUTCMonth() + 1).padStart(2, '0')}` };
}
