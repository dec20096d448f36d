import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { BulkActionInput } from '../../workflows/bulk-action.messages';
import { cascadeIdOf } from '../../workflows/major-incident.messages';
import type { Actor } from '../../machines/actor';
import { actorOf, AuthUser } from '../auth/auth-user';
import { NumberAllocator } from '../numbering/number-allocator';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { BulkActionEntity, BulkActionItemEntity } from './bulk-action.entity';
import { BulkActionErrorCode, BulkActionException } from './bulk-actions.exception';
import type { BulkActionViewDto, StartBulkActionDto } from './dto/bulk-action.dto';

/** Bulk actions on a selection, and the record of every bulk action (a major incident's cascade too). */
@Injectable()
export class BulkActionsService {
  constructor(
    @InjectRepository(BulkActionEntity) private readonly actions: Repository<BulkActionEntity>,
    @InjectRepository(BulkActionItemEntity) private readonly items: Repository<BulkActionItemEntity>,
    private readonly numbers: NumberAllocator,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /**
   * Starts the workflow that gives every selected ticket the command, and answers at once (202):
   * the page follows its progress. A retry with the same Idempotency-Key gets the same action.
   */
  async start(user: AuthUser, dto: StartBulkActionDto, idempotencyKey?: string): Promise<BulkActionViewDto> {
    return this.startOn(actorOf(user), commandOf(dto), dto.numbers, idempotencyKey);
  }

  /** Any bulk action, also one the system plans (a policy change's recalculation of every open ticket). */
  async startOn(actor: Actor, command: BulkActionInput['command'], numbers: string[], idempotencyKey?: string): Promise<BulkActionViewDto> {
    const id = await this.numbers.next('bulkAction', idempotencyKey);
    const input: BulkActionInput = { id, command, actor, numbers };
    // Recorded before the start, so the page can follow it at once (a retry finds the first row).
    await this.actions.createQueryBuilder().insert().values({ id, command: input.command, actor: input.actor, majorIncident: null, numbers: input.numbers } as never).orIgnore().execute();
    await this.temporal.startOnce('bulkActionWorkflow', id, [input]);
    return this.get(id);
  }

  async get(id: string): Promise<BulkActionViewDto> {
    const found = await this.find(id);
    if (!found) throw new BulkActionException(BulkActionErrorCode.BulkActionNotFound, `bulk action ${id} not found`);
    return found;
  }

  /** A major incident's cascade, once its workflow has planned it. */
  cascadeOf(miNumber: string): Promise<BulkActionViewDto | null> {
    return this.find(cascadeIdOf(miNumber));
  }

  private async find(id: string): Promise<BulkActionViewDto | null> {
    const action = await this.actions.findOneBy({ id });
    if (!action) return null;
    const handled = new Map((await this.items.find({ where: { bulkActionId: id } })).map((i) => [i.number, i]));
    const items = action.numbers.map((number) => handled.get(number));
    return {
      id,
      command: action.command.type,
      requestedBy: action.actor.id,
      requestedByName: action.actor.name ?? null,
      majorIncident: action.majorIncident,
      total: action.numbers.length,
      handled: items.filter((i) => i?.outcome).length,
      finished: action.finishedAt !== null,
      createdAt: action.createdAt.toISOString(),
      finishedAt: action.finishedAt?.toISOString() ?? null,
      items: action.numbers.map((number, i) => ({ number, outcome: items[i]?.outcome ?? null, reason: items[i]?.reason ?? null, handledAt: items[i]?.handledAt?.toISOString() ?? null })),
    };
  }
}

function commandOf(dto: StartBulkActionDto): BulkActionInput['command'] {
  switch (dto.command) {
    case 'assignToTeam':
      return { type: dto.command, teamId: dto.teamId, ...(dto.note !== undefined ? { note: dto.note } : {}) };
    case 'assignToAgent':
      return { type: dto.command, agentId: dto.agentId };
    case 'setCategory':
      return { type: dto.command, categoryId: dto.categoryId };
    case 'closeAsDuplicate':
      return { type: dto.command, duplicateOf: dto.duplicateOf };
  }
}

