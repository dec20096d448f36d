import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MiReview } from '../../machines/major-incident.types';
import type { MiActivities, MiProjection } from '../../workflows/major-incident.messages';

/**
 * The MI workflow's activity, as a Nest provider. Idempotent like the CSI projection: the row only
 * moves to a newer `version`, journal entries are keyed `(mi, seq)`, notifications `<number>#<n>:<recipient>`.
 */
@Injectable()
export class MiProjectionActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  asActivities(): MiActivities {
    return { projectMajorIncident: (projection) => this.projectMajorIncident(projection) };
  }

  async projectMajorIncident(p: MiProjection): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.upsert(tx, p);
      for (const e of p.newEntries) {
        await tx.query(
          `INSERT INTO mi_journal (mi_number, seq, author_id, text, created_at) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (mi_number, seq) DO NOTHING`,
          [p.record.number, e.seq, e.authorId, e.text, e.at],
        );
      }
      await this.recordNotifications(tx, p);
    });
  }

  private async upsert(tx: EntityManager, p: MiProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    const columns: Record<string, unknown> = {
      number: r.number,
      title: r.title,
      category_id: r.categoryId,
      reason: c.reason,
      proposed_by: c.proposedBy,
      stage: state.stage,
      priority: c.priority,
      incident_manager_id: c.incidentManagerId,
      team_id: c.teamId,
      team_name: c.teamName,
      stakeholder_ids: JSON.stringify(c.stakeholderIds),
      children: JSON.stringify(c.children),
      candidates: JSON.stringify(r.candidates),
      cluster_key: r.clusterKey,
      updates: JSON.stringify(c.updates),
      resolution: c.resolution,
      review: c.review ? JSON.stringify(await this.reviewWithTimeline(tx, r.number, c.review)) : null,
      active_since: c.activeSince,
      resolved_at: c.resolvedAt,
      version: p.version,
      machine_state: JSON.stringify(state),
      created_at: r.createdAt,
      updated_at: p.updatedAt,
    };
    const names = Object.keys(columns);
    const fixed = new Set(['number', 'title', 'category_id', 'reason', 'proposed_by', 'candidates', 'cluster_key', 'created_at']);
    await tx.query(
      `INSERT INTO major_incidents (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (number) DO UPDATE SET ${names.filter((n) => !fixed.has(n)).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE major_incidents.version < EXCLUDED.version`,
      Object.values(columns),
    );
  }

  /** The review's timeline: every step, update and reminder of the MI journal before the review, in order. */
  private async reviewWithTimeline(tx: EntityManager, number: string, review: MiReview): Promise<MiReview> {
    if (review.timeline.length || review.timelineUpTo == null) return review;
    const entries: Array<{ created_at: Date; text: string }> = await tx.query(
      'SELECT created_at, text FROM mi_journal WHERE mi_number = $1 AND seq <= $2 ORDER BY seq',
      [number, review.timelineUpTo],
    );
    return { ...review, timeline: entries.map((e) => `${new Date(e.created_at).toISOString()} ${e.text}`) };
  }

  /** Expands each notification's audiences to users and writes them to the shared outbox. */
  private async recordNotifications(tx: EntityManager, p: MiProjection): Promise<void> {
    const c = p.state.context;
    for (const n of p.notifications) {
      const recipients = new Map<string, string>();
      for (const audience of n.audiences) {
        let ids: string[] = [];
        if (audience === 'incidentManager') ids = c.incidentManagerId ? [c.incidentManagerId] : [];
        else if (audience === 'stakeholders') ids = c.stakeholderIds;
        else if (audience === 'incidentManagers') ids = (await tx.query(`SELECT id FROM users WHERE role = 'incidentManager' ORDER BY id`)).map((u: { id: string }) => u.id);
        else if (c.children.length) {
          ids = (await tx.query('SELECT DISTINCT requester_id AS id FROM tickets WHERE number = ANY($1) ORDER BY 1', [c.children])).map((u: { id: string }) => u.id);
        }
        for (const id of ids) if (!recipients.has(id)) recipients.set(id, audience === 'linkedRequesters' ? 'requester' : 'role');
      }
      const body = `${n.text}\n\n${p.record.number}: ${p.record.title}`;
      for (const [recipient, audience] of recipients) {
        await tx.query(
          `INSERT INTO notifications (id, ticket_number, recipient_id, audience, template, subject, body, created_at, deliver_after)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) ON CONFLICT (id) DO NOTHING`,
          [`${p.record.number}#${n.seq}:${recipient}`, p.record.number, recipient, audience, n.template, n.subject, body, n.at],
        );
      }
    }
  }
}
