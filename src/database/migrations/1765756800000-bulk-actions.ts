import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, item 3: bulk actions and a major incident's cascade, applied from a workflow. One row
 * per action, one per ticket with the version it was planned on and its outcome once handled.
 */
export class BulkActions1765756800000 implements MigrationInterface {
  name = 'BulkActions1765756800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SEQUENCE bulk_action_number_seq');
    await q.query(`
      CREATE TABLE bulk_actions (
        id text PRIMARY KEY,
        command jsonb NOT NULL,
        actor jsonb NOT NULL,
        major_incident text,
        numbers jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE bulk_action_items (
        bulk_action_id text NOT NULL REFERENCES bulk_actions(id),
        number text NOT NULL,
        position integer NOT NULL,
        planned_version integer,
        planned_status text,
        outcome text,
        reason text,
        handled_at timestamptz,
        PRIMARY KEY (bulk_action_id, number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bulk_action_items');
    await q.query('DROP TABLE bulk_actions');
    await q.query('DROP SEQUENCE bulk_action_number_seq');
  }
}
