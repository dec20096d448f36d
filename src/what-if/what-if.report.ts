import type { DataSource } from 'typeorm';
import type { WhatIfReportDto, WhatIfRowDto } from './dto/what-if.dto';

const minutes = (ms: unknown): number | null => (ms === null || ms === undefined ? null : Math.round(Number(ms) / 60_000));
const pct = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Met %, median and p90 of one clock, now and under the proposal. */
const clockFigures = (c: 'fr' | 'rs') => `
  round(100.0 * avg(${c}_now_met::int), 1) AS ${c}_met_now, round(100.0 * avg(${c}_proposed_met::int), 1) AS ${c}_met_proposed,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${c}_now_ms) AS ${c}_p50_now, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${c}_proposed_ms) AS ${c}_p50_proposed,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${c}_now_ms) AS ${c}_p90_now, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${c}_proposed_ms) AS ${c}_p90_proposed`;

const clockOf = (r: Record<string, unknown>, c: 'fr' | 'rs') => ({
  metNowPct: pct(r[`${c}_met_now`]),
  metProposedPct: pct(r[`${c}_met_proposed`]),
  medianNowMinutes: minutes(r[`${c}_p50_now`]),
  medianProposedMinutes: minutes(r[`${c}_p50_proposed`]),
  p90NowMinutes: minutes(r[`${c}_p90_now`]),
  p90ProposedMinutes: minutes(r[`${c}_p90_proposed`]),
});

/**
 * The report of a run, from its recorded outcomes: per team, priority and category and in total,
 * the share of finished clocks within target now and under the proposal, median and p90 business
 * minutes, and the tickets whose outcome flips (met now, breached under the proposal, or back).
 * Aggregated in PostgreSQL in a fixed order, so the same outcomes give the same report.
 */
export async function whatIfReport(db: DataSource, id: string): Promise<WhatIfReportDto> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT team, priority, category, GROUPING(team, priority, category) AS total_row, count(*)::int AS tickets,
       ${clockFigures('fr')}, ${clockFigures('rs')},
       count(*) FILTER (WHERE (fr_now_met AND NOT fr_proposed_met) OR (rs_now_met AND NOT rs_proposed_met))::int AS would_breach,
       count(*) FILTER (WHERE (NOT fr_now_met AND fr_proposed_met) OR (NOT rs_now_met AND rs_proposed_met))::int AS would_meet
     FROM what_if_results WHERE run_id = $1 AND skipped IS NULL
     GROUP BY GROUPING SETS ((team, priority, category), ())
     ORDER BY total_row, team, priority, category`,
    [id],
  );
  const flips: Array<{ number: string; clock: string; now: boolean; proposed: boolean }> = await db.query(
    `SELECT number, clock, now, proposed FROM (
       SELECT number, 'firstResponse' AS clock, fr_now_met AS now, fr_proposed_met AS proposed FROM what_if_results WHERE run_id = $1 AND fr_now_met <> fr_proposed_met
       UNION ALL
       SELECT number, 'resolution', rs_now_met, rs_proposed_met FROM what_if_results WHERE run_id = $1 AND rs_now_met <> rs_proposed_met) f
     ORDER BY number, clock LIMIT 500`,
    [id],
  );
  const [{ skipped }] = await db.query('SELECT count(*)::int AS skipped FROM what_if_results WHERE run_id = $1 AND skipped IS NOT NULL', [id]);
  const rowOf = (r: Record<string, unknown>): WhatIfRowDto => ({
    team: r.total_row ? null : (r.team as string),
    priority: r.total_row ? null : (r.priority as string),
    category: r.total_row ? null : (r.category as string),
    tickets: r.tickets as number,
    firstResponse: clockOf(r, 'fr'),
    resolution: clockOf(r, 'rs'),
    wouldBreach: r.would_breach as number,
    wouldMeet: r.would_meet as number,
  });
  const total = rows.find((r) => r.total_row);
  return {
    total: total ? rowOf(total) : null,
    groups: rows.filter((r) => !r.total_row).map(rowOf),
    flips: flips.map((f) => ({ number: f.number, clock: f.clock as 'firstResponse' | 'resolution', metNow: f.now, metProposed: f.proposed })),
    skipped,
  };
}
