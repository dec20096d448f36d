import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ProblemActivities, ProblemProjection } from '../../workflows/problem.messages';

/**
 * The problem workflow's activity, as a Nest provider. Idempotent like the CSI projection: the row
 * only moves to a newer `version`, journal entries are keyed `(problem, seq)`, a knowledge entry
 * by its id.
 */
@Injectable()
export class ProblemProjectionActivities {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  asActivities(): ProblemActivities {
    return { projectProblem: (projection) => this.projectProblem(projection) };
  }

  async projectProblem(p: ProblemProjection): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.upsertProblem(tx, p);
      for (const e of p.newEntries) {
        await tx.query(
          `INSERT INTO problem_journal (problem_number, seq, author_id, text, created_at) VALUES ($1,$2,$3,$4,$5)
           ON CONFLICT (problem_number, seq) DO NOTHING`,
          [p.record.number, e.seq, e.authorId, e.text, e.at],
        );
      }
      for (const k of p.knowledge) {
        await tx.query(
          `INSERT INTO knowledge_entries (id, title, symptoms, workaround, problem_number, created_at) VALUES ($1,$2,$3,$4,$5,$6)
           ON CONFLICT (id) DO NOTHING`,
          [k.id, k.title, k.symptoms, k.workaround, p.record.number, p.updatedAt],
        );
      }
    });
  }

  private async upsertProblem(tx: EntityManager, p: ProblemProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    const columns: Record<string, unknown> = {
      number: r.number,
      title: r.title,
      description: r.description,
      stage: state.stage,
      stage_since: c.stageSince,
      incidents: JSON.stringify(c.incidents),
      root_cause: c.rootCause,
      workaround: c.workaround,
      known_error: c.knownError,
      knowledge_entry_id: c.knowledgeEntryId,
      change_requests: JSON.stringify(c.changeRequests),
      resolution: c.resolution,
      decisions: JSON.stringify(c.decisions),
      created_by: c.createdById,
      version: p.version,
      machine_state: JSON.stringify(state),
      created_at: r.createdAt,
      updated_at: p.updatedAt,
    };
    const names = Object.keys(columns);
    const fixed = new Set(['number', 'title', 'description', 'created_by', 'created_at']);
    await tx.query(
      `INSERT INTO problems (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (number) DO UPDATE SET ${names.filter((n) => !fixed.has(n)).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
       WHERE problems.version < EXCLUDED.version`,
      Object.values(columns),
    );
  }
}
