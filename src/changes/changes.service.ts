import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, In, Repository } from 'typeorm';
import { allowedChangeCommands, changeLaw, restoreChange } from '../../machines/change.law';
import {
  CHANGE_AUTHORITY_ROLES,
  INCIDENT_NUMBER,
  PROBLEM_NUMBER,
  type ChangeAssessment,
  type ChangeCommand,
} from '../../machines/change.types';
import { ChangeCommandMessage, changeProcess, ChangeWorkflowInput } from '../../workflows/change.messages';
import { AuditService } from '../audit/audit.service';
import { NumberAllocator } from '../numbering/number-allocator';
import { refuseEarly } from '../temporal/process-commands';
import { ProcessWorkflowsClient } from '../temporal/process-workflows.client';
import { actorOf, AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/user.entity';
import { ChangeEntity, ChangeJournalEntity, ChangeTemplateEntity } from './change.entity';
import { ChangeErrorCode, ChangeException } from './changes.exception';
import type { ChangeListItemDto, ChangePageDto, ChangeTemplateDto, ChangeViewDto, CreateChangeDto, ListChangesQuery } from './dto/changes.dto';

@Injectable()
export class ChangesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ChangeEntity) private readonly changes: Repository<ChangeEntity>,
    @InjectRepository(ChangeJournalEntity) private readonly journal: Repository<ChangeJournalEntity>,
    @InjectRepository(ChangeTemplateEntity) private readonly templates: Repository<ChangeTemplateEntity>,
    private readonly workflows: ProcessWorkflowsClient,
    private readonly audit: AuditService,
    private readonly numbers: NumberAllocator,
  ) {}

  async listTemplates(): Promise<ChangeTemplateDto[]> {
    const rows = await this.templates.find({ where: { active: true }, order: { title: 'ASC' } });
    return rows.map(({ active: _active, ...t }) => t);
  }

  async create(user: AuthUser, dto: CreateChangeDto, idempotencyKey?: string): Promise<ChangeViewDto> {
    const actor = actorOf(user);
    const at = new Date().toISOString();
    let assessment: ChangeAssessment | null = null;
    let title = dto.title?.trim() ?? '';
    let description = dto.description?.trim() ?? '';
    let authority = { approverIds: [] as string[], quorum: 0 };
    if (dto.type === 'standard') {
      if (!dto.templateId) throw new ChangeException(ChangeErrorCode.RuleBroken, 'a standard change comes from a pre-approved template', { field: 'templateId' });
      const template = await this.templates.findOneBy({ id: dto.templateId, active: true });
      if (!template) throw new ChangeException(ChangeErrorCode.UnknownReference, 'no such change template', { field: 'templateId' });
      assessment = { risk: template.risk, impact: template.impact, implementationPlan: template.implementationPlan, backoutPlan: template.backoutPlan, by: 'template', at };
      title ||= template.title;
      description ||= template.description;
    } else {
      if (dto.templateId) throw new ChangeException(ChangeErrorCode.RuleBroken, 'only a standard change comes from a template', { field: 'templateId' });
      const approverIds = [...new Set(dto.approverIds ?? [])];
      if (dto.type === 'emergency' && approverIds.length !== 1) {
        throw new ChangeException(ChangeErrorCode.RuleBroken, 'the emergency CAB is one approver', { field: 'approverIds' });
      }
      if (!approverIds.length) throw new ChangeException(ChangeErrorCode.RuleBroken, 'a normal change names its CAB (approverIds)', { field: 'approverIds' });
      const approvers = await this.db.getRepository(UserEntity).findBy({ id: In(approverIds) });
      if (approvers.length !== approverIds.length || approvers.some((a) => !CHANGE_AUTHORITY_ROLES.includes(a.role))) {
        throw new ChangeException(ChangeErrorCode.UnknownReference, 'every approver is a member of the change authority (admin, process manager, incident manager)', { field: 'approverIds' });
      }
      const quorum = dto.type === 'emergency' ? 1 : dto.quorum ?? approverIds.length;
      if (quorum > approverIds.length) throw new ChangeException(ChangeErrorCode.RuleBroken, 'the quorum cannot exceed the number of approvers', { field: 'quorum' });
      authority = { approverIds, quorum };
    }
    if (!title) throw new ChangeException(ChangeErrorCode.RuleBroken, 'a change needs a title', { field: 'title' });
    const problemNumbers = [...new Set(dto.problemNumbers ?? [])];
    const incidentNumbers = [...new Set(dto.incidentNumbers ?? [])];
    if (problemNumbers.some((n) => !PROBLEM_NUMBER.test(n))) throw new ChangeException(ChangeErrorCode.RuleBroken, 'a problem number looks like PRB-000001', { field: 'problemNumbers' });
    if (incidentNumbers.some((n) => !INCIDENT_NUMBER.test(n))) throw new ChangeException(ChangeErrorCode.RuleBroken, 'an incident number looks like INC-000001', { field: 'incidentNumbers' });

    const number = await this.numbers.next('change', idempotencyKey);
    const input: ChangeWorkflowInput = {
      record: { number, changeType: dto.type, title, description, templateId: dto.templateId ?? null, createdAt: at },
      requesterId: user.id,
      authority,
      assessment,
      problemNumbers,
      incidentNumbers,
      policy: { maxCommandsPerRun: 500 },
      createdBy: actor,
    };
    await this.workflows.open(changeProcess, number, input);
    return this.get(user, number);
  }

  async get(user: AuthUser, number: string): Promise<ChangeViewDto> {
    const change = await this.find(number);
    const trail = await this.journal.find({ where: { changeNumber: number }, order: { seq: 'ASC' } });
    return {
      ...this.listItem(change),
      description: change.description,
      templateId: change.templateId,
      stageSince: change.stageSince.toISOString(),
      assessment: change.assessment,
      authority: change.authority,
      votes: change.votes,
      overrunAt: change.overrunAt?.toISOString() ?? null,
      review: change.review,
      decisions: change.decisions,
      trail: trail.map((e) => ({ seq: e.seq, authorId: e.authorId, text: e.text, at: e.createdAt.toISOString() })),
      version: change.version,
      allowedCommands: allowedChangeCommands(restoreChange(change.machineState), actorOf(user)),
    };
  }

  async list(query: ListChangesQuery): Promise<ChangePageDto> {
    const q = this.changes.createQueryBuilder('c');
    if (query.stage) q.andWhere('c.stage = :stage', { stage: query.stage });
    if (query.type) q.andWhere('c.change_type = :type', { type: query.type });
    if (query.q?.trim()) {
      const words = query.q.trim();
      const text = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere(
        new Brackets((w) =>
          w
            .where('c.number ILIKE :text', { text })
            .orWhere('c.title ILIKE :text')
            .orWhere('c.description ILIKE :text')
            .orWhere(':words = ANY(c.problem_numbers)', { words: words.toUpperCase() })
            .orWhere(':words = ANY(c.incident_numbers)'),
        ),
      );
    }
    const [rows, total] = await q
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.number', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => this.listItem(r)), total, page: query.page, pageSize: query.pageSize };
  }

  /** Sends a command to the change's workflow, which decides; the read model's copy of the machine answers early. */
  async command(user: AuthUser, number: string, command: ChangeCommand, idempotencyKey?: string): Promise<ChangeViewDto> {
    const change = await this.find(number);
    const message = { ...command, actor: actorOf(user) } as ChangeCommandMessage;
    await this.audit.refusals(user, number, command.type, async () => {
      refuseEarly(changeLaw, change.machineState, message, idempotencyKey);
      await this.workflows.send(changeProcess, number, message, idempotencyKey);
    });
    return this.get(user, number);
  }

  private listItem(c: ChangeEntity): ChangeListItemDto {
    return {
      number: c.number,
      type: c.changeType,
      title: c.title,
      stage: c.stage,
      requesterId: c.requesterId,
      windowStart: c.windowStart?.toISOString() ?? null,
      windowEnd: c.windowEnd?.toISOString() ?? null,
      problemNumbers: c.problemNumbers,
      incidentNumbers: c.incidentNumbers,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }

  private async find(number: string): Promise<ChangeEntity> {
    const change = await this.changes.findOneBy({ number });
    if (!change) throw new ChangeException(ChangeErrorCode.ChangeNotFound, `change ${number} not found`);
    return change;
  }

}
