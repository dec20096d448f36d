import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { TicketStatus } from '../../machines/ticket.types';
import type { AuthUser } from '../auth/auth-user';
import { appConfig } from '../config/app-config';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { toTicketListItem } from '../tickets/ticket-view.mapper';
import type { PageQuery } from '../http/page.query';
import type { QueuePageDto, UpdateFlagQuery } from './dto/queue.dto';
import { QueueErrorCode, QueuesException } from './queues.exception';

/** NULL deadlines last, as the queue indexes store them (migration 1764806400000). */
const DEADLINE = `COALESCE(t.sla_next_deadline, 'infinity'::timestamptz)`;
/** A ticket is open until it is Resolved; Resolved and Closed leave the work queues. */
export const OPEN = `t.status NOT IN ('Resolved', 'Closed')`;

/** The orders of the overviews, each exactly an index's columns (bench:queues explains these). */
export const QUEUE_ORDER = {
  team: `(t.assignee_id IS NOT NULL), t.priority, ${DEADLINE}, t.created_at, t.number`,
  status: `t.priority, ${DEADLINE}, t.created_at, t.number`,
  agent: `t.priority, ${DEADLINE}, t.created_at, t.number`,
};

/** An overview: which tickets (SQL over `tickets t`), in which order — exactly an index's columns. */
interface Overview {
  where: string;
  params: unknown[];
  order: string;
}

/**
 * The overviews of issue 4 item 8 over the `tickets` read model. Each has an index whose columns
 * are its filter and its order, so a page is found by an index-only scan over the numbers (a page
 * deep in the list skips index entries, not rows), its rows are then read by number, and the
 * total is an index-only count up to `QUEUE_COUNT_CAP` (10,000): three short statements instead of
 * sorting the whole queue.
 */
@Injectable()
export class QueuesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** A team's open tickets: unassigned first (the dispatcher's work), then priority, then the nearest SLA deadline. */
  async team(user: AuthUser, teamId: string, page: PageQuery): Promise<QueuePageDto> {
    const result = await this.page(
      { where: `t.team_id = $1 AND ${OPEN}`, params: [teamId], order: QUEUE_ORDER.team },
      page,
    );
    if (result.total === 0 && !(await this.exists('teams', teamId))) {
      throw new QueuesException(QueueErrorCode.TeamNotFound, `team ${teamId} not found`);
    }
    return result;
  }

  /** Every ticket in one status, by priority, then the nearest SLA deadline, then age. */
  async status(user: AuthUser, status: TicketStatus, page: PageQuery): Promise<QueuePageDto> {
    return this.page({ where: `t.status = $1`, params: [status], order: QUEUE_ORDER.status }, page);
  }

  /** An agent's open tickets, by priority, then the nearest SLA deadline. */
  async agent(user: AuthUser, agentId: string, page: PageQuery): Promise<QueuePageDto> {
    const result = await this.page(
      { where: `t.assignee_id = $1 AND ${OPEN}`, params: [agentId], order: QUEUE_ORDER.agent },
      page,
    );
    if (result.total === 0 && !(await this.exists('users', agentId))) {
      throw new QueuesException(QueueErrorCode.AgentNotFound, `agent ${agentId} not found`);
    }
    return result;
  }

  /** Seed 000, principle 4: open tickets whose user wrote more than `olderThanMinutes` ago and got no answer, oldest first. */
  async updateFlag(user: AuthUser, query: UpdateFlagQuery, now = new Date()): Promise<QueuePageDto> {
    const threshold = new Date(now.getTime() - query.olderThanMinutes * 60_000);
    const team = query.team ? ` AND t.team_id = $2` : '';
    return this.page(
      { where: `t.update_flag AND t.update_flag_since < $1 AND ${OPEN}${team}`, params: query.team ? [threshold, query.team] : [threshold], order: `t.update_flag_since, t.number` },
      query,
    );
  }

  private async page(overview: Overview, page: PageQuery): Promise<QueuePageDto> {
    const n = overview.params.length;
    const cap = this.config.queueCountCap;
    const [numbers, [{ total }]]: [Array<{ number: string }>, Array<{ total: string }>] = await Promise.all([
      this.db.query(
        `SELECT t.number FROM tickets t WHERE ${overview.where} ORDER BY ${overview.order} OFFSET $${n + 1} LIMIT $${n + 2}`,
        [...overview.params, (page.page - 1) * page.pageSize, page.pageSize],
      ),
      // Counted up to the cap: an exact count of 50,000 open tickets read the whole index (~25 ms).
      this.db.query(`SELECT count(*) AS total FROM (SELECT 1 FROM tickets t WHERE ${overview.where} LIMIT ${cap + 1}) queue`, overview.params),
    ]);
    const rows = numbers.length ? await this.db.getRepository(TicketEntity).findBy({ number: In(numbers.map((r) => r.number)) }) : [];
    const byNumber = new Map(rows.map((t) => [t.number, t]));
    return {
      items: numbers.map(({ number }) => byNumber.get(number)).filter((t): t is TicketEntity => !!t).map((t) => ({
        ...toTicketListItem(t),
        slaNextDeadline: t.slaNextDeadline ? t.slaNextDeadline.toISOString() : null,
        updateFlagSince: t.updateFlagSince ? t.updateFlagSince.toISOString() : null,
      })),
      total: Math.min(Number(total), cap),
      totalExact: Number(total) <= cap,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  private async exists(table: 'teams' | 'users', id: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return row !== undefined;
  }
}
