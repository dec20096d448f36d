import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface TeamMemberView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  isDispatcher: boolean;
  isLead: boolean;
}

export interface TeamView {
  id: string;
  code: string;
  name: string;
  lineLevel: number;
  members: TeamMemberView[];
}

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Teams (queues) with their line level, dispatchers and agents. */
  @Get()
  async list(): Promise<TeamView[]> {
    const rows: Array<Omit<TeamView, 'members'> & { members: TeamMemberView[] | null }> = await this.db.query(`
      SELECT t.id, t.code, t.name, t.line_level AS "lineLevel",
        json_agg(json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name, 'role', u.role,
          'isDispatcher', m.is_dispatcher, 'isLead', m.is_lead) ORDER BY u.username) FILTER (WHERE u.id IS NOT NULL) AS members
      FROM teams t
      LEFT JOIN team_members m ON m.team_id = t.id
      LEFT JOIN users u ON u.id = m.user_id
      GROUP BY t.id ORDER BY t.line_level, t.name`);
    return rows.map((row) => ({ ...row, members: row.members ?? [] }));
  }
}
