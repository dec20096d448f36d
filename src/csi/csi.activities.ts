import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CsiActivities, CsiProjection } from '../../workflows/csi-proposal.messages';

/**
 * The CSI workflow's activity, as a Nest provider. Idempotent like the ticket projection: the row
 * only moves to a newer `version`, journal entries are keyed `(proposal, seq)`, reminders
 * `<number>#<n>:<recipient>`.
 */
@Injectable()
export class CsiProjectionActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  asActivities(): CsiActivities {
    return { projectCsiProposal: (projection) => this.projectCsiProposal(projection) };
  }

  async projectCsiProposal(p: CsiProjection): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.upsertProposal(tx, p);
      for (const e of p.newEntries) {
        await tx.query(
          `INSERT INTO csi_journal (proposal_number, seq, author_id, text, created_at) VALUES ($1,$2,$3,$4,$5)
           ON CONFLICT (proposal_number, seq) DO NOTHING`,
          [p.record.number, e.seq, e.authorId, e.text, e.at],
        );
      }
      await this.recordNotifications(tx, p);
    });
  }

  private async upsertProposal(tx: EntityManager, p: CsiProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    const columns: Record<string, unknown> = {
      number: r.number,
      title: r.title,
      description: r.description,
      concerns: r.concerns,
      expected_benefit: r.expectedBenefit,
      category_id: r.categoryId,
      proposer_id: c.proposerId,
      stage: state.stage,
      stage_since: c.stageSince,
      priority_proposed: c.priorityProposed,
      priority_final: c.priorityFinal,
      information_request: c.informationRequest,
      assessment: c.assessment ? JSON.stringify(c.assessment) : null,
      decisions: JSON.stringify(c.decisions),
      forum_date: c.forumDate,
      version: p.version,
      machine_state: JSON.stringify(state),
      created_at: r.createdAt,
      updated_at: p.updatedAt,
    };
    const names = Object.keys(columns);
    const fixed = new Set(['number', 'title', 'description', 'concerns', 'expected_benefit', 'category_id', 'proposer_id', 'created_at']);
    await tx.query(
      `INSERT INTO csi_proposals (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (number) DO UPDATE SET ${names.filter((n) => !fixed.has(n)).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE csi_proposals.version < EXCLUDED.version`,
      Object.values(columns),
    );
  }

  /** A stage reminder goes to the proposer, or to every user of the stage owner's role, through the notifications outbox. */
  private async recordNotifications(tx: EntityManager, p: CsiProjection): Promise<void> {
    for (const n of p.notifications) {
      const recipients: string[] = n.recipientId
        ? [n.recipientId]
        : (await tx.query('SELECT id FROM users WHERE role = $1 ORDER BY id', [n.owner])).map((u: { id: string }) => u.id);
      const body = `${n.text}\n\n${p.record.number}: ${p.record.title}`;
      for (const recipient of recipients) {
        await tx.query(
          `INSERT INTO notifications (id, ticket_number, recipient_id, audience, template, subject, body, created_at, deliver_after)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) ON CONFLICT (id) DO NOTHING`,
          [`${p.record.number}#${n.seq}:${recipient}`, p.record.number, recipient, n.owner === 'proposer' ? 'requester' : 'role', 'csiStageReminder', n.subject, body, n.at],
        );
      }
    }
  }
}
