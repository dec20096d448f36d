import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { isUniqueViolation } from '../database/unique-violation';
import type { CreateOrganisationDto, OrganisationView, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationEntity } from './organisation.entity';
import { TeamEntity } from './team.entity';
import { TeamErrorCode, TeamsException } from './teams.exception';

const ORGANISATION_VIEW_SQL = `
  SELECT o.code, o.name, o.sla_policy_code, o.contact_id, t.id AS team_id, t.code AS team_code, t.name AS team_name
  FROM organisations o LEFT JOIN teams t ON t.id = o.primary_team_id
  WHERE $1::text IS NULL OR o.code = $1
  ORDER BY o.code`;

interface OrganisationRow {
  code: string;
  name: string;
  sla_policy_code: string | null;
  contact_id: string | null;
  team_id: string | null;
  team_code: string | null;
  team_name: string | null;
}

const toView = (r: OrganisationRow): OrganisationView => ({
  code: r.code,
  name: r.name,
  primaryTeam: r.team_id ? { id: r.team_id, code: r.team_code ?? '', name: r.team_name ?? '' } : null,
  slaPolicyCode: r.sla_policy_code,
  contactId: r.contact_id,
});

/** Organisations and locations with their primary team (seed 000, principle 3; issue 4 item 1). */
@Injectable()
export class OrganisationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Reference data, like GET /teams: any authenticated caller reads it. */
  async list(): Promise<OrganisationView[]> {
    return this.views(null);
  }

  async create(user: AuthUser, dto: CreateOrganisationDto): Promise<OrganisationView> {
    const taken = () => new TeamsException(TeamErrorCode.DuplicateCode, `organisation code ${dto.code} is taken`, { field: 'code' });
    await this.db.transaction(async (tx) => {
      // Checked first for a clean refusal; the primary key still decides a race.
      if (await tx.getRepository(OrganisationEntity).existsBy({ code: dto.code })) throw taken();
      await this.requirePrimaryTeam(tx, dto.primaryTeamId);
      if (dto.slaPolicyCode) await requireSlaPolicy(tx, dto.slaPolicyCode);
      if (dto.contactId) await requireContact(tx, dto.contactId);
      try {
        await tx
          .getRepository(OrganisationEntity)
          .insert({ code: dto.code, name: dto.name.trim(), primaryTeamId: dto.primaryTeamId, slaPolicyCode: dto.slaPolicyCode ?? null, contactId: dto.contactId ?? null });
      } catch (error) {
        if (isUniqueViolation(error)) throw taken();
        throw error;
      }
    });
    return this.get(dto.code);
  }

  async update(user: AuthUser, code: string, dto: UpdateOrganisationDto): Promise<OrganisationView> {
    await this.db.transaction(async (tx) => {
      const found = await tx.getRepository(OrganisationEntity).findOneBy({ code });
      if (!found) throw new TeamsException(TeamErrorCode.OrganisationNotFound, `organisation ${code} not found`);
      if (dto.primaryTeamId != null) await this.requirePrimaryTeam(tx, dto.primaryTeamId);
      if (dto.slaPolicyCode) await requireSlaPolicy(tx, dto.slaPolicyCode);
      if (dto.contactId) await requireContact(tx, dto.contactId);
      const changes = {
        ...(dto.name != null ? { name: dto.name.trim() } : {}),
        ...(dto.primaryTeamId != null ? { primaryTeamId: dto.primaryTeamId } : {}),
        ...(dto.slaPolicyCode !== undefined ? { slaPolicyCode: dto.slaPolicyCode } : {}),
        ...(dto.contactId !== undefined ? { contactId: dto.contactId } : {}),
      };
      // A PATCH that names nothing changes nothing (TypeORM refuses an empty UPDATE with a 500).
      if (Object.keys(changes).length > 0) await tx.getRepository(OrganisationEntity).update({ code }, changes);
    });
    return this.get(code);
  }

  private async get(code: string): Promise<OrganisationView> {
    const [view] = await this.views(code);
    if (!view) throw new TeamsException(TeamErrorCode.OrganisationNotFound, `organisation ${code} not found`);
    return view;
  }

  /** Seed 000, principle 3: the primary team is a 1st-line team; escalated tickets come back to it. */
  private async requirePrimaryTeam(tx: EntityManager, teamId: string): Promise<void> {
    const team = await tx.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (!team) throw new TeamsException(TeamErrorCode.UnknownReference, `primaryTeamId ${teamId} does not exist`, { field: 'primaryTeamId' });
    if (team.lineLevel !== 1) {
      throw new TeamsException(TeamErrorCode.RuleBroken, `${team.name} is a line ${team.lineLevel} team; a primary team is 1st line`, {
        field: 'primaryTeamId',
        rule: 'primaryTeamFirstLine',
      });
    }
  }

  private async views(code: string | null): Promise<OrganisationView[]> {
    const rows: OrganisationRow[] = await this.db.query(ORGANISATION_VIEW_SQL, [code]);
    return rows.map(toView);
  }
}

/** The SLA module owns the policies; an organisation names one by code (read here, never written). */
async function requireSlaPolicy(tx: EntityManager, code: string): Promise<void> {
  const [policy] = await tx.query('SELECT 1 FROM sla_policies WHERE code = $1 LIMIT 1', [code]);
  if (!policy) throw new TeamsException(TeamErrorCode.UnknownReference, `SLA policy ${code} does not exist`, { field: 'slaPolicyCode' });
}

/** The contact is a user of the directory (their address and language are the directory's). */
async function requireContact(tx: EntityManager, id: string): Promise<void> {
  const [user] = await tx.query('SELECT 1 FROM users WHERE id = $1', [id]);
  if (!user) throw new TeamsException(TeamErrorCode.UnknownReference, `contactId ${id} is no user`, { field: 'contactId' });
}
