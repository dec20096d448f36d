import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { RequestItemsService } from '../catalog/request-items.service';
import { KnowledgeService } from '../knowledge/knowledge.service';
import type { SlaPolicy } from '../../machines/sla/sla-policy';
import { SlaPoliciesService } from '../sla/sla-policies.service';
import type { ArrivalsView, BacklogView, DeflectionView, FlagAgeView, Grouping, SlaStatisticsView } from './dto/statistics.dto';
import { MAX_PERIOD_DAYS } from './dto/statistics.dto';
import { ALL, arrivals, businessDayMs, calendarOf, ClockFacts, flagAges, serviceTimeZone, share, slaFiguresBy, TicketFacts } from './figures';
import { StatisticsErrorCode, StatisticsException } from './statistics.exception';

export interface Period {
  from: Date;
  to: Date;
}

/** A period from the query's ISO instants: 422 naming `from` unless it is before `to` (as /sla/report). */
export function periodOf(query: { from: string; to: string }): Period {
  const period = { from: new Date(query.from), to: new Date(query.to) };
  if (!(period.from < period.to)) throw new StatisticsException(StatisticsErrorCode.InvalidPeriod, '`from` must be before `to`', { field: 'from' });
  return period;
}

type Row = Record<string, unknown>;

const clock = (r: Row, prefix: 'fr' | 'rs'): ClockFacts | null =>
  r[`${prefix}_state`] === null
    ? null
    : {
        state: r[`${prefix}_state`] as ClockFacts['state'],
        met: r[`${prefix}_met`] as boolean | null,
        breached: r[`${prefix}_breached`] as boolean,
        elapsedMs: r[`${prefix}_ms`] === null ? null : Number(r[`${prefix}_ms`]),
      };

/**
 * The statistics of issue 15, item 5, read from the read model: ticket rows and the SLA clocks as
 * the ticket workflows recorded them (a report reads the read model, as /sla/report does). The
 * arithmetic is figures.ts's; the JSON answers and the CSV documents are written from one view.
 */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: SlaPoliciesService,
    private readonly guides: RequestItemsService,
    private readonly knowledge: KnowledgeService,
  ) {}

  /** SLA compliance and times of the tickets with an SLA opened in the period, per group. */
  async sla(period: Period, groupBy: Grouping, withinDays: number): Promise<SlaStatisticsView> {
    const policies = await this.policies.list();
    const zone = serviceTimeZone(policies);
    const tickets = await this.ticketFacts(policies, period, null);
    return { from: period.from.toISOString(), to: period.to.toISOString(), groupBy, withinDays, timeZone: zone, ...slaFiguresBy(tickets, groupBy, withinDays, zone) };
  }

  /** The tickets with an SLA opened in the period (of one organisation's requesters, when named) and their recorded clocks. */
  async ticketFacts(policies: SlaPolicy[], period: Period, organisation: string | null): Promise<TicketFacts[]> {
    const rows: Row[] = await this.db.query(
      `SELECT coalesce(t.team_name, '(no team)') AS team, t.priority, coalesce(t.category_name, '(no category)') AS category,
              t.created_at, t.handovers, t.reopens, (t.resolved_at IS NOT NULL OR t.reopens > 0) AS ever_resolved,
              t.sla_policy_code, t.sla_policy_version, t.sla_on_call,
              fr.state AS fr_state, fr.met AS fr_met, fr.breached_at IS NOT NULL AS fr_breached, fr.elapsed_ms_at_stop AS fr_ms,
              rs.state AS rs_state, rs.met AS rs_met, rs.breached_at IS NOT NULL AS rs_breached, rs.elapsed_ms_at_stop AS rs_ms
       FROM tickets t
       LEFT JOIN sla_clocks fr ON fr.ticket_number = t.number AND fr.name = 'firstResponse'
       LEFT JOIN sla_clocks rs ON rs.ticket_number = t.number AND rs.name = 'resolution'
       WHERE t.sla_policy_code IS NOT NULL AND t.created_at >= $1 AND t.created_at < $2
         AND ($3::text IS NULL OR t.requester_id IN (SELECT id FROM users WHERE organisation = $3))`,
      [period.from, period.to, organisation],
    );
    return rows.map(
      (r): TicketFacts => ({
        team: r.team as string,
        priority: r.priority as string,
        category: r.category as string,
        createdAt: r.created_at as Date,
        handovers: r.handovers as number,
        reopens: r.reopens as number,
        everResolved: r.ever_resolved as boolean,
        businessDayMs: businessDayMs(calendarOf(policies, r.sla_policy_code as string, r.sla_policy_version as number, r.sla_on_call as boolean)),
        firstResponse: clock(r, 'fr'),
        resolution: clock(r, 'rs'),
      }),
    );
  }

  /** Tickets opened and not closed at the end of each day of the period (a resolved ticket may still be reopened, so it counts until closed). */
  async backlog(period: Period): Promise<BacklogView> {
    const zone = serviceTimeZone(await this.policies.list());
    const ends = this.dayEnds(period, zone);
    const rows: Array<{ day: string; open: number }> = await this.db.query(
      `SELECT d.day, (SELECT count(*)::int FROM tickets t WHERE t.created_at < d.ends AND (t.closed_at IS NULL OR t.closed_at >= d.ends)) AS open
       FROM unnest($1::text[], $2::timestamptz[]) AS d(day, ends) ORDER BY d.day`,
      [ends.map((e) => e.day), ends.map((e) => e.ends)],
    );
    return { from: period.from.toISOString(), to: period.to.toISOString(), timeZone: zone, days: rows };
  }

  /** Every local day the period touches, with the instant it ends (DST days are 23 or 25 hours). */
  private dayEnds(period: Period, zone: string): Array<{ day: string; ends: Date }> {
    const first = DateTime.fromJSDate(period.from, { zone }).startOf('day');
    const last = DateTime.fromJSDate(new Date(period.to.getTime() - 1), { zone }).startOf('day');
    const count = Math.round(last.diff(first, 'days').days) + 1;
    if (count > MAX_PERIOD_DAYS) {
      throw new StatisticsException(StatisticsErrorCode.PeriodTooLong, `the backlog is counted day by day for at most ${MAX_PERIOD_DAYS} days`, { field: 'to' });
    }
    return Array.from({ length: count }, (_, i) => first.plus({ days: i })).map((day) => ({ day: day.toISODate()!, ends: day.plus({ days: 1 }).toJSDate() }));
  }

  /** Tickets opened in the period by hour and weekday, and how many outside their calendar's business hours (seed 001). */
  async arrivals(period: Period): Promise<ArrivalsView> {
    const policies = await this.policies.list();
    const rows: Row[] = await this.db.query(
      `SELECT created_at, sla_policy_code, sla_policy_version, sla_on_call FROM tickets WHERE created_at >= $1 AND created_at < $2`,
      [period.from, period.to],
    );
    const facts = rows.map((r) => ({
      createdAt: r.created_at as Date,
      calendar: calendarOf(policies, r.sla_policy_code as string | null, r.sla_policy_version as number | null, r.sla_on_call as boolean),
    }));
    return { from: period.from.toISOString(), to: period.to.toISOString(), ...arrivals(facts, serviceTimeZone(policies)) };
  }

  /** How long end users' messages have waited on open tickets with the Update flag, per team. */
  async updateFlags(at: Date): Promise<FlagAgeView> {
    const rows: Array<{ team: string; since: Date }> = await this.db.query(
      `SELECT coalesce(team_name, '(no team)') AS team, update_flag_since AS since FROM tickets
       WHERE update_flag AND update_flag_since IS NOT NULL AND update_flag_since <= $1 AND status NOT IN ('Resolved', 'Closed')`,
      [at],
    );
    const teams = [...new Set(rows.map((r) => r.team))].sort();
    return {
      at: at.toISOString(),
      rows: teams.map((team) => flagAges(team, rows.filter((r) => r.team === team).map((r) => r.since), at)),
      total: flagAges(ALL, rows.map((r) => r.since), at),
    };
  }

  /** Problems solved by a guide or an article in the period, against the tickets raised in the portal. */
  async deflection(period: Period): Promise<DeflectionView> {
    const [guides, articleDeflections, [{ n: portalTickets }]] = await Promise.all([
      this.guides.statistics(period),
      this.knowledge.deflectionsBetween(period.from, period.to),
      this.db.query(`SELECT count(*)::int AS n FROM tickets WHERE channel = 'portal' AND created_at >= $1 AND created_at < $2`, [period.from, period.to]),
    ]);
    const sum = (pick: (row: (typeof guides)[number]) => number) => guides.reduce((total, row) => total + pick(row), 0);
    const guidesSolved = sum((g) => g.solved);
    const deflected = guidesSolved + articleDeflections;
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      guidesSolved,
      guidesNotCovered: sum((g) => g.notCovered),
      guidesToTicket: sum((g) => g.create),
      articleDeflections,
      portalTickets,
      deflectionPct: share(deflected, deflected + portalTickets),
    };
  }
}
