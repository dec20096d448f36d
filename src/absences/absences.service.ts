import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessDeniedException } from '../auth/access.guard';
import { TeamsService } from '../teams/teams.service';
import { AbsenceEntity } from './absence.entity';
import { AbsenceErrorCode, AbsencesException } from './absences.exception';
import type { AbsenceView, AbsentMemberView, SetAbsenceDto } from './dto/absence.dto';

export const toAbsenceView = (a: AbsenceEntity): AbsenceView => ({
  id: a.id,
  userId: a.userId,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt.toISOString(),
  autoReply: a.autoReply,
});

/**
 * Out-of-office periods (REQUIREMENTS 4; issue 4 item 7). A period is half-open, [startsAt,
 * endsAt): an agent back at 08:00 is present at 08:00. The ticket workflow asks `isAbsent` and
 * `absentAmong` (alerts to the dispatcher, auto-assignment skipping absent agents).
 */
@Injectable()
export class AbsencesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly teams: TeamsService,
  ) {}

  /**
   * Sets the caller's period. Periods the new one overlaps are replaced, so "the auto-reply now"
   * has one answer; repeating the same period only changes its auto-reply (and keeps its id).
   */
  async set(user: AuthUser, dto: SetAbsenceDto): Promise<AbsenceView> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (!(endsAt > startsAt)) {
      throw new AbsencesException(AbsenceErrorCode.RuleBroken, 'endsAt must be after startsAt', { field: 'endsAt', rule: 'endsAfterStart' });
    }
    const autoReply = dto.autoReply?.trim() ?? '';
    const saved = await this.db.transaction(async (tx) => {
      // One user's changes run one at a time, so two concurrent PUTs cannot leave overlapping periods.
      await tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [user.id]);
      const absences = tx.getRepository(AbsenceEntity);
      const same = await absences.findOneBy({ userId: user.id, startsAt, endsAt });
      if (same) {
        await absences.update({ id: same.id }, { autoReply });
        return { ...same, autoReply };
      }
      await tx.query('DELETE FROM absences WHERE user_id = $1 AND starts_at < $3 AND ends_at > $2', [user.id, startsAt, endsAt]);
      return absences.save({ userId: user.id, startsAt, endsAt, autoReply });
    });
    return toAbsenceView(saved);
  }

  /** The caller's current and coming periods, earliest first. */
  async listOwn(user: AuthUser, now = new Date()): Promise<AbsenceView[]> {
    const rows = await this.db
      .getRepository(AbsenceEntity)
      .createQueryBuilder('a')
      .where('a.user_id = :userId AND a.ends_at > :now', { userId: user.id, now })
      .orderBy('a.starts_at', 'ASC')
      .getMany();
    return rows.map(toAbsenceView);
  }

  async removeOwn(user: AuthUser, id: string): Promise<void> {
    const removed = await this.db.getRepository(AbsenceEntity).delete({ id, userId: user.id });
    // Someone else's period is "not found": the caller only manages their own.
    if (!removed.affected) throw new AbsencesException(AbsenceErrorCode.AbsenceNotFound, `absence ${id} not found`);
  }

  /** Members of the team absent at `at`, with their auto-reply: what a dispatcher checks before assigning. */
  async absentInTeam(user: AuthUser, teamId: string, at: Date): Promise<AbsentMemberView[]> {
    const [team] = await this.db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
    if (!team) throw new AbsencesException(AbsenceErrorCode.TeamNotFound, `team ${teamId} not found`);
    await this.requireTeamDispatcher(user, teamId);
    const rows: Array<{ id: string; user_id: string; username: string; display_name: string; starts_at: Date; ends_at: Date; auto_reply: string }> =
      await this.db.query(
        `SELECT a.id, a.user_id, u.username, u.display_name, a.starts_at, a.ends_at, a.auto_reply
         FROM team_members m
         JOIN users u ON u.id = m.user_id
         JOIN absences a ON a.user_id = m.user_id AND a.ends_at > $2 AND a.starts_at <= $2
         WHERE m.team_id = $1
         ORDER BY u.username`,
        [teamId, at],
      );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      autoReply: r.auto_reply,
    }));
  }

  /** A team's absences are for its own dispatchers and lead (and admins), not for every dispatcher. */
  private async requireTeamDispatcher(user: AuthUser, teamId: string): Promise<void> {
    if (user.role === 'admin') return;
    if (!(await this.teams.dispatchesOrLeads(user.id, teamId))) throw new AccessDeniedException('dispatch', "only the team's dispatchers and lead, and admins, see its absences");
  }

  async isAbsent(userId: string, at: Date = new Date()): Promise<boolean> {
    return (await this.currentAbsence(userId, at)) !== null;
  }

  /** The subset of `userIds` absent at `at` (plain ids: an activity's result must serialise). */
  async absentAmong(userIds: readonly string[], at: Date = new Date()): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{ user_id: string }> = await this.db.query(
      `SELECT DISTINCT user_id FROM absences WHERE user_id = ANY($1::uuid[]) AND ends_at > $2 AND starts_at <= $2`,
      [userIds, at],
    );
    return rows.map((r) => r.user_id);
  }

  /** The period `userId` is in at `at`, with its auto-reply, or null when present. */
  async currentAbsence(userId: string, at: Date = new Date()): Promise<AbsenceView | null> {
    const found = await this.db
      .getRepository(AbsenceEntity)
      .createQueryBuilder('a')
      .where('a.user_id = :userId AND a.ends_at > :at AND a.starts_at <= :at', { userId, at })
      .orderBy('a.starts_at', 'DESC')
      .getOne();
    return found ? toAbsenceView(found) : null;
  }
}
