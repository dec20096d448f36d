import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, In, Repository } from 'typeorm';
import { isStaff } from '../../machines/actor';
import { allowedProblemCommands, problemLaw, restoreProblem } from '../../machines/problem.law';
import { isIncidentNumber, type ProblemCommand } from '../../machines/problem.types';
import { ProblemCommandMessage, ProblemPolicy, problemProcess, ProblemWorkflowInput } from '../../workflows/problem.messages';
import { AuditService } from '../audit/audit.service';
import { NumberAllocator } from '../numbering/number-allocator';
import { refuseEarly } from '../temporal/process-commands';
import { ProcessWorkflowsClient } from '../temporal/process-workflows.client';
import { actorOf, AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/user.entity';
import { TicketEntity } from '../tickets/entities/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';
import { KnowledgeEntryEntity, ProblemEntity, ProblemJournalEntity } from './problem.entity';
import { ProblemErrorCode, ProblemException } from './problems.exception';
import type { CreateProblemDto, KnowledgeEntryDto, ProblemListItemDto, ProblemPageDto, ProblemViewDto, ListProblemsQuery } from './dto/problem.dto';

export const problemPolicy = (): ProblemPolicy => ({ maxCommandsPerRun: 500 });

/** Ticket statuses a resolved problem no longer writes to. */
const DONE_STATUSES = ['Resolved', 'Closed'];


const escapeLike = (text: string) => `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@Injectable()
export class ProblemsService {
  private readonly logger = new Logger(ProblemsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectRepository(ProblemJournalEntity) private readonly journal: Repository<ProblemJournalEntity>,
    @InjectRepository(KnowledgeEntryEntity) private readonly knowledge: Repository<KnowledgeEntryEntity>,
    private readonly workflows: ProcessWorkflowsClient,
    private readonly audit: AuditService,
    private readonly numbers: NumberAllocator,
    private readonly tickets: TicketsService,
  ) {}

  /** A problem from one or more existing incidents; agents and the incident and process managers create them. */
  async create(user: AuthUser, dto: CreateProblemDto, idempotencyKey?: string): Promise<ProblemViewDto> {
    const title = dto.title?.trim();
    if (!title) throw new ProblemException(ProblemErrorCode.RuleBroken, 'a problem needs a title', { field: 'title' });
    const incidents = [...new Set((dto.incidents ?? []).map((n) => n.trim()))];
    if (!incidents.length) throw new ProblemException(ProblemErrorCode.RuleBroken, 'a problem is made of one or more incidents', { field: 'incidents' });
    await this.requireIncidents(incidents);
    const number = await this.numbers.next('problem', idempotencyKey);
    const input: ProblemWorkflowInput = {
      incidents,
      createdBy: actorOf(user),
      policy: problemPolicy(),
      record: { number, title, description: dto.description ?? '', createdAt: new Date().toISOString() },
    };
    await this.workflows.open(problemProcess, number, input);
    return this.get(user, number);
  }

  async get(user: AuthUser, number: string): Promise<ProblemViewDto> {
    const problem = await this.find(number);
    const [trail, entry] = await Promise.all([
      this.journal.find({ where: { problemNumber: number }, order: { seq: 'ASC' } }),
      problem.knowledgeEntryId ? this.knowledge.findOneBy({ id: problem.knowledgeEntryId }) : Promise.resolve(null),
    ]);
    return {
      ...this.listItem(problem),
      description: problem.description,
      stageSince: problem.stageSince.toISOString(),
      rootCause: problem.rootCause,
      workaround: problem.workaround,
      knowledgeEntry: entry ? this.entryView(entry) : null,
      changeRequests: problem.changeRequests,
      resolution: problem.resolution,
      decisions: problem.decisions,
      trail: trail.map((e) => ({ seq: e.seq, authorId: e.authorId, text: e.text, at: e.createdAt.toISOString() })),
      createdBy: problem.createdBy,
      version: problem.version,
      allowedCommands: allowedProblemCommands(restoreProblem(problem.machineState), actorOf(user)),
    };
  }

  async list(user: AuthUser, query: ListProblemsQuery): Promise<ProblemPageDto> {
    const q = this.problems.createQueryBuilder('p');
    if (query.stage) q.andWhere('p.stage = :stage', { stage: query.stage });
    if (query.incident) q.andWhere('p.incidents @> :incident::jsonb', { incident: JSON.stringify([query.incident.trim()]) });
    if (query.q?.trim()) {
      const text = escapeLike(query.q);
      q.andWhere(
        new Brackets((w) =>
          w
            .where('p.number ILIKE :text', { text })
            .orWhere('p.title ILIKE :text')
            .orWhere('p.description ILIKE :text')
            .orWhere('p.root_cause ILIKE :text')
            .orWhere('p.workaround ILIKE :text'),
        ),
      );
    }
    const [rows, total] = await q
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.number', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map((r) => this.listItem(r)), total, page: query.page, pageSize: query.pageSize };
  }

  /** The knowledge base, searched by agents: words in the title, symptoms or workaround (ILIKE). */
  async searchKnowledge(user: AuthUser, q?: string): Promise<KnowledgeEntryDto[]> {
    const query = this.knowledge.createQueryBuilder('k');
    if (q?.trim()) {
      const text = escapeLike(q);
      query.where(new Brackets((w) => w.where('k.title ILIKE :text', { text }).orWhere('k.symptoms ILIKE :text').orWhere('k.workaround ILIKE :text')));
    }
    const rows = await query.orderBy('k.created_at', 'DESC').addOrderBy('k.id', 'DESC').take(100).getMany();
    return rows.map((r) => this.entryView(r));
  }

  async knowledgeEntry(user: AuthUser, id: string): Promise<KnowledgeEntryDto> {
    const entry = await this.knowledge.findOneBy({ id });
    if (!entry) throw new ProblemException(ProblemErrorCode.KnowledgeEntryNotFound, `knowledge entry ${id} not found`);
    return this.entryView(entry);
  }

  /**
   * Sends a command to the problem's workflow, which decides; the read model's copy of the machine
   * answers early. A refusal leaves one audit line. Once the workflow has resolved the problem, its
   * linked open incidents each get a journal note.
   */
  async command(user: AuthUser, number: string, command: ProblemCommand, idempotencyKey?: string): Promise<ProblemViewDto> {
    const problem = await this.find(number);
    const message = { ...command, actor: actorOf(user) } as ProblemCommandMessage;
    await this.audit.refusals(user, number, command.type, async () => {
      refuseEarly(problemLaw, problem.machineState, message, idempotencyKey);
      if (command.type === 'linkIncident') await this.requireIncidents([command.incident.trim()], 'incident');
      await this.workflows.send(problemProcess, number, message, idempotencyKey);
    });
    if (command.type === 'resolve') {
      const notified = await this.noteLinkedIncidents(user, number);
      return { ...(await this.get(user, number)), notifiedIncidents: notified };
    }
    return this.get(user, number);
  }

  /**
   * The resolution as an internal journal note on each linked incident still open, sent as the
   * ticket command `addJournalNote` by the resolver (or, when the resolver does not work tickets,
   * by the last staff member who worked the problem). The key makes a retry add each note once.
   */
  private async noteLinkedIncidents(user: AuthUser, number: string): Promise<string[]> {
    const problem = await this.find(number);
    if (problem.stage !== 'resolved' && problem.stage !== 'closed') return [];
    const author = await this.noteAuthor(user, problem);
    if (!author) {
      this.logger.warn(`${number}: nobody on the problem works tickets; linked incidents get no note`);
      return [];
    }
    const open = await this.db
      .getRepository(TicketEntity)
      .find({ where: { number: In(problem.incidents) }, order: { number: 'ASC' } });
    const notified: string[] = [];
    const text = `Problem ${number} (${problem.title}) is resolved: ${problem.resolution ?? ''}`.trim();
    for (const ticket of open.filter((t) => !DONE_STATUSES.includes(t.status))) {
      try {
        await this.tickets.command(author, ticket.number, { type: 'addJournalNote', text }, `${number}:resolved:${ticket.number}`);
        notified.push(ticket.number);
      } catch (error) {
        this.logger.warn(`${number}: no resolution note on ${ticket.number}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return notified;
  }

  private async noteAuthor(user: AuthUser, problem: ProblemEntity): Promise<AuthUser | null> {
    if (isStaff(actorOf(user))) return user;
    const staffId = [...problem.decisions].reverse().find((d) => isStaff({ id: d.actorId, role: d.role }))?.actorId;
    const candidates = [staffId, problem.createdBy].filter((id): id is string => Boolean(id));
    for (const id of candidates) {
      const found = await this.db.getRepository(UserEntity).findOneBy({ id });
      if (found && isStaff({ id: found.id, role: found.role })) {
        return { id: found.id, username: found.username, displayName: found.displayName, role: found.role, teamIds: [] };
      }
    }
    return null;
  }

  private async requireIncidents(numbers: string[], field = 'incidents'): Promise<void> {
    const malformed = numbers.find((n) => !isIncidentNumber(n));
    if (malformed) throw new ProblemException(ProblemErrorCode.RuleBroken, `${malformed} is not an incident number (INC-000001)`, { field });
    const found = await this.db.getRepository(TicketEntity).find({ where: { number: In(numbers), type: 'incident' }, select: { number: true } });
    const missing = numbers.filter((n) => !found.some((t) => t.number === n));
    if (missing.length) throw new ProblemException(ProblemErrorCode.UnknownReference, `no such incident: ${missing.join(', ')}`, { field });
  }


  private listItem(p: ProblemEntity): ProblemListItemDto {
    return {
      number: p.number,
      title: p.title,
      stage: p.stage,
      incidents: p.incidents,
      knownError: p.knownError,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  private entryView(k: KnowledgeEntryEntity): KnowledgeEntryDto {
    return { id: k.id, title: k.title, symptoms: k.symptoms, workaround: k.workaround, problemNumber: k.problemNumber, createdAt: k.createdAt.toISOString() };
  }

  private async find(number: string): Promise<ProblemEntity> {
    const problem = await this.problems.findOneBy({ number });
    if (!problem) throw new ProblemException(ProblemErrorCode.ProblemNotFound, `problem ${number} not found`);
    return problem;
  }

}
