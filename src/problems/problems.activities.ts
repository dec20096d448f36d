import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ProblemActivities, ProblemProjection } from '../../workflows/problem.messages';
import { insertOnce, projectionTransaction, upsertNewer } from '../database/projection';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { Activity } from '../temporal/activity.decorator';
import { KnowledgeEntryEntity, ProblemEntity, ProblemJournalEntity } from './problem.entity';

/** The problem workflow's projection: row, journal and published known errors, idempotent like the ticket's. */
@Injectable()
export class ProblemProjectionActivities implements ProblemActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly knowledgeBase: KnowledgeService,
  ) {}

  @Activity()
  async projectProblem(p: ProblemProjection): Promise<void> {
    const { record: r, state } = p;
    const c = state.context;
    await projectionTransaction(this.dataSource, async (tx) => {
      await upsertNewer(tx, ProblemEntity, {
        number: r.number,
        title: r.title,
        description: r.description,
        stage: state.stage,
        stageSince: c.stageSince,
        incidents: c.incidents,
        rootCause: c.rootCause,
        workaround: c.workaround,
        knownError: c.knownError,
        knowledgeEntryId: c.knowledgeEntryId,
        changeRequests: c.changeRequests,
        resolution: c.resolution,
        decisions: c.decisions,
        createdBy: c.createdById,
        version: p.version,
        machineState: state,
        createdAt: r.createdAt,
        updatedAt: p.updatedAt,
      }, 'number', ['title', 'description', 'createdBy', 'createdAt']);
      await insertOnce(tx, ProblemJournalEntity, p.newEntries.map((e) => ({ problemNumber: r.number, seq: e.seq, authorId: e.authorId, text: e.text, createdAt: e.at })));
      await insertOnce(tx, KnowledgeEntryEntity, p.knowledge.map((k) => ({ ...k, problemNumber: r.number, createdAt: p.updatedAt })));
      // The known error is found in the knowledge base too, by IT staff (an internal article).
      for (const k of p.knowledge) await this.knowledgeBase.publishKnownError(tx, { ...k, problemNumber: r.number, at: p.updatedAt });
    });
  }
}
