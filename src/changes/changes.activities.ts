import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ChangeActivities, ChangeProjection } from '../../workflows/change.messages';

/**
 * The change workflow's activity, as a Nest provider. Idempotent like the CSI projection: the row
 * only moves to a newer `version`, journal entries are keyed `(change, seq)`, notifications
 * `<number>#<n>:<recipient>`.
 */
@Injectable()
export class ChangeProjectionActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  asActivities(): ChangeActivities {
    return { projectChange: (projection) => this.projectChange(projection) };
  }

  async projectChange(p: ChangeProjection): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.upsertChange(tx, p);
      for (const e of p.newEntries) {
        await tx.query(
          `INSERT INTO change_journal (change_number, seq, author_id, text, created_at) VALUES ($1,$2,$3,$4,$5)
           ON CONFLICT (change_number, seq) DO NOTHING`,
          [p.record.number, e.seq, e.authorId, e.text, e.at],
        );
      }
      for (const n of p.notifications) {
        const body = `${n.text}\n\n${p.record.number}: ${p.record.title}`;
        for (const recipient of n.recipientIds) {
          await tx.query(
            `INSERT INTO notifications (id, ticket_number, recipient_id, audience, template, subject, body, created_at, deliver_after)
             VALUES ($1,$2,$3,'role','changeWindowOverrun',$4,$5,$6,$6) ON CONFLICT (id) DO NOTHING`,
            [`${p.record.number}#${n.seq}:${recipient}`, p.record.number, recipient, n.subject, body, n.at],
          );
        }
      }
    });
  }

  private async upsertChange(tx: EntityManager, p: ChangeProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    const columns: Record<string, unknown> = {
      number: r.number,
      change_type: r.changeType,
      title: r.title,
      description: r.description,
      template_id: r.templateId,
      requester_id: c.requesterId,
      stage: state.stage,
      stage_since: c.stageSince,
      assessment: c.assessment ? JSON.stringify(c.assessment) : null,
      authority: JSON.stringify(c.authority),
      votes: JSON.stringify(c.votes),
      window_start: c.windowStart,
      window_end: c.windowEnd,
      overrun_at: c.overrunAt,
      review: c.review ? JSON.stringify(c.review) : null,
      problem_numbers: c.problemNumbers,
      incident_numbers: c.incidentNumbers,
      decisions: JSON.stringify(c.decisions),
      version: p.version,
      machine_state: JSON.stringify(state),
      created_at: r.createdAt,
      updated_at: p.updatedAt,
    };
    const names = Object.keys(columns);
    const fixed = new Set(['number', 'change_type', 'title', 'description', 'template_id', 'requester_id', 'created_at']);
    await tx.query(
      `INSERT INTO changes (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (number) DO UPDATE SET ${names.filter((n) => !fixed.has(n)).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE changes.version < EXCLUDED.version`,
      Object.values(columns),
    );
  }
}
