import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { TicketStatus } from '../../machines/ticket.types';
import type { AuthUser } from '../auth/auth-user';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { toTicketListItem } from '../tickets/ticket-view.mapper';
import type { PageQuery } from '../http/page.query';
import type { QueuePageDto, UpdateFlagQuery } from './dto/queue.dto';
import { QueueErrorCode, QueuesException } from './queues.exception';

/** A ticket is open until it is Resolved; Resolved and Closed leave the work queues. */
const DONE: readonly TicketStatus[] = ['Resolved', 'Closed'];

interface QueueRaw {
  t_number: string;
  queue_total: string;
  queue_update_flag_since: Date | null;
}

/**
 * The overviews of issue 4 item 8, each one indexed query over the `tickets` read model
 * (the indexes of the dispatch migration): its page and, by a window count, the total.
 */
@Injectable()
export class QueuesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A team's open tickets: unassigned first (the dispatcher's work), then priority, then the nearest SLA deadline. */
  async team(user: AuthUser, teamId: string, page: PageQuery): Promise<QueuePageDto> {
    const result = await this.page(
      this.open()
        .andWhere('t.team_id = :teamId', { teamId })
        .orderBy('t.assignee_id IS NULL', 'DESC')
        .addOrderBy('t.priority', 'ASC')
        .addOrderBy('t.sla_next_deadline', 'ASC', 'NULLS LAST')
        .addOrderBy('t.created_at', 'ASC')
        .addOrderBy('t.number', 'ASC'),
      page,
    );
    if (result.total === 0 && !(await this.exists('teams', teamId))) {
      throw new QueuesException(QueueErrorCode.TeamNotFound, `team ${teamId} not found`);
    }
    return result;
  }

  /** Every ticket in one status, by priority, then the nearest SLA deadline, then age. */
  async status(user: AuthUser, status: TicketStatus, page: PageQuery): Promise<QueuePageDto> {
    return this.page(
      this.tickets()
        .where('t.status = :status', { status })
        .orderBy('t.priority', 'ASC')
        .addOrderBy('t.sla_next_deadline', 'ASC', 'NULLS LAST')
        .addOrderBy('t.created_at', 'ASC')
        .addOrderBy('t.number', 'ASC'),
      page,
    );
  }

  /** An agent's open tickets, by priority, then the nearest SLA deadline. */
  async agent(user: AuthUser, agentId: string, page: PageQuery): Promise<QueuePageDto> {
    const result = await this.page(
      this.open()
        .andWhere('t.assignee_id = :agentId', { agentId })
        .orderBy('t.priority', 'ASC')
        .addOrderBy('t.sla_next_deadline', 'ASC', 'NULLS LAST')
        .addOrderBy('t.created_at', 'ASC')
        .addOrderBy('t.number', 'ASC'),
      page,
    );
    if (result.total === 0 && !(await this.exists('users', agentId))) {
      throw new QueuesException(QueueErrorCode.AgentNotFound, `agent ${agentId} not found`);
    }
    return result;
  }

  /** Seed 000, principle 4: open tickets whose user wrote more than `olderThanMinutes` ago and got no answer, oldest first. */
  async updateFlag(user: AuthUser, query: UpdateFlagQuery, now = new Date()): Promise<QueuePageDto> {
    const q = this.open()
      .andWhere('t.update_flag')
      .andWhere('t.update_flag_since < :threshold', { threshold: new Date(now.getTime() - query.olderThanMinutes * 60_000) });
    if (query.team) q.andWhere('t.team_id = :team', { team: query.team });
    return this.page(q.orderBy('t.update_flag_since', 'ASC').addOrderBy('t.number', 'ASC'), query);
  }

  private tickets(): SelectQueryBuilder<TicketEntity> {
    return this.db.getRepository(TicketEntity).createQueryBuilder('t');
  }

  private open(): SelectQueryBuilder<TicketEntity> {
    return this.tickets().where('t.status NOT IN (:...done)', { done: DONE });
  }

  /** One statement: the page's rows with `count(*) OVER ()`, the size of the whole queue. */
  private async page(q: SelectQueryBuilder<TicketEntity>, page: PageQuery): Promise<QueuePageDto> {
    const { raw, entities } = await q
      .addSelect('count(*) OVER ()', 'queue_total')
      // By column name: the dispatch migration's column, whatever the entity maps it to.
      .addSelect('t.update_flag_since', 'queue_update_flag_since')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .getRawAndEntities<QueueRaw>();
    const byNumber = new Map(raw.map((r) => [r.t_number, r]));
    // A page past the end has no rows to carry the window count: only then is the queue counted apart.
    const total = raw.length > 0 ? Number(raw[0].queue_total) : page.page > 1 ? await q.getCount() : 0;
    return {
      items: entities.map((t) => {
        const since = byNumber.get(t.number)?.queue_update_flag_since ?? null;
        return {
          ...toTicketListItem(t),
          slaNextDeadline: t.slaNextDeadline ? t.slaNextDeadline.toISOString() : null,
          updateFlagSince: since ? new Date(since).toISOString() : null,
        };
      }),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  private async exists(table: 'teams' | 'users', id: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return row !== undefined;
  }
}
