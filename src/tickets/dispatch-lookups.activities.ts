import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AbsenceFound, AgentChoice, DispatchLookups } from '../../workflows/ticket.messages';

/**
 * What the ticket workflow asks the read model while dispatching (issue 4): is an agent away, and
 * which present agent of a team has the fewest open tickets (seed 002's automatic assignment).
 * Read-only, so a retry is harmless; the answer is recorded in the workflow's history.
 */
@Injectable()
export class DispatchLookupActivities implements DispatchLookups {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  asActivities(): DispatchLookups {
    return {
      absenceOf: (userId, at) => this.absenceOf(userId, at),
      chooseAgent: (teamId, at) => this.chooseAgent(teamId, at),
    };
  }

  async absenceOf(userId: string, at: string): Promise<AbsenceFound | null> {
    const [row] = await this.db.query(
      `SELECT ends_at, auto_reply FROM absences WHERE user_id = $1 AND starts_at <= $2 AND ends_at > $2
       ORDER BY ends_at DESC LIMIT 1`,
      [userId, at],
    );
    return row ? { until: new Date(row.ends_at).toISOString(), autoReply: row.auto_reply || null } : null;
  }

  async chooseAgent(teamId: string, at: string): Promise<AgentChoice | null> {
    const [row] = await this.db.query(
      `SELECT u.id, u.display_name,
              (SELECT count(*) FROM tickets t WHERE t.assignee_id = u.id AND t.status NOT IN ('Resolved', 'Closed')) AS open
       FROM team_members m JOIN users u ON u.id = m.user_id
       WHERE m.team_id = $1 AND u.role = 'agent'
         AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.user_id = u.id AND a.starts_at <= $2 AND a.ends_at > $2)
       ORDER BY open ASC, u.username ASC
       LIMIT 1`,
      [teamId, at],
    );
    return row ? { id: row.id, name: row.display_name } : null;
  }
}
