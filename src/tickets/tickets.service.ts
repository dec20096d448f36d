import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, Repository, SelectQueryBuilder } from 'typeorm';
import { isStaff, Role } from '../../machines/actor';
import { assessPriority, type PriorityAssessment, type VersionedPriorityMatrix } from '../../machines/priority';
import { ticketLaw } from '../../machines/ticket.law';
import { ticketMachine } from '../../machines/ticket.machine';
import { toMermaid } from '../../machines/statechart';
import type { TicketCommand, TicketCommandOf } from '../../machines/ticket.types';
import { recalculateSlaUpdate, systemEventUpdate, SystemTicketMessage, TicketCommandMessage, ticketProcess, TicketWorkflowInput, type PendingPolicy, type PriorityReassessment } from '../../workflows/ticket.messages';
import { AuditService } from '../audit/audit.service';
import { NumberAllocator } from '../numbering/number-allocator';
import { refuseEarly } from '../temporal/process-commands';
import { ProcessWorkflowsClient } from '../temporal/process-workflows.client';
import { actorOf, AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/user.entity';
import { RequestItemsService, type RequestItemIntake } from '../catalog/request-items.service';
import { CategoryEntity } from '../catalog/category.entity';
import { appConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { TeamEntity } from '../teams/team.entity';
import type { CreateTicketDto } from './dto/create-ticket.dto';
import type { ListTicketsQuery } from './dto/list-tickets.query';
import type { MajorIncidentRefDto, StatechartView, TicketHandlingDto, TicketPageDto, TicketViewDto } from './dto/ticket-view.dto';
import type { IntakeLevelsDto, PriorityReassessmentsDto } from './dto/priority-levels.dto';
import { JournalEntryEntity } from './entities/journal-entry.entity';
import { TicketEntity } from './entities/ticket.entity';
import { toTicketListItem, toTicketView } from './ticket-view.mapper';
import { TicketErrorCode, TicketException } from './tickets.exception';
import { SlaPoliciesService } from '../sla/sla-policies.service';
import { PriorityMatricesService } from '../sla/priority-matrices.service';
import type { RequestKind } from '../../machines/sla/sla-policy';
import { TicketOpenedHooks } from './ticket-opened.hooks';
import { TimeService } from '../time/time.service';
import { TicketViewExtensions } from './ticket-view.extensions';
import { SYSTEM_ACTOR, type Actor } from '../../machines/actor';
import type { TicketStatus } from '../../machines/ticket.types';

const DAY_MS = 24 * 3600_000;

/** A service's own pending policy (its category's), else the installation's. */
function pendingPolicyOf(category: CategoryEntity | null, installation: PendingPolicy | null): PendingPolicy | null {
  const own = category?.pendingPolicy;
  return own ? { remindAfter: { businessDays: own.remindAfterDays }, closeAfter: { businessDays: own.closeAfterDays } } : installation;
}

/** Agents see how the ticket is being handled: escalation chain, answers, vendor, lock. */
function handlingOf(ticket: TicketEntity): TicketHandlingDto {
  const context = ticket.machineState.context;
  return {
    parentNumber: ticket.parentNumber,
    tasks: context.tasks ?? [],
    escalations: ticket.escalations ?? [],
    requiredQuestions: context.requiredQuestions ?? [],
    answers: ticket.answers ?? {},
    vendor: ticket.vendor ? { name: ticket.vendor, ticketId: ticket.vendorTicketId } : null,
    lockedBy: ticket.lockedBy,
    updateFlagSince: ticket.updateFlagSince?.toISOString() ?? null,
  };
}

/**
 * Text search reads the trigram indexes on number, title and description (a BitmapOr of the three).
 * The planner would rather walk `created_at` (or the primary key, for the count) and run the three
 * ILIKEs on every row: it prices an ILIKE like an `=`, while on these rows one costs about 1 µs, so a
 * word in a sixth of 5,000 tickets took 21 ms to count that way and 6 ms through the indexes
 * (docs/operations.md, "Queues at scale"). A term with no run of three letters or digits has no
 * trigram to look up, and is left to the planner. Plans only: the rows and their order are the same.
 */
export const TRIGRAM_PLAN = `SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`;
const TRIGRAM_SEARCHABLE = /[\p{L}\p{N}]{3}/u;

/** What a text search matches: the term anywhere in the number, the title or the description. */
export const MATCHES = '(t.number ILIKE :text OR t.title ILIKE :text OR t.description ILIKE :text)';

type Page = { page: number; pageSize: number };

/**
 * The page of a search among the rows of `newest` (a statement that yields the newest tickets in
 * order, each with `hit`): walked newest first, it stops at the page's end, so a common word's page
 * is found without reading every match, which the trigram bitmap must (its rows come in table
 * order, sorted afterwards). `bench:queues` prints its plan.
 */
export function newestPageSql(newest: string, offset: number, limit: number): string {
  return `SELECT w.number FROM (${newest}) w WHERE w.hit ORDER BY w.created_at DESC, w.number DESC OFFSET ${Math.trunc(offset)} LIMIT ${Math.trunc(limit)}`;
}

/** How many rows the query matches, reading at most `limit` of them. */
async function countUpTo(tx: EntityManager, q: SelectQueryBuilder<TicketEntity>, limit: number): Promise<number> {
  const [sql, parameters] = q.clone().select('1').orderBy().skip(undefined).take(undefined).limit(limit).getQueryAndParameters();
  const [{ count }] = (await tx.query(`SELECT count(*)::int AS count FROM (${sql}) matches`, parameters)) as Array<{ count: number }>;
  return count;
}

/** Who reads every ticket; everyone else reads only the tickets they requested. */
const READS_ALL: readonly Role[] = ['agent', 'dispatcher', 'incidentManager', 'admin', 'processManager'];

@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(TicketEntity) private readonly tickets: Repository<TicketEntity>,
    @InjectRepository(JournalEntryEntity) private readonly journal: Repository<JournalEntryEntity>,
    private readonly workflows: ProcessWorkflowsClient,
    private readonly audit: AuditService,
    private readonly numbers: NumberAllocator,
    private readonly notifications: NotificationsService,
    private readonly slaPolicies: SlaPoliciesService,
    private readonly matrices: PriorityMatricesService,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    private readonly openedHooks: TicketOpenedHooks,
    private readonly viewExtensions: TicketViewExtensions,
    private readonly time: TimeService,
    private readonly requestItems: RequestItemsService,
  ) {}

  async create(user: AuthUser, dto: CreateTicketDto, idempotencyKey?: string): Promise<TicketViewDto> {
    if (dto.requesterId && dto.requesterId !== user.id && !isStaff(actorOf(user))) {
      throw new TicketException(TicketErrorCode.Forbidden, 'only agents open tickets on behalf of another user', { field: 'requesterId' });
    }
    const requesterId = dto.requesterId ?? user.id;
    const reportedAt = this.reportedAt(user, dto.reportedAt);
    // Independent reads in one wave each (the answer waits for every round trip); the number is
    // taken only once the caller's references are known to exist, so bad input leaves no gap (a
    // category naming a missing SLA policy, a configuration error, still can).
    const [, { category, intake, itemTeam }, requesterService, references] = await Promise.all([
      this.requireExists(UserEntity, requesterId, 'requesterId'),
      this.serviceAsked(dto),
      this.requesterServiceOf(requesterId),
      this.referencesFor(user, dto.references ?? []),
    ]);
    const item = intake?.item;
    const routeTo = itemTeam ?? requesterService?.routeTo;
    // Issue 13 item 5: the organisation's agreement overrides the item's and the service's (seed 004 sells SLA versions to customers).
    const { policy: sla, matrix } = await this.slaPolicies.newestWithMatrix(requesterService?.slaPolicyCode ?? item?.slaPolicyCode ?? category?.slaPolicyCode ?? 'standard');
    const { score, level } = assessWith(matrix, dto.impact, dto.urgency);
    const number = await this.numbers.next(dto.type, idempotencyKey);
    const input: TicketWorkflowInput = {
      type: dto.type,
      requesterId,
      createdBy: actorOf(user),
      policy: {
        ...this.config.ticketPolicy,
        // Per service (the category), else the installation's (TICKET_AUTO_CLOSE_AFTER, PENDING_*).
        autoCloseAfterMs: category?.autoCloseAfterDays ? category.autoCloseAfterDays * DAY_MS : this.config.ticketPolicy.autoCloseAfterMs,
        requiresApproval: (item?.requiresApproval || category?.requiresApproval) ?? false,
        pending: pendingPolicyOf(category, this.config.ticketPolicy.pending),
      },
      sla: { policy: sla, requestKind: dto.requestKind ?? ((item?.requestKind ?? category?.requestKind ?? null) as RequestKind | null) },
      rulesVersion: 2,
      // The form's answers are Additional Questions too: escalation still requires them.
      requiredQuestions: [...new Set([...(category?.additionalQuestions ?? []).map((q) => q.key), ...Object.keys(intake?.answers ?? {})])],
      ...(intake ? { intake: { answers: intake.answers, text: intake.text } } : {}),
      routeTo,
      record: {
        number,
        title: dto.title.trim(),
        description: dto.description,
        categoryId: category?.id ?? null,
        categoryName: category?.name ?? null,
        impact: dto.impact,
        urgency: dto.urgency,
        priority: level.code,
        priorityName: level.name,
        priorityScore: score,
        teamName: null,
        assigneeName: null,
        channel: dto.channel ?? 'api',
        createdAt: reportedAt,
        ...(references.length ? { references } : {}),
      },
    };
    await this.workflows.open(ticketProcess, number, input);
    await this.openedHooks.opened(number);
    return this.get(user, number);
  }

  /** The machine's diagram (generated from it, as the README's) with where this ticket stands. */
  async statechart(user: AuthUser, number: string): Promise<StatechartView> {
    const { status } = await this.findVisible(user, number);
    return { state: status, mermaid: toMermaid(ticketMachine, { current: status, compact: true }) };
  }

  async get(user: AuthUser, number: string): Promise<TicketViewDto> {
    const internal = READS_ALL.includes(user.role);
    // One wave of reads, the ticket's row among them: each is a round trip, and a command's answer
    // waits for them. Each needs only the number; a ticket the user may not see is refused before
    // anything read is used (findVisible fails the wave).
    const [ticket, journal, notifications, clocks, [majorIncident], attachments, related] = await Promise.all([
      this.findVisible(user, number),
      this.journal.find({
        where: internal ? { ticketNumber: number } : { ticketNumber: number, visibility: 'public' },
        order: { seq: 'ASC' },
      }),
      this.notifications.recordedOn(number, internal ? undefined : user.id),
      internal ? this.slaPolicies.clocksOf(number) : null,
      // Issue 5: a child incident shows the major incident it is linked to. The `?` operator reads
      // the GIN index on children; jsonb_exists(), the same test as a function, scanned every major
      // incident on every ticket view (0.2 ms against 3.9 ms at 1,900 of them).
      this.db.query(`SELECT number, title, stage FROM major_incidents WHERE children ? $1 ORDER BY created_at DESC LIMIT 1`, [number]) as Promise<
        MajorIncidentRefDto[]
      >,
      this.viewExtensions.attachmentsOf(number),
      this.related(number, internal ? null : user.id),
    ]);
    // The clocks as of the current minute: the page shows minutes, and the answer (its ETag) stays
    // the same for a minute while a clock runs, so a polling page gets 304s (issue 14, item 4).
    const sla = clocks && (await this.slaPolicies.ticketView(ticket, clocks, new Date(Math.floor(Date.now() / 60_000) * 60_000)));
    const handling = internal ? handlingOf(ticket) : null;
    return { ...toTicketView(ticket, journal, notifications, actorOf(user), attachments), sla, handling, majorIncident: majorIncident ?? null, ...related };
  }

  /**
   * Admin: put the ticket's running clocks under the newest version of its SLA policy; with
   * `reassess`, also assess its impact and urgency again with the newest version of the policy's
   * priority matrix (issue 13: policies are recalculable for open tickets), in the same step.
   */
  async recalculateSla(user: AuthUser, number: string, idempotencyKey?: string, reassess = false): Promise<TicketViewDto> {
    await this.putUnderNewestPolicy(user, number, idempotencyKey, reassess);
    return this.get(user, number);
  }

  /** recalculateSla without reading the view back: a bulk recalculation discards it (one ticket of thousands). */
  async putUnderNewestPolicy(user: AuthUser, number: string, idempotencyKey?: string, reassess = false): Promise<void> {
    const ticket = await this.findVisible(user, number);
    if (!ticket.slaPolicyCode) {
      throw new TicketException(TicketErrorCode.CommandNotAllowed, 'this ticket was opened before SLA policies and has no clocks', { allowedCommands: [] });
    }
    const { policy, matrix } = await this.slaPolicies.newestWithMatrix(ticket.slaPolicyCode);
    const reassessed = reassess ? reassessment(matrix, ticket) : undefined;
    if (!policy.targets[reassessed?.priority ?? ticket.priority]) {
      // A newer matrix without the ticket's level: re-assess (or override) the priority in the same step.
      throw new TicketException(TicketErrorCode.RuleBroken, `SLA policy ${policy.code} v${policy.version} has no level ${ticket.priority} (it has ${Object.keys(policy.targets).join(', ')}): re-assess or override the priority`, {
        field: 'priority',
        rule: 'policyHasPriority',
      });
    }
    await this.audit.refusals(user, number, reassess ? 'reassessPriority' : 'recalculateSla', async () => {
      // A Closed ticket's workflow has ended: the machine refuses here (409), not Temporal (500).
      refuseEarly(ticketLaw, ticket.machineState, { type: 'recalculateSla', text: 'recalculate', actor: actorOf(user) });
      await this.workflows.update(number, recalculateSlaUpdate, { actor: actorOf(user), policy, reassessed }, idempotencyKey);
    });
  }

  /**
   * The impact and urgency levels a ticket the user raises is assessed with (the matrix of their
   * organisation's policy, else the standard one), lowest first: the portal's choices come from here.
   */
  async intakeLevels(user: AuthUser): Promise<IntakeLevelsDto> {
    const service = await this.requesterServiceOf(user.id);
    const { matrix } = await this.slaPolicies.newestWithMatrix(service?.slaPolicyCode ?? 'standard');
    const byFactor = (factors: Record<string, number>) => Object.entries(factors).sort(([, a], [, b]) => a - b).map(([code]) => code);
    return { matrix: { code: matrix.code, version: matrix.version }, impact: byFactor(matrix.impactFactors), urgency: byFactor(matrix.urgencyFactors) };
  }

  /** Open tickets whose priority a re-assessment with the newest version of this matrix would change (nothing is changed). */
  async priorityReassessments(matrixCode: string): Promise<PriorityReassessmentsDto> {
    const matrix = await this.matrices.newest(matrixCode);
    if (!matrix) throw new TicketException(TicketErrorCode.UnknownReference, `priority matrix ${matrixCode} does not exist`, { field: 'matrix' });
    const policies = await this.slaPolicies.followersOf(matrixCode);
    const open: Pick<TicketEntity, 'number' | 'title' | 'priority' | 'impact' | 'urgency' | 'slaPolicyCode'>[] = await this.tickets.find({
      select: { number: true, title: true, priority: true, impact: true, urgency: true, slaPolicyCode: true },
      where: { slaPolicyCode: In(policies), status: Not('Closed') },
      order: { createdAt: 'ASC' },
    });
    const tickets = open.flatMap((ticket) => {
      const inMatrix = Object.hasOwn(matrix.impactFactors, ticket.impact) && Object.hasOwn(matrix.urgencyFactors, ticket.urgency);
      const level = inMatrix ? assessPriority(ticket.impact, ticket.urgency, matrix).level.code : null;
      if (level === ticket.priority) return [];
      const { number, title, priority, impact, urgency } = ticket;
      return [{ number, title, priority, impact, urgency, reassessedPriority: level, slaPolicyCode: ticket.slaPolicyCode! }];
    });
    return { matrix: { code: matrix.code, version: matrix.version }, policies, tickets };
  }

  /**
   * The service asked for: a category, or a request item (issue 13) with its checked answers, its
   * category and the team it routes to. Answers without an item are refused: nothing would check them.
   */
  private async serviceAsked(dto: CreateTicketDto): Promise<{ category: CategoryEntity | null; intake: RequestItemIntake | null; itemTeam: TicketWorkflowInput['routeTo'] }> {
    if (!dto.requestItemId) {
      if (dto.answers || dto.guideAnswers) {
        throw new TicketException(TicketErrorCode.RuleBroken, 'answers and guideAnswers belong to a request item: name it in requestItemId', { field: 'requestItemId', rule: 'answersNeedItem' });
      }
      return { category: dto.categoryId ? await this.requireExists(CategoryEntity, dto.categoryId, 'categoryId') : null, intake: null, itemTeam: undefined };
    }
    const intake = await this.requestItems.intakeFor(dto.requestItemId, dto.answers ?? {}, dto.guideAnswers);
    const categoryId = dto.categoryId ?? intake.item.categoryId;
    const [category, [team]] = await Promise.all([
      categoryId ? this.requireExists(CategoryEntity, categoryId, 'categoryId') : null,
      intake.item.defaultTeamId ? this.db.query('SELECT id, name, line_level, auto_assign FROM teams WHERE id = $1', [intake.item.defaultTeamId]) : [],
    ]);
    const itemTeam = team ? { teamId: team.id, teamName: team.name, teamLine: team.line_level, autoAssign: team.auto_assign } : undefined;
    return { category, intake, itemTeam };
  }

  /**
   * What the requester's organisation decides for their tickets: the team that receives them (seed
   * 000, principle 3) and the SLA policy it bought (issue 13 item 5), each if it has one.
   */
  private async requesterServiceOf(requesterId: string): Promise<{ routeTo: TicketWorkflowInput['routeTo']; slaPolicyCode: string | null } | null> {
    const [row] = await this.db.query(
      `SELECT o.sla_policy_code, t.id, t.name, t.line_level, t.auto_assign FROM users u
       JOIN organisations o ON o.code = u.organisation LEFT JOIN teams t ON t.id = o.primary_team_id
       WHERE u.id = $1`,
      [requesterId],
    );
    if (!row) return null;
    const routeTo = row.id ? { teamId: row.id, teamName: row.name, teamLine: row.line_level, autoAssign: row.auto_assign } : undefined;
    return { routeTo, slaPolicyCode: row.sla_policy_code };
  }

  /** When the user reported the problem: now, or (agents logging a call) a moment in the last 30 days. */
  private reportedAt(user: AuthUser, reportedAt: string | undefined): string {
    const now = Date.now();
    if (!reportedAt) return new Date(now).toISOString();
    if (!isStaff(actorOf(user))) {
      throw new TicketException(TicketErrorCode.Forbidden, 'only agents log when a problem was reported', { field: 'reportedAt' });
    }
    const at = Date.parse(reportedAt);
    if (at > now + 60_000 || at < now - 30 * 24 * 3600_000) {
      throw new TicketException(TicketErrorCode.RuleBroken, 'reportedAt must lie within the last 30 days', { field: 'reportedAt' });
    }
    return new Date(at).toISOString();
  }

  async list(user: AuthUser, query: ListTicketsQuery): Promise<TicketPageDto> {
    const q = this.tickets.createQueryBuilder('t');
    const requester = READS_ALL.includes(user.role) ? query.requester : user.id;
    // Tasks are the teams' work items: end users follow the ticket they opened.
    if (!READS_ALL.includes(user.role)) q.andWhere('t.parent_number IS NULL');
    const filters: Array<[string, unknown]> = [
      ['team_id', query.team],
      ['status', query.status],
      ['assignee_id', query.assignee],
      ['requester_id', requester],
      ['priority', query.priority],
      ['type', query.type],
      ['update_flag', query.updateFlag],
      ['attention_flag', query.attentionFlag],
    ];
    for (const [column, value] of filters) {
      if (value !== undefined) q.andWhere(`t.${column} = :${column}`, { [column]: value });
    }
    q.orderBy('t.created_at', 'DESC')
      .addOrderBy('t.number', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const page = { page: query.page, pageSize: query.pageSize };
    const search = query.q?.trim();
    if (!search) {
      const [rows, total] = await q.getManyAndCount();
      return { items: rows.map(toTicketListItem), total, totalExact: true, ...page };
    }
    const text = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.searchPage(q, { text, trigrams: TRIGRAM_SEARCHABLE.test(search) }, page);
  }

  /**
   * A text search's page. The total says "1,000+" beyond the cap (as Jira and Zammad do): an exact
   * count of a word in every sixth ticket read all of them (docs/operations.md, "Queues at scale").
   * The count and the page among the newest tickets run side by side on two connections; the
   * trigram plan reads the page only when the newest tickets do not fill it (a rarer word).
   */
  private async searchPage(filtered: SelectQueryBuilder<TicketEntity>, search: { text: string; trigrams: boolean }, page: Page): Promise<TicketPageDto> {
    const searched = filtered.clone().andWhere(MATCHES, { text: search.text });
    const plan = search.trigrams ? TRIGRAM_PLAN : null;
    const cap = this.config.searchCountCap;
    const [counted, newest] = await Promise.all([
      this.withPlan(plan, (tx) => countUpTo(tx, searched, cap + 1)),
      search.trigrams ? this.pageAmongNewest(filtered, search.text, page) : undefined,
    ]);
    const rows: TicketEntity[] = newest?.length === page.pageSize ? newest : await this.withPlan(plan, (tx) => searched.setQueryRunner(tx.queryRunner!).getMany());
    return { items: rows.map(toTicketListItem), total: Math.min(counted, cap), totalExact: counted <= cap, ...page };
  }

  /**
   * The page among the newest tickets only (20 looked at for each one up to the page's end, 1,000
   * to 20,000), walked newest first: a word in more than a few tickets in a hundred fills its page
   * there within a few hundred rows, and a full page found there is the page of the whole search,
   * the window being a prefix of its order. A rarer word costs the window's walk (~8 µs a row).
   */
  private async pageAmongNewest(filtered: SelectQueryBuilder<TicketEntity>, text: string, page: Page): Promise<TicketEntity[]> {
    const window = Math.min(20_000, Math.max(1_000, 20 * page.page * page.pageSize));
    const [newest, parameters] = filtered
      .clone()
      .select('t.number', 'number')
      .addSelect('t.created_at', 'created_at')
      .addSelect(MATCHES, 'hit')
      .setParameters({ text })
      .skip(undefined)
      .take(undefined)
      .limit(window)
      .getQueryAndParameters();
    const numbers = ((await this.db.query(newestPageSql(newest, (page.page - 1) * page.pageSize, page.pageSize), parameters)) as Array<{ number: string }>).map((r) => r.number);
    if (numbers.length < page.pageSize) return [];
    const byNumber = new Map((await this.tickets.findBy({ number: In(numbers) })).map((t) => [t.number, t]));
    return numbers.map((n) => byNumber.get(n)).filter((t): t is TicketEntity => !!t);
  }

  /** Reads in one transaction under the plan settings (SET LOCAL), if any. */
  private withPlan<T>(plan: string | null, read: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (plan) await tx.query(plan);
      return read(tx);
    });
  }

  /**
   * Sends a command to the ticket's workflow, which decides. The read model's copy of the machine
   * state answers obvious refusals early (a Closed ticket's workflow has ended); the workflow's
   * validator is the authority for everything else.
   */
  async command(user: AuthUser, number: string, command: TicketCommand, idempotencyKey?: string): Promise<TicketViewDto> {
    await this.send(user, number, command, idempotencyKey);
    return this.get(user, number);
  }

  /** command without reading the view back (bulk actions keep only the outcome). */
  async send(user: AuthUser, number: string, command: TicketCommand, idempotencyKey?: string): Promise<void> {
    const ticket = await this.findVisible(user, number);
    await this.audit.refusals(user, number, command.type, async () => {
      const message = { ...(await this.describe(command, ticket, user)), actor: actorOf(user) } as TicketCommandMessage;
      refuseEarly(ticketLaw, ticket.machineState, message, idempotencyKey);
      await this.workflows.send(ticketProcess, number, message, idempotencyKey);
    });
  }

  /** Adds what the machine's rules need (names, lines, memberships, questions), checking references exist. */
  private async describe(command: TicketCommand, ticket: TicketEntity, user: AuthUser): Promise<TicketCommand> {
    switch (command.type) {
      case 'addComment': {
        // Answering a New ticket takes it with the agent's team (REQUIREMENTS 2): their lowest-line team
        // (the memberships came with the caller's token); someone in no team is refused by the machine.
        if (ticket.status !== 'New' || user.teamIds.length === 0) return command;
        const [team] = await this.db.getRepository(TeamEntity).find({ where: { id: In(user.teamIds) }, order: { lineLevel: 'ASC', name: 'ASC' }, take: 1 });
        return team ? { ...command, teamId: team.id, teamName: team.name, teamLine: team.lineLevel } : command;
      }
      case 'assignToTeam':
      case 'escalate': {
        const team = await this.requireExists(TeamEntity, command.teamId, 'teamId');
        return { ...command, teamName: team.name, teamLine: team.lineLevel, autoAssign: team.autoAssign };
      }
      case 'assignToAgent': {
        const agent = await this.requireExists(UserEntity, command.agentId, 'agentId');
        if (!isStaff({ id: agent.id, role: agent.role })) {
          throw new TicketException(TicketErrorCode.RuleBroken, `${agent.displayName} is not an agent`, { field: 'agentId' });
        }
        const teams: Array<{ team_id: string }> = await this.db.query('SELECT team_id FROM team_members WHERE user_id = $1', [agent.id]);
        return { ...command, agentName: agent.displayName, agentTeamIds: teams.map((t) => t.team_id) };
      }
      case 'split': {
        const tasks = [];
        for (const task of command.tasks) {
          const team = await this.requireExists(TeamEntity, task.teamId, 'tasks.teamId');
          tasks.push({ ...task, number: await this.numbers.next('task'), teamName: team.name, teamLine: team.lineLevel, autoAssign: team.autoAssign });
        }
        return { ...command, tasks };
      }
      case 'setCategory': {
        const category = await this.requireExists(CategoryEntity, command.categoryId, 'categoryId');
        return { ...command, categoryName: category.name, requiredQuestions: (category.additionalQuestions ?? []).map((q) => q.key) };
      }
      case 'closeAsDuplicate': {
        const [other] = await this.db.query('SELECT number FROM tickets WHERE number = $1', [command.duplicateOf]);
        if (!other || command.duplicateOf === ticket.number) {
          throw new TicketException(TicketErrorCode.UnknownReference, `duplicateOf names no other ticket (${command.duplicateOf})`, { field: 'duplicateOf' });
        }
        return command;
      }
      case 'logTime':
        // A closed month's statements are final (seed 003): the read model knows which months are.
        await this.time.assertMonthOpen(command.workedOn ?? new Date().toISOString().slice(0, 10));
        return command;
      default:
        return command;
    }
  }

  /**
   * A command the system gives (the mail delivery's `notificationUndelivered`, the mail intake's
   * `mailNote` and a vendor's answer by mail): judged by the machine like every command.
   */
  async systemCommand(number: string, command: TicketCommand, idempotencyKey: string): Promise<void> {
    const ticket = await this.tickets.findOneBy({ number });
    if (!ticket) throw new TicketException(TicketErrorCode.TicketNotFound, `ticket ${number} not found`);
    const message = { ...command, actor: SYSTEM_ACTOR } as TicketCommandMessage;
    await this.audit.refusals({ id: SYSTEM_ACTOR.id }, number, command.type, async () => {
      refuseEarly(ticketLaw, ticket.machineState, message, idempotencyKey);
      if (command.type === 'notificationUndelivered' || command.type === 'mailNote') {
        await this.workflows.update(number, systemEventUpdate, { ...command, actor: SYSTEM_ACTOR } as SystemTicketMessage, idempotencyKey);
      } else {
        await this.workflows.send(ticketProcess, number, message, idempotencyKey);
      }
    });
  }

  /**
   * A major incident's cascade resolves a linked incident as the incident manager who resolved it
   * (issue 15, item 3), on the version the cascade planned on: a child that moved since (a reply a
   * second earlier) is refused by its workflow (409 staleVersion) and stays as it is.
   */
  async resolveWithMajorIncident(actor: Actor, number: string, command: TicketCommandOf<'resolveWithMajorIncident'>, plannedVersion: number, idempotencyKey: string): Promise<void> {
    const message: SystemTicketMessage = { ...command, actor, expectedVersion: plannedVersion } as SystemTicketMessage;
    await this.audit.refusals({ id: actor.id }, number, command.type, () => this.workflows.update(number, systemEventUpdate, message, idempotencyKey));
  }

  /** What the mail intake needs to thread a message onto a ticket: who may add to it, and whether it is still open. */
  async mailFacts(number: string): Promise<{ number: string; status: TicketStatus; requesterId: string; vendorAddress: string | null; title: string } | null> {
    const ticket = await this.tickets.findOneBy({ number });
    if (!ticket) return null;
    const vendor = ticket.machineState.context.vendor;
    return { number, status: ticket.status, requesterId: ticket.requesterId, vendorAddress: vendor?.address ?? null, title: ticket.title };
  }

  /** Throws 404 unless the user may read the ticket (the same rule as the ticket view). */
  async assertVisible(user: AuthUser, number: string): Promise<void> {
    await this.findVisible(user, number);
  }

  private async findVisible(user: AuthUser, number: string): Promise<TicketEntity> {
    const ticket = await this.tickets.findOneBy({ number });
    // Someone else's ticket is "not found" for an end user: its existence is not theirs to know.
    if (!ticket || (!READS_ALL.includes(user.role) && (ticket.requesterId !== user.id || ticket.parentNumber !== null))) {
      throw new TicketException(TicketErrorCode.TicketNotFound, `ticket ${number} not found`);
    }
    return ticket;
  }

  /** REQUIREMENTS 2: the earlier tickets a new one names must exist and be the caller's to read. */
  private async referencesFor(user: AuthUser, numbers: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(numbers.map((n) => n.trim().toUpperCase()))];
    if (!wanted.length) return [];
    const found: Array<{ number: string; requester_id: string; parent_number: string | null }> = await this.db.query(
      'SELECT number, requester_id, parent_number FROM tickets WHERE number = ANY($1)',
      [wanted],
    );
    const readable = new Set(found.filter((t) => READS_ALL.includes(user.role) || (t.requester_id === user.id && t.parent_number === null)).map((t) => t.number));
    const unknown = wanted.filter((n) => !readable.has(n));
    if (unknown.length) {
      throw new TicketException(TicketErrorCode.UnknownReference, `references: no such ticket of yours: ${unknown.join(', ')}`, { field: 'references', missing: unknown });
    }
    return wanted;
  }

  /** Both ways: the tickets this one references and those that reference it (an end user: their own only). */
  private async related(number: string, onlyRequester: string | null): Promise<Pick<TicketViewDto, 'references' | 'referencedBy'>> {
    // The ticket's own references come from its row in the same statement: the view reads it alongside.
    const rows: Array<{ number: string; title: string; status: TicketStatus; requester_id: string; refers: boolean }> = await this.db.query(
      `WITH own AS (SELECT coalesce((SELECT referenced_numbers FROM tickets WHERE number = $1), '{}') AS refs)
       SELECT number, title, status, requester_id, number = ANY(own.refs) AS refers FROM tickets, own
       WHERE number = ANY(own.refs) OR referenced_numbers @> ARRAY[$1::text] ORDER BY number`,
      [number],
    );
    const shown = rows.filter((r) => onlyRequester === null || r.requester_id === onlyRequester);
    const ref = ({ number, title, status }: (typeof rows)[number]) => ({ number, title, status });
    return { references: shown.filter((r) => r.refers).map(ref), referencedBy: shown.filter((r) => !r.refers).map(ref) };
  }

  private async requireExists<T extends { id: string }>(entity: new () => T, id: string, field: string): Promise<T> {
    const found = await this.db.getRepository(entity).findOneBy({ id } as never);
    if (!found) throw new TicketException(TicketErrorCode.UnknownReference, `${field} ${id} does not exist`, { field });
    return found;
  }

}

/** The priority from the matrix the ticket's policy follows; a level it lacks is the caller's mistake (422). */
function assessWith(matrix: VersionedPriorityMatrix, impact: string, urgency: string): PriorityAssessment {
  for (const [field, code, levels] of [
    ['impact', impact, matrix.impactFactors],
    ['urgency', urgency, matrix.urgencyFactors],
  ] as const) {
    if (!Object.hasOwn(levels, code)) {
      throw new TicketException(TicketErrorCode.RuleBroken, `${field} ${code} is not a level of priority matrix ${matrix.code}: ${levelsByFactor(levels)}`, {
        field,
        rule: 'matrixLevel',
      });
    }
  }
  return assessPriority(impact, urgency, matrix);
}

/** The ticket's level under the matrix, when it is another than the ticket's priority. */
function reassessment(matrix: VersionedPriorityMatrix, ticket: Pick<TicketEntity, 'impact' | 'urgency' | 'priority'>): PriorityReassessment | undefined {
  const { score, level } = assessWith(matrix, ticket.impact, ticket.urgency);
  if (level.code === ticket.priority) return undefined;
  return {
    priority: level.code,
    text: `re-assessed with priority matrix ${matrix.code} v${matrix.version}: impact ${ticket.impact} × urgency ${ticket.urgency} = ${score} → ${level.code} (${level.name})`,
  };
}

/** Lowest factor first (jsonb keeps no key order). */
const levelsByFactor = (factors: Record<string, number>): string =>
  Object.entries(factors)
    .sort(([, a], [, b]) => a - b)
    .map(([code]) => code)
    .join(', ');
