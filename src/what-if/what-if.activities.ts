import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PriorityMatrix } from '../../machines/priority';
import type { RequestKind, SlaPolicy } from '../../machines/sla/sla-policy';
import { RecordedClock, replayTicket } from '../../machines/sla/what-if';
import type { WhatIfActivities, WhatIfBatch } from '../../workflows/what-if.messages';
import { Activity } from '../temporal/activity.decorator';
import { whatIfReport } from './what-if.report';

const BATCH = 500;

interface Row {
  number: string;
  team: string;
  priority: string;
  impact: string;
  urgency: string;
  category: string;
  requestKind: string | null;
  onCall: boolean;
  fr: { elapsedMs: string; met: boolean; segments: RecordedClock['segments'] } | null;
  rs: { elapsedMs: string; met: boolean; segments: RecordedClock['segments'] } | null;
}

const recorded = (clock: Row['fr']): RecordedClock | null => (clock ? { elapsedMs: Number(clock.elapsedMs), met: clock.met, segments: clock.segments } : null);

/**
 * The what-if workflow's steps. A run replays the tickets of its policy opened in its period whose
 * first-response or resolution clock has stopped (finished clocks only, now and under the
 * proposal alike, so both figures count the same clocks), in batches by ticket number.
 */
@Injectable()
export class WhatIfReplay implements WhatIfActivities {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Activity()
  async planWhatIf(id: string): Promise<number> {
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM what_if_runs r JOIN tickets t
         ON t.sla_policy_code = r.proposal->>'code' AND t.created_at >= r.period_from AND t.created_at < r.period_to
       WHERE r.id = $1`,
      [id],
    );
    await this.db.query('UPDATE what_if_runs SET total = $2 WHERE id = $1', [id, total]);
    return total;
  }

  @Activity()
  async replayWhatIfBatch(id: string, after: string | null): Promise<WhatIfBatch> {
    const [run] = await this.db.query('SELECT proposal, priority_matrix, period_from, period_to FROM what_if_runs WHERE id = $1', [id]);
    const proposal = run.proposal as SlaPolicy;
    const matrix = (run.priority_matrix ?? undefined) as PriorityMatrix | undefined;
    const rows: Row[] = await this.db.query(
      `SELECT t.number, coalesce(t.team_name, '(no team)') AS team, t.priority, t.impact, t.urgency, coalesce(t.category_name, '(no category)') AS category,
              t.request_kind AS "requestKind", t.sla_on_call AS "onCall",
              CASE WHEN fr.stopped_at IS NOT NULL THEN json_build_object('elapsedMs', fr.elapsed_ms_at_stop, 'met', fr.met, 'segments', fr.segments) END AS fr,
              CASE WHEN rs.stopped_at IS NOT NULL THEN json_build_object('elapsedMs', rs.elapsed_ms_at_stop, 'met', rs.met, 'segments', rs.segments) END AS rs
       FROM tickets t
       LEFT JOIN sla_clocks fr ON fr.ticket_number = t.number AND fr.name = 'firstResponse'
       LEFT JOIN sla_clocks rs ON rs.ticket_number = t.number AND rs.name = 'resolution'
       WHERE t.sla_policy_code = $1 AND t.created_at >= $2 AND t.created_at < $3 AND ($4::text IS NULL OR t.number > $4)
       ORDER BY t.number LIMIT $5`,
      [proposal.code, run.period_from, run.period_to, after, BATCH],
    );
    if (!rows.length) return { last: null, replayed: 0 };
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO what_if_results (run_id, number, team, priority, category, skipped, fr_now_ms, fr_now_met, fr_proposed_ms, fr_proposed_met, rs_now_ms, rs_now_met, rs_proposed_ms, rs_proposed_met)
         SELECT $1, * FROM jsonb_to_recordset($2::jsonb) AS x(number text, team text, priority text, category text, skipped text,
           fr_now_ms bigint, fr_now_met boolean, fr_proposed_ms bigint, fr_proposed_met boolean, rs_now_ms bigint, rs_now_met boolean, rs_proposed_ms bigint, rs_proposed_met boolean)
         ON CONFLICT DO NOTHING RETURNING number`,
        [id, JSON.stringify(rows.map((row) => resultOf(row, proposal, matrix)))],
      );
      await tx.query('UPDATE what_if_runs SET replayed = replayed + $2 WHERE id = $1', [id, inserted.length]);
    });
    return { last: rows[rows.length - 1].number, replayed: rows.length };
  }

  @Activity()
  async finishWhatIf(id: string): Promise<void> {
    const report = await whatIfReport(this.db, id);
    await this.db.query('UPDATE what_if_runs SET report = $2, finished_at = coalesce(finished_at, now()) WHERE id = $1', [id, JSON.stringify(report)]);
  }
}

function resultOf(row: Row, proposal: SlaPolicy, matrix: PriorityMatrix | undefined) {
  const ticket = { priority: row.priority, impact: row.impact, urgency: row.urgency, requestKind: row.requestKind as RequestKind | null, onCall: row.onCall, firstResponse: recorded(row.fr), resolution: recorded(row.rs) };
  const replay = replayTicket(ticket, proposal, matrix);
  const fr = replay.firstResponse;
  const rs = replay.resolution;
  return {
    number: row.number, team: row.team, priority: row.priority, category: row.category, skipped: replay.skipped,
    fr_now_ms: fr?.nowMs ?? null, fr_now_met: fr?.nowMet ?? null, fr_proposed_ms: fr?.proposedMs ?? null, fr_proposed_met: fr?.proposedMet ?? null,
    rs_now_ms: rs?.nowMs ?? null, rs_now_met: rs?.nowMet ?? null, rs_proposed_ms: rs?.proposedMs ?? null, rs_proposed_met: rs?.proposedMet ?? null,
  };
}
