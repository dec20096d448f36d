import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DISPATCH_ROLES, isStaff } from '../../machines/actor';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/user.entity';
import { isUniqueViolation } from '../database/unique-violation';
import type { CreateTeamDto, PutMemberDto, TeamMemberView, TeamView, UpdateTeamDto } from './dto/team.dto';
import { OrganisationEntity } from './organisation.entity';
import { TeamEntity, TeamMemberEntity } from './team.entity';
import { TeamErrorCode, TeamsException } from './teams.exception';

/** Teams with their members in one query; `$1` narrows it to one team. */
const TEAM_VIEW_SQL = `
  SELECT t.id, t.code, t.name, t.line_level AS "lineLevel", t.auto_assign AS "autoAssign",
    json_agg(json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name, 'role', u.role,
      'isDispatcher', m.is_dispatcher, 'isLead', m.is_lead) ORDER BY u.username) FILTER (WHERE u.id IS NOT NULL) AS members
  FROM teams t
  LEFT JOIN team_members m ON m.team_id = t.id
  LEFT JOIN users u ON u.id = m.user_id
  WHERE $1::uuid IS NULL OR t.id = $1
  GROUP BY t.id ORDER BY t.line_level, t.name`;

/** Teams (queues), their line level and members: REQUIREMENTS 4, issue 4 item 1. */
@Injectable()
export class TeamsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Reference data every caller reads (GET /teams is open to any authenticated user). */
  async list(): Promise<TeamView[]> {
    return this.views(null);
  }

  async get(id: string): Promise<TeamView> {
    const [team] = await this.views(id);
    if (!team) throw new TeamsException(TeamErrorCode.TeamNotFound, `team ${id} not found`);
    return team;
  }

  async create(user: AuthUser, dto: CreateTeamDto): Promise<TeamView> {
    const taken = () => new TeamsException(TeamErrorCode.DuplicateCode, `team code ${dto.code} is taken`, { field: 'code' });
    // Checked first for a clean refusal; the unique constraint still decides a race.
    if (await this.db.getRepository(TeamEntity).existsBy({ code: dto.code })) throw taken();
    try {
      const saved = await this.db.getRepository(TeamEntity).save({
        code: dto.code,
        name: dto.name.trim(),
        lineLevel: dto.lineLevel,
        autoAssign: dto.autoAssign ?? false,
      });
      return this.get(saved.id);
    } catch (error) {
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  async update(user: AuthUser, id: string, dto: UpdateTeamDto): Promise<TeamView> {
    await this.db.transaction(async (tx) => {
      const team = await this.lockTeam(tx, id);
      // Seed 000, principle 3: a primary team is where a 1st-line agent resolves the user's ticket.
      if (dto.lineLevel != null && dto.lineLevel !== 1 && team.lineLevel === 1) {
        const primaryOf = await tx.getRepository(OrganisationEntity).findOneBy({ primaryTeamId: id });
        if (primaryOf) {
          throw new TeamsException(TeamErrorCode.RuleBroken, `${team.name} is the primary team of ${primaryOf.name} and must stay 1st line`, {
            field: 'lineLevel',
            rule: 'primaryTeamFirstLine',
          });
        }
      }
      const changes = {
        ...(dto.name != null ? { name: dto.name.trim() } : {}),
        ...(dto.lineLevel != null ? { lineLevel: dto.lineLevel } : {}),
        ...(dto.autoAssign != null ? { autoAssign: dto.autoAssign } : {}),
      };
      // A PATCH that names nothing changes nothing (TypeORM refuses an empty UPDATE with a 500).
      if (Object.keys(changes).length > 0) await tx.getRepository(TeamEntity).update({ id }, changes);
    });
    return this.get(id);
  }

  /** Adds a member or changes their flags (PUT: omitted flags are false). */
  async putMember(user: AuthUser, teamId: string, userId: string, dto: PutMemberDto): Promise<TeamView> {
    const isDispatcher = dto.isDispatcher ?? false;
    const isLead = dto.isLead ?? false;
    await this.db.transaction(async (tx) => {
      // Member changes of one team run one at a time, so two admins cannot make two leads.
      const team = await this.lockTeam(tx, teamId);
      const member = await tx.getRepository(UserEntity).findOneBy({ id: userId });
      if (!member) throw new TeamsException(TeamErrorCode.UserNotFound, `user ${userId} not found`);
      if (!isStaff({ id: member.id, role: member.role })) {
        throw new TeamsException(TeamErrorCode.RuleBroken, `${member.displayName} is a ${member.role}; only staff work in teams`, {
          field: 'userId',
          rule: 'staff',
        });
      }
      // The machine lets only dispatching roles assign agents: a flag it would ignore is refused here.
      if (isDispatcher && !DISPATCH_ROLES.includes(member.role)) {
        throw new TeamsException(TeamErrorCode.RuleBroken, `${member.displayName} is a ${member.role} and cannot dispatch`, {
          field: 'isDispatcher',
          rule: 'dispatchRole',
        });
      }
      if (isLead) {
        const [lead] = await tx.query(
          `SELECT u.display_name FROM team_members m JOIN users u ON u.id = m.user_id
           WHERE m.team_id = $1 AND m.is_lead AND m.user_id <> $2`,
          [teamId, userId],
        );
        if (lead) {
          throw new TeamsException(TeamErrorCode.LeadTaken, `${team.name} already has a lead (${lead.display_name}); unset that first`, {
            field: 'isLead',
            rule: 'oneLead',
          });
        }
      }
      await tx.getRepository(TeamMemberEntity).upsert({ teamId, userId, isDispatcher, isLead }, ['teamId', 'userId']);
    });
    return this.get(teamId);
  }

  async removeMember(user: AuthUser, teamId: string, userId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockTeam(tx, teamId);
      const removed = await tx.getRepository(TeamMemberEntity).delete({ teamId, userId });
      if (!removed.affected) throw new TeamsException(TeamErrorCode.MemberNotFound, `user ${userId} is not a member of team ${teamId}`);
    });
  }

  /** The teams a user belongs to (a dispatcher assigns within them). */
  async teamIdsOf(userId: string): Promise<string[]> {
    const rows: Array<{ team_id: string }> = await this.db.query('SELECT team_id FROM team_members WHERE user_id = $1', [userId]);
    return rows.map((m) => m.team_id);
  }

  /** Whether the user dispatches or leads the team. */
  async dispatchesOrLeads(userId: string, teamId: string): Promise<boolean> {
    const [row] = await this.db.query('SELECT 1 FROM team_members WHERE team_id = $1 AND user_id = $2 AND (is_dispatcher OR is_lead)', [teamId, userId]);
    return !!row;
  }

  /**
   * Who hears a team's alerts: its dispatchers and lead (REQUIREMENTS 4: they watch deadlines). A
   * ticket not yet dispatched belongs to the service desk: the dispatchers of every 1st-line team.
   */
  async alertRecipients(teamId: string | null, tx?: EntityManager): Promise<string[]> {
    const db = tx ?? this.db;
    const rows: Array<{ user_id: string }> = teamId
      ? await db.query('SELECT user_id FROM team_members WHERE team_id = $1 AND (is_dispatcher OR is_lead) ORDER BY user_id', [teamId])
      : await db.query(
          `SELECT DISTINCT m.user_id FROM team_members m JOIN teams t ON t.id = m.team_id
           WHERE t.line_level = 1 AND m.is_dispatcher ORDER BY m.user_id`,
        );
    return rows.map((row) => row.user_id);
  }

  /** The team's agents (role agent), by username: the candidates of automatic assignment. */
  async agentsOf(teamId: string): Promise<Array<{ id: string; name: string }>> {
    const rows: Array<{ id: string; display_name: string }> = await this.db.query(
      `SELECT u.id, u.display_name FROM team_members m JOIN users u ON u.id = m.user_id
       WHERE m.team_id = $1 AND u.role = 'agent' ORDER BY u.username`,
      [teamId],
    );
    return rows.map((r) => ({ id: r.id, name: r.display_name }));
  }

  private async lockTeam(tx: EntityManager, id: string): Promise<TeamEntity> {
    const team = await tx.getRepository(TeamEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!team) throw new TeamsException(TeamErrorCode.TeamNotFound, `team ${id} not found`);
    return team;
  }

  private async views(id: string | null): Promise<TeamView[]> {
    const rows: Array<Omit<TeamView, 'members'> & { members: TeamMemberView[] | null }> = await this.db.query(TEAM_VIEW_SQL, [id]);
    return rows.map((row) => ({ ...row, members: row.members ?? [] }));
  }
}
