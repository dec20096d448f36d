import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClockName } from '../../machines/sla/sla-policy';
import type { TicketStatus } from '../../machines/ticket.types';
import type { EscalationRowDto, SlaReportRowDto } from './dto/sla.dto';
import { SlaErrorCode, SlaException } from './sla.exception';

export interface ReportFilter {
  from: Date;
  to: Date;
  team?: string;
  priority?: string;
  category?: string;
}

const minutes = (ms: unknown): number | null => (ms === null || ms === undefined ? null : Math.round(Number(ms) / 60_000));
const pct = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** The SLA figures dispatchers and process managers read, computed in PostgreSQL from the read model. */
@Injectable()
export class SlaReportsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Tickets with a running clock whose deadline is past or within `withinMinutes`, least time left first. */
  async escalations(now: Date, withinMinutes: number, team?: string, limit = 100): Promise<EscalationRowDto[]> {
    const rows = await this.db.query(
      `SELECT t.number, t.title, t.priority, t.status, t.team_id, t.team_name, t.assignee_name,
              c.name AS clock, c.deadline, c.warned_at, c.breached_at
       FROM sla_clocks c JOIN tickets t ON t.number = c.ticket_number
       WHERE c.state = 'running' AND c.deadline <= $1 AND ($2::uuid IS NULL OR t.team_id = $2)
       ORDER BY c.deadline ASC, t.number
       LIMIT $3`,
      [new Date(now.getTime() + withinMinutes * 60_000), team ?? null, limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      number: r.number as string,
      title: r.title as string,
      priority: r.priority as string,
      status: r.status as TicketStatus,
      team: r.team_id ? { id: r.team_id as string, name: r.team_name as string } : null,
      assigneeName: r.assignee_name as string | null,
      clock: r.clock as ClockName,
      deadline: (r.deadline as Date).toISOString(),
      minutesLeft: Math.floor(((r.deadline as Date).getTime() - now.getTime()) / 60_000),
      warned: r.warned_at !== null,
      breached: r.breached_at !== null || (r.deadline as Date).getTime() <= now.getTime(),
    }));
  }

  /**
   * Per team, priority and category, for tickets opened in [from, to): % of first responses and
   * resolutions within target, median and p90 business time to respond and to resolve, and the
   * first-contact resolution rate (resolved with no handover to another team and no reopen).
   * A clock counts once it has stopped, or once it has breached while still running.
   */
  async report(filter: ReportFilter): Promise<SlaReportRowDto[]> {
    if (!(filter.from < filter.to)) throw new SlaException(SlaErrorCode.InvalidPeriod, '`from` must be before `to`', { field: 'from' });
    const rows = await this.db.query(
      `WITH t AS (
         SELECT coalesce(t.team_name, '(no team)') AS team, t.priority, coalesce(t.category_name, '(no category)') AS category,
                t.handovers, t.reopens,
                fr.state AS fr_state, fr.met AS fr_met, fr.breached_at AS fr_breached, fr.elapsed_ms_at_stop AS fr_ms,
                rs.state AS rs_state, rs.met AS rs_met, rs.breached_at AS rs_breached, rs.elapsed_ms_at_stop AS rs_ms
         FROM tickets t
         LEFT JOIN sla_clocks fr ON fr.ticket_number = t.number AND fr.name = 'firstResponse'
         LEFT JOIN sla_clocks rs ON rs.ticket_number = t.number AND rs.name = 'resolution'
         WHERE t.sla_policy_code IS NOT NULL AND t.created_at >= $1 AND t.created_at < $2
           AND ($3::uuid IS NULL OR t.team_id = $3) AND ($4::text IS NULL OR t.priority = $4)
           AND ($5::uuid IS NULL OR t.category_id = $5)
       )
       SELECT team, priority, category, count(*)::int AS tickets,
         round(100.0 * avg(CASE WHEN fr_state = 'stopped' AND fr_met THEN 1 ELSE 0 END)
           FILTER (WHERE fr_state = 'stopped' OR fr_breached IS NOT NULL), 1) AS fr_met_pct,
         round(100.0 * avg(CASE WHEN rs_state = 'stopped' AND rs_met THEN 1 ELSE 0 END)
           FILTER (WHERE rs_state = 'stopped' OR rs_breached IS NOT NULL), 1) AS rs_met_pct,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY fr_ms) FILTER (WHERE fr_state = 'stopped') AS fr_p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY fr_ms) FILTER (WHERE fr_state = 'stopped') AS fr_p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY rs_ms) FILTER (WHERE rs_state = 'stopped') AS rs_p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY rs_ms) FILTER (WHERE rs_state = 'stopped') AS rs_p90,
         round(100.0 * avg(CASE WHEN handovers = 0 AND reopens = 0 THEN 1 ELSE 0 END) FILTER (WHERE rs_state = 'stopped'), 1) AS fcr_pct
       FROM t GROUP BY team, priority, category ORDER BY team, priority, category`,
      [filter.from, filter.to, filter.team ?? null, filter.priority ?? null, filter.category ?? null],
    );
    return rows.map((r: Record<string, unknown>) => ({
      team: r.team as string,
      priority: r.priority as string,
      category: r.category as string,
      tickets: r.tickets as number,
      firstResponseMetPct: pct(r.fr_met_pct),
      resolutionMetPct: pct(r.rs_met_pct),
      medianResponseBusinessMinutes: minutes(r.fr_p50),
      p90ResponseBusinessMinutes: minutes(r.fr_p90),
      medianResolutionBusinessMinutes: minutes(r.rs_p50),
      p90ResolutionBusinessMinutes: minutes(r.rs_p90),
      firstContactResolutionPct: pct(r.fcr_pct),
    }));
  }
}
