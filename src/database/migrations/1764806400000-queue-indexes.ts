import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The overviews at 50,000 open tickets (docs/operations.md, "Queues at scale"): one index per
 * overview whose columns are exactly its ORDER BY (NULL deadlines last as 'infinity', unassigned
 * first as `assignee_id IS NOT NULL` ascending), so a page — also one deep in the list — is an
 * index-only scan over the numbers, and the total an index-only count. Trigram indexes let text
 * search use an index on the description and the number too.
 */
export class QueueIndexes1764806400000 implements MigrationInterface {
  name = 'QueueIndexes1764806400000';

  async up(q: QueryRunner): Promise<void> {
    const deadline = `(COALESCE(sla_next_deadline, 'infinity'::timestamptz))`;
    // INCLUDE the columns the expressions are made of: without them the planner will not scan index-only.
    await q.query(`CREATE INDEX tickets_team_queue_idx ON tickets (team_id, (assignee_id IS NOT NULL), priority, ${deadline}, created_at, number)
                   INCLUDE (assignee_id, sla_next_deadline, status) WHERE status NOT IN ('Resolved', 'Closed')`);
    await q.query(`CREATE INDEX tickets_status_queue_idx ON tickets (status, priority, ${deadline}, created_at, number) INCLUDE (sla_next_deadline)`);
    await q.query(`CREATE INDEX tickets_agent_queue_idx ON tickets (assignee_id, priority, ${deadline}, created_at, number)
                   INCLUDE (sla_next_deadline, status) WHERE status NOT IN ('Resolved', 'Closed')`);
    await q.query(`DROP INDEX tickets_queue_idx`);
    await q.query(`DROP INDEX tickets_agent_idx`);
    await q.query(`CREATE INDEX tickets_description_trgm_idx ON tickets USING gin (description gin_trgm_ops)`);
    await q.query(`CREATE INDEX tickets_number_trgm_idx ON tickets USING gin (number gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_number_trgm_idx`);
    await q.query(`DROP INDEX tickets_description_trgm_idx`);
    await q.query(`CREATE INDEX tickets_agent_idx ON tickets (assignee_id, status, priority)`);
    await q.query(`CREATE INDEX tickets_queue_idx ON tickets (team_id, status, priority, sla_next_deadline)`);
    await q.query(`DROP INDEX tickets_agent_queue_idx`);
    await q.query(`DROP INDEX tickets_status_queue_idx`);
    await q.query(`DROP INDEX tickets_team_queue_idx`);
  }
}
