import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import ms, { StringValue } from 'ms';
import { Brackets, DataSource, In, Repository } from 'typeorm';
import { DEFAULT_CALENDAR } from '../../machines/calendar/business-calendar';
import { allowedCsiCommands, csiLaw, restoreCsi } from '../../machines/csi-proposal.law';
import type { CsiCommand } from '../../machines/csi-proposal.types';
import { CsiCommandMessage, CsiPolicy, csiProcess, CsiWorkflowInput } from '../../workflows/csi-proposal.messages';
import { AuditService } from '../audit/audit.service';
import { WhatIfService } from '../what-if/what-if.service';
import { NumberAllocator } from '../numbering/number-allocator';
import { refuseEarly } from '../temporal/process-commands';
import { ProcessWorkflowsClient } from '../temporal/process-workflows.client';
import { actorOf, AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/user.entity';
import { CategoryEntity } from '../catalog/category.entity';
import { CsiJournalEntity, CsiProposalEntity } from './csi-proposal.entity';
import { CsiErrorCode, CsiException } from './csi.exception';
import type {
  CreateCsiProposalDto,
  CsiAgendaItemDto,
  CsiProposalListItemDto,
  CsiProposalPageDto,
  CsiProposalViewDto,
  ListCsiProposalsQuery,
} from './dto/csi.dto';

/** The service catalog item a change proposal is reachable from (seed 000, CSI governance). */
export const CHANGE_PROPOSAL_CATEGORY = 'Administration / ITSM tool / Change proposal';

/** Seed 000: a stage waiting more than 10 business days reminds its owner (a working day counts 8 h). */
export const DEFAULT_REMINDER_AFTER_MS = 10 * 8 * 3600_000;

/** The reminder policy; `CSI_STAGE_REMINDER_AFTER` (e.g. `2h`) counts business time of the default calendar. */
export function csiPolicy(env: NodeJS.ProcessEnv = process.env): CsiPolicy {
  const custom = env.CSI_STAGE_REMINDER_AFTER ? ms(env.CSI_STAGE_REMINDER_AFTER as StringValue) : undefined;
  if (custom !== undefined && (typeof custom !== 'number' || !(custom > 0))) throw new Error(`invalid CSI_STAGE_REMINDER_AFTER "${env.CSI_STAGE_REMINDER_AFTER}"`);
  return { reminderAfterMs: custom ?? DEFAULT_REMINDER_AFTER_MS, calendar: DEFAULT_CALENDAR, maxCommandsPerRun: 500 };
}

@Injectable()
export class CsiService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(CsiProposalEntity) private readonly proposals: Repository<CsiProposalEntity>,
    @InjectRepository(CsiJournalEntity) private readonly journal: Repository<CsiJournalEntity>,
    private readonly workflows: ProcessWorkflowsClient,
    private readonly audit: AuditService,
    private readonly numbers: NumberAllocator,
    private readonly whatIf: WhatIfService,
  ) {}

  async create(user: AuthUser, dto: CreateCsiProposalDto, idempotencyKey?: string): Promise<CsiProposalViewDto> {
    if (dto.categoryId) {
      const category = await this.db.getRepository(CategoryEntity).findOneBy({ id: dto.categoryId });
      if (!category || category.name !== CHANGE_PROPOSAL_CATEGORY) {
        throw new CsiException(CsiErrorCode.UnknownReference, `a change proposal belongs to the catalog item "${CHANGE_PROPOSAL_CATEGORY}"`, {
          field: 'categoryId',
        });
      }
    }
    const number = await this.numbers.next('proposal', idempotencyKey);
    const input: CsiWorkflowInput = {
      proposerId: user.id,
      createdBy: actorOf(user),
      policy: csiPolicy(),
      record: {
        number,
        title: dto.title.trim(),
        description: dto.description,
        concerns: dto.concerns.trim(),
        expectedBenefit: dto.expectedBenefit,
        categoryId: dto.categoryId ?? null,
        createdAt: new Date().toISOString(),
      },
    };
    await this.workflows.open(csiProcess, number, input);
    return this.get(user, number);
  }

  /** Status, priority and the decision trail are visible to the proposer and to everyone. */
  async get(user: AuthUser, number: string): Promise<CsiProposalViewDto> {
    const proposal = await this.find(number);
    const [trail, names] = await Promise.all([
      this.journal.find({ where: { proposalNumber: number }, order: { seq: 'ASC' } }),
      this.namesOf([proposal.proposerId]),
    ]);
    return {
      ...this.listItem(proposal, names),
      description: proposal.description,
      expectedBenefit: proposal.expectedBenefit,
      categoryId: proposal.categoryId,
      stageSince: proposal.stageSince.toISOString(),
      informationRequest: proposal.informationRequest,
      assessment: proposal.assessment,
      decisions: proposal.decisions,
      trail: trail.map((e) => ({ seq: e.seq, authorId: e.authorId, text: e.text, at: e.createdAt.toISOString() })),
      evidence: await this.whatIf.forProposal(number),
      version: proposal.version,
      allowedCommands: allowedCsiCommands(restoreCsi(proposal.machineState), actorOf(user)),
    };
  }

  /** The register: every proposal, newest first, with filters. */
  async list(query: ListCsiProposalsQuery): Promise<CsiProposalPageDto> {
    const q = this.proposals.createQueryBuilder('p');
    if (query.stage) q.andWhere('p.stage = :stage', { stage: query.stage });
    if (query.proposer) q.andWhere('p.proposer_id = :proposer', { proposer: query.proposer });
    if (query.priority) q.andWhere('COALESCE(p.priority_final, p.priority_proposed) = :priority', { priority: query.priority });
    if (query.q?.trim()) {
      const text = `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere(
        new Brackets((w) =>
          w
            .where('p.number ILIKE :text', { text })
            .orWhere('p.title ILIKE :text')
            .orWhere('p.description ILIKE :text')
            .orWhere('p.concerns ILIKE :text')
            .orWhere('p.expected_benefit ILIKE :text'),
        ),
      );
    }
    const [rows, total] = await q
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.number', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const names = await this.namesOf(rows.map((r) => r.proposerId));
    return { items: rows.map((r) => this.listItem(r, names)), total, page: query.page, pageSize: query.pageSize };
  }

  /** The CSI forum's agenda: proposals awaiting its decision, with assessments and proposed priorities. */
  async agenda(): Promise<CsiAgendaItemDto[]> {
    const rows = await this.proposals.find({ where: { stage: 'forumDecision' }, order: { stageSince: 'ASC', number: 'ASC' } });
    const names = await this.namesOf(rows.map((r) => r.proposerId));
    return Promise.all(rows.map(async (r) => ({
      ...this.listItem(r, names),
      description: r.description,
      expectedBenefit: r.expectedBenefit,
      assessment: r.assessment,
      decisions: r.decisions,
      evidence: await this.whatIf.forProposal(r.number),
    })));
  }

  /**
   * Sends a command to the proposal's workflow, which decides; the read model's copy of the
   * machine answers early (a final proposal's workflow has ended). A refusal leaves one audit line.
   */
  async command(user: AuthUser, number: string, command: CsiCommand, idempotencyKey?: string): Promise<CsiProposalViewDto> {
    const proposal = await this.find(number);
    const message = { ...command, actor: actorOf(user) } as CsiCommandMessage;
    await this.audit.refusals(user, number, command.type, async () => {
      refuseEarly(csiLaw, proposal.machineState, message, idempotencyKey);
      await this.workflows.send(csiProcess, number, message, idempotencyKey);
    });
    return this.get(user, number);
  }

  private listItem(p: CsiProposalEntity, names: Map<string, string>): CsiProposalListItemDto {
    return {
      number: p.number,
      title: p.title,
      concerns: p.concerns,
      stage: p.stage,
      proposer: { id: p.proposerId, name: names.get(p.proposerId) ?? p.proposerId },
      priorityProposed: p.priorityProposed,
      priorityFinal: p.priorityFinal,
      forumDate: p.forumDate?.toISOString() ?? null,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const users = await this.db.getRepository(UserEntity).findBy({ id: In([...new Set(ids)]) });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  private async find(number: string): Promise<CsiProposalEntity> {
    const proposal = await this.proposals.findOneBy({ number });
    if (!proposal) throw new CsiException(CsiErrorCode.ProposalNotFound, `change proposal ${number} not found`);
    return proposal;
  }

}
