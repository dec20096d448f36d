import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { Actor } from '../../machines/actor';
import type { TicketCommand } from '../../machines/ticket.types';
import type { BulkActionInput, BulkActivities, BulkItemOutcome } from '../../workflows/bulk-action.messages';
import type { AuthUser } from '../auth/auth-user';
import { DomainException } from '../errors/domain.exception';
import { Activity } from '../temporal/activity.decorator';
import { TicketReadModel } from '../tickets/ticket-read-model';
import { TicketsService } from '../tickets/tickets.service';
import { BulkActionEntity, BulkActionItemEntity } from './bulk-action.entity';

const FINISHED = ['Resolved', 'Closed'];

/** The bulk-action workflow's steps (workflows/bulk-action.workflow.ts): plan, one ticket at a time, finish. */
@Injectable()
export class BulkActionActivities implements BulkActivities {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(BulkActionEntity) private readonly actions: Repository<BulkActionEntity>,
    @InjectRepository(BulkActionItemEntity) private readonly items: Repository<BulkActionItemEntity>,
    private readonly tickets: TicketsService,
    private readonly readModel: TicketReadModel,
  ) {}

  /** Once per action (a retry finds the rows): the versions read now are what a cascade acts on. */
  @Activity()
  async openBulkAction(input: BulkActionInput): Promise<void> {
    const planned = await this.readModel.versionsOf(input.numbers);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO bulk_actions (id, command, actor, major_incident, numbers) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        [input.id, input.command, input.actor, input.majorIncident ?? null, JSON.stringify(input.numbers)],
      );
      await tx.query(
        `INSERT INTO bulk_action_items (bulk_action_id, number, position, planned_version, planned_status)
         SELECT $1, n, p, v, s FROM unnest($2::text[], $3::int[], $4::int[], $5::text[]) AS x(n, p, v, s)
         ON CONFLICT DO NOTHING`,
        [
          input.id,
          input.numbers,
          input.numbers.map((_n, i) => i),
          input.numbers.map((n) => planned.get(n)?.version ?? null),
          input.numbers.map((n) => planned.get(n)?.status ?? null),
        ],
      );
    });
  }

  /**
   * The command on one ticket, under an Update id made of the action and the ticket: a retry after
   * a crash gets the first answer from the ticket's workflow. The outcome is written last; a
   * refusal is an outcome, an unreachable Temporal or database is thrown (the activity retries).
   */
  @Activity()
  async applyBulkItem(id: string, number: string): Promise<BulkItemOutcome> {
    const item = await this.items.findOneByOrFail({ bulkActionId: id, number });
    if (item.outcome) return outcomeOf(item);
    const action = await this.actions.findOneByOrFail({ id });
    let outcome: BulkItemOutcome;
    try {
      outcome = await this.apply(action, item);
    } catch (error) {
      if (!(error instanceof DomainException) || error.kind === 'unavailable') throw error;
      outcome = { number, outcome: 'refused', reason: reasonOf(error, action) };
    }
    await this.items.update(
      { bulkActionId: id, number, outcome: IsNull() },
      { outcome: outcome.outcome, reason: outcome.outcome === 'done' ? null : outcome.reason, handledAt: new Date() },
    );
    return outcome;
  }

  @Activity()
  async finishBulkAction(id: string): Promise<void> {
    await this.actions.update({ id, finishedAt: IsNull() }, { finishedAt: new Date() });
  }

  private async apply(action: BulkActionEntity, item: BulkActionItemEntity): Promise<BulkItemOutcome> {
    const { number } = item;
    if (item.plannedVersion === null) return { number, outcome: 'refused', reason: `${number} does not exist` };
    const key = `${action.id}:${number}`;
    const { type, ...fields } = action.command;
    if (type === 'recalculateSla') {
      // A policy change: the ticket goes under the newest version of its policy (issue 15, item 2).
      if (item.plannedStatus === 'Closed') return { number, outcome: 'skipped', reason: 'already Closed' };
      await this.tickets.putUnderNewestPolicy(userOf(action.actor), number, key);
    } else if (type === 'resolveWithMajorIncident') {
      if (FINISHED.includes(item.plannedStatus ?? '')) return { number, outcome: 'skipped', reason: `already ${item.plannedStatus}` };
      await this.tickets.resolveWithMajorIncident(action.actor, number, { type, ...(fields as { miNumber: string; resolution: string }) }, item.plannedVersion, key);
    } else {
      await this.tickets.send(userOf(action.actor), number, { type, ...fields } as TicketCommand, key);
    }
    return { number, outcome: 'done' };
  }
}

function outcomeOf(item: BulkActionItemEntity): BulkItemOutcome {
  return item.outcome === 'done' ? { number: item.number, outcome: 'done' } : { number: item.number, outcome: item.outcome!, reason: item.reason ?? '' };
}

/** The ticket's own words; a cascade's stale version in the words of the major incident. */
function reasonOf(error: DomainException, action: BulkActionEntity): string {
  const rule = typeof error.detail.rule === 'string' ? error.detail.rule : undefined;
  if (rule === 'staleVersion' && action.majorIncident) return `it changed after ${action.majorIncident} was resolved (a reply or another agent's step): look at it before resolving it`;
  return rule ? `${error.message} (${rule})` : error.message;
}

/** The person who asked, as the ticket service knows callers. */
function userOf(actor: Actor): AuthUser {
  return { id: actor.id, username: actor.id, displayName: actor.name ?? actor.id, role: actor.role as AuthUser['role'], teamIds: actor.teamIds ?? [] };
}
