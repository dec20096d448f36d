import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import ms, { StringValue } from 'ms';
import { DataSource, In, Repository } from 'typeorm';
import { Actor } from '../../machines/actor';
import { allowedMiCommands, miLaw, restoreMi } from '../../machines/major-incident.law';
import type { MiCommand } from '../../machines/major-incident.types';
import { MiCommandMessage, MiPolicy, miProcess, MiWorkflowInput } from '../../workflows/major-incident.messages';
import { AuditService } from '../audit/audit.service';
import { NumberAllocator } from '../numbering/number-allocator';
import { refuseEarly } from '../temporal/process-commands';
import { ProcessWorkflowsClient } from '../temporal/process-workflows.client';
import { actorOf, AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/user.entity';
import { CategoryEntity } from '../catalog/category.entity';
import { TeamEntity } from '../teams/team.entity';
import { TicketOpenedHooks } from '../tickets/ticket-opened.hooks';
import { BulkActionsService } from '../bulk-actions/bulk-actions.service';
import type { ListMajorIncidentsQuery, MajorIncidentListItemDto, MajorIncidentViewDto, ProposeMajorIncidentDto } from './dto/major-incident.dto';
import { MajorIncidentEntity, MiJournalEntity } from './major-incident.entity';
import { MiErrorCode, MiException } from './major-incidents.exception';

/** The detector proposes in the system's name. */
export const DETECTOR_ACTOR: Actor = { id: 'detector', role: 'system', name: 'Major-incident detector' };
const OPEN_STAGES = ['proposed', 'accepted', 'active'];

/** Policy from the environment (README, "Major incidents"). */
export function miPolicy(env: NodeJS.ProcessEnv = process.env): MiPolicy {
  const every = env.MI_UPDATE_EVERY ? ms(env.MI_UPDATE_EVERY as StringValue) : 30 * 60_000;
  if (typeof every !== 'number' || !(every > 0)) throw new Error(`invalid MI_UPDATE_EVERY "${env.MI_UPDATE_EVERY}"`);
  return { updateEveryMs: every, maxCommandsPerRun: 500 };
}
export function detectionPolicy(env: NodeJS.ProcessEnv = process.env) {
  return {
    minIncidents: Number(env.MI_DETECT_MIN_INCIDENTS ?? 5),
    windowMinutes: Number(env.MI_DETECT_WINDOW_MINUTES ?? 15),
    similarity: Number(env.MI_DETECT_SIMILARITY ?? 0.6),
  };
}

@Injectable()
export class MajorIncidentsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(MajorIncidentEntity) private readonly incidents: Repository<MajorIncidentEntity>,
    @InjectRepository(MiJournalEntity) private readonly journal: Repository<MiJournalEntity>,
    private readonly workflows: ProcessWorkflowsClient,
    private readonly audit: AuditService,
    private readonly numbers: NumberAllocator,
    private readonly hooks: TicketOpenedHooks,
    private readonly bulk: BulkActionsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register(async (number) => {
      await this.detect(number);
    });
  }

  /** Any agent proposes, with a reason. */
  async propose(user: AuthUser, dto: ProposeMajorIncidentDto): Promise<MajorIncidentViewDto> {
    if (dto.categoryId && !(await this.db.getRepository(CategoryEntity).findOneBy({ id: dto.categoryId }))) {
      throw new MiException(MiErrorCode.UnknownReference, `categoryId ${dto.categoryId} does not exist`, { field: 'categoryId' });
    }
    const number = await this.numbers.next('majorIncident');
    await this.workflows.open(miProcess, number, this.input(number, dto.title.trim(), dto.reason, actorOf(user), dto.categoryId ?? null, [], null, dto.stakeholderIds));
    return this.get(user, number);
  }

  /**
   * Detection (issue 5, part 3): at least K incidents on the new incident's category, or with a
   * title similar to its own (pg_trgm), within W minutes and not yet in a cluster, make one
   * candidate. The cluster's key (its first incident) is unique, so concurrent runs propose once.
   */
  async detect(ticketNumber: string): Promise<string | null> {
    const { minIncidents, windowMinutes, similarity } = detectionPolicy();
    const [t] = await this.db.query(`SELECT number, type, title, category_id, created_at FROM tickets WHERE number = $1`, [ticketNumber]);
    if (!t || t.type !== 'incident') return null;
    const base = `SELECT t.number FROM tickets t WHERE t.type = 'incident' AND t.parent_number IS NULL AND t.status NOT IN ('Resolved', 'Closed')
      AND t.created_at > $1::timestamptz - make_interval(mins => $2) AND t.created_at <= $1::timestamptz + make_interval(mins => $2)
      AND NOT EXISTS (SELECT 1 FROM mi_cluster_members m WHERE m.ticket_number = t.number)`;
    if (t.category_id) {
      const [open] = await this.db.query(`SELECT 1 FROM major_incidents WHERE category_id = $1 AND stage = ANY($2) LIMIT 1`, [t.category_id, OPEN_STAGES]);
      if (!open) {
        const rows: Array<{ number: string }> = await this.db.query(`${base} AND t.category_id = $3 ORDER BY t.created_at, t.number`, [t.created_at, windowMinutes, t.category_id]);
        if (rows.length >= minIncidents) {
          const [category] = await this.db.query(`SELECT name FROM categories WHERE id = $1`, [t.category_id]);
          return this.proposeCluster(`category:${t.category_id}:${rows[0].number}`, rows.map((r) => r.number), t.category_id,
            `Possible major incident: ${category?.name ?? 'one category'}`,
            `${rows.length} incidents on ${category?.name ?? 'the same category'} within ${windowMinutes} minutes: ${rows.map((r) => r.number).join(', ')}`);
        }
      }
    }
    const similar: Array<{ number: string }> = await this.db.query(`${base} AND similarity(t.title, $3) >= $4 ORDER BY t.created_at, t.number`, [t.created_at, windowMinutes, t.title, similarity]);
    if (similar.length >= minIncidents) {
      return this.proposeCluster(`text:${similar[0].number}`, similar.map((r) => r.number), t.category_id,
        `Possible major incident: "${t.title}"`,
        `${similar.length} incidents with text similar to "${t.title}" within ${windowMinutes} minutes: ${similar.map((r) => r.number).join(', ')}`);
    }
    return null;
  }

  private async proposeCluster(key: string, members: string[], categoryId: string | null, title: string, reason: string): Promise<string | null> {
    const number = await this.numbers.next('majorIncident');
    const [won] = await this.db.query(`INSERT INTO mi_clusters (cluster_key, mi_number) VALUES ($1, $2) ON CONFLICT (cluster_key) DO NOTHING RETURNING mi_number`, [key, number]);
    if (!won) return null;
    await this.db.query(
      `INSERT INTO mi_cluster_members (ticket_number, cluster_key) SELECT unnest($1::text[]), $2 ON CONFLICT (ticket_number) DO NOTHING`,
      [members, key],
    );
    await this.workflows.open(miProcess, number, this.input(number, title, reason, DETECTOR_ACTOR, categoryId, members, key));
    return number;
  }

  private input(number: string, title: string, reason: string, by: Actor, categoryId: string | null, candidates: string[], clusterKey: string | null, stakeholderIds?: string[]): MiWorkflowInput {
    return {
      record: { number, title, categoryId, candidates, clusterKey, createdAt: new Date().toISOString() },
      policy: miPolicy(),
      proposedBy: by,
      reason,
      stakeholderIds,
    };
  }

  async get(user: AuthUser, number: string): Promise<MajorIncidentViewDto> {
    const mi = await this.find(number);
    const [timeline, suggested, cascade] = await Promise.all([
      this.journal.find({ where: { miNumber: number }, order: { seq: 'ASC' } }),
      this.suggestedLinks([mi]),
      mi.resolvedAt ? this.bulk.cascadeOf(number) : null,
    ]);
    const c = mi.machineState.context;
    const since = c.lastUpdateAt ?? c.activeSince;
    return {
      ...this.listItem(mi, suggested.get(mi.number) ?? []),
      stakeholderIds: mi.stakeholderIds,
      updates: mi.updates,
      resolution: mi.resolution,
      review: mi.review,
      updateDueAt: mi.stage === 'active' && since ? new Date(Date.parse(since) + miPolicy().updateEveryMs).toISOString() : null,
      timeline: timeline.map((e) => ({ seq: e.seq, authorId: e.authorId, text: e.text, at: e.createdAt.toISOString() })),
      version: mi.version,
      allowedCommands: allowedMiCommands(restoreMi(mi.machineState), actorOf(user)),
      cascade,
    };
  }

  /** Active (proposed, accepted, active) or recent (all, newest first) major incidents. */
  async list(query: ListMajorIncidentsQuery): Promise<MajorIncidentListItemDto[]> {
    const rows = await this.incidents.find({
      where: query.scope === 'recent' ? {} : { stage: In(OPEN_STAGES) as never },
      order: { createdAt: 'DESC', number: 'DESC' },
      take: 100,
    });
    const suggested = await this.suggestedLinks(rows);
    return rows.map((r) => this.listItem(r, suggested.get(r.number) ?? []));
  }

  /** Open incidents on an open major incident's category, from its window on, not linked yet. */
  private async suggestedLinks(rows: MajorIncidentEntity[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    const { windowMinutes } = detectionPolicy();
    for (const mi of rows) {
      if (!mi.categoryId || !OPEN_STAGES.includes(mi.stage)) continue;
      const found: Array<{ number: string }> = await this.db.query(
        `SELECT t.number FROM tickets t WHERE t.type = 'incident' AND t.parent_number IS NULL AND t.category_id = $1
           AND t.status NOT IN ('Resolved', 'Closed') AND t.created_at > $2::timestamptz - make_interval(mins => $3)
           AND NOT EXISTS (SELECT 1 FROM major_incidents m WHERE m.children ? t.number)
         ORDER BY t.created_at, t.number`,
        [mi.categoryId, mi.createdAt, windowMinutes],
      );
      result.set(mi.number, found.map((f) => f.number));
    }
    return result;
  }

  /** Sends a command to the MI's workflow; resolving starts its cascade there (workflows/major-incident.workflow.ts). */
  async command(user: AuthUser, number: string, command: MiCommand, idempotencyKey?: string): Promise<MajorIncidentViewDto> {
    const mi = await this.find(number);
    await this.audit.refusals(user, number, command.type, async () => {
      const message = { ...(await this.describe(command)), actor: actorOf(user) } as MiCommandMessage;
      refuseEarly(miLaw, mi.machineState, message, idempotencyKey);
      await this.workflows.send(miProcess, number, message, idempotencyKey);
    });
    return this.get(user, number);
  }

  /** Adds names and checks references: the manager is an incident manager, the team exists, a linked ticket is an incident. */
  private async describe(command: MiCommand): Promise<MiCommand> {
    if (command.type === 'assign') {
      const out = { ...command };
      if (command.managerId) {
        const manager = await this.db.getRepository(UserEntity).findOneBy({ id: command.managerId });
        if (!manager || manager.role !== 'incidentManager') throw new MiException(MiErrorCode.UnknownReference, `${command.managerId} is not an incident manager`, { field: 'managerId' });
        out.managerName = manager.displayName;
      }
      if (command.teamId) {
        const team = await this.db.getRepository(TeamEntity).findOneBy({ id: command.teamId });
        if (!team) throw new MiException(MiErrorCode.UnknownReference, `teamId ${command.teamId} does not exist`, { field: 'teamId' });
        out.teamName = team.name;
      }
      return out;
    }
    if (command.type === 'link' && typeof command.number === 'string') {
      const [ticket] = await this.db.query(`SELECT type FROM tickets WHERE number = $1`, [command.number]);
      if (!ticket || ticket.type !== 'incident') throw new MiException(MiErrorCode.UnknownReference, `incident ${command.number} not found`, { field: 'number' });
      const [other] = await this.db.query(`SELECT number FROM major_incidents WHERE children ? $1 AND stage = ANY($2)`, [command.number, OPEN_STAGES]);
      if (other) throw new MiException(MiErrorCode.RuleBroken, `${command.number} is already linked to ${other.number}`, { field: 'number' });
    }
    return command;
  }

  private listItem(m: MajorIncidentEntity, suggestedLinks: string[]): MajorIncidentListItemDto {
    return {
      number: m.number,
      title: m.title,
      reason: m.reason,
      stage: m.stage,
      priority: m.priority,
      categoryId: m.categoryId,
      proposedBy: m.proposedBy,
      incidentManagerId: m.incidentManagerId,
      teamId: m.teamId,
      teamName: m.teamName,
      candidates: m.candidates,
      children: m.children,
      suggestedLinks,
      createdAt: m.createdAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
    };
  }

  private async find(number: string): Promise<MajorIncidentEntity> {
    const mi = await this.incidents.findOneBy({ number });
    if (!mi) throw new MiException(MiErrorCode.MajorIncidentNotFound, `major incident ${number} not found`);
    return mi;
  }

}
