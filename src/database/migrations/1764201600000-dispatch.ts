import { MigrationInterface, QueryRunner } from 'typeorm';

/** Dispatch and escalation: organisations with a primary team, Additional Questions, absences, vendors, locks. */
export class Dispatch1764201600000 implements MigrationInterface {
  name = 'Dispatch1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE teams ADD COLUMN auto_assign boolean NOT NULL DEFAULT false`);
    // Seed 000, principle 3: tickets return to (and users' tickets start in) the primary team.
    await q.query(`
      CREATE TABLE organisations (
        code text PRIMARY KEY,
        name text NOT NULL,
        primary_team_id uuid REFERENCES teams(id) ON DELETE SET NULL
      )`);
    // Seed 000, principle 1: the questions that must be answered before escalation, per category.
    await q.query(`ALTER TABLE categories ADD COLUMN additional_questions jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`
      CREATE TABLE absences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        auto_reply text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX absences_user_idx ON absences (user_id, ends_at)`);
    await q.query(`ALTER TABLE tickets
      ADD COLUMN vendor text,
      ADD COLUMN vendor_ticket_id text,
      ADD COLUMN locked_by uuid,
      ADD COLUMN escalations jsonb NOT NULL DEFAULT '[]'::jsonb,
      ADD COLUMN answers jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN update_flag_since timestamptz`);
    await q.query(`CREATE INDEX tickets_queue_idx ON tickets (team_id, status, priority, sla_next_deadline)`);
    await q.query(`CREATE INDEX tickets_agent_idx ON tickets (assignee_id, status, priority)`);
    await q.query(`CREATE INDEX tickets_update_flag_idx ON tickets (update_flag_since) WHERE update_flag`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX tickets_update_flag_idx');
    await q.query('DROP INDEX tickets_agent_idx');
    await q.query('DROP INDEX tickets_queue_idx');
    await q.query(`ALTER TABLE tickets DROP COLUMN vendor, DROP COLUMN vendor_ticket_id, DROP COLUMN locked_by,
      DROP COLUMN escalations, DROP COLUMN answers, DROP COLUMN update_flag_since`);
    await q.query('DROP TABLE absences');
    await q.query('ALTER TABLE categories DROP COLUMN additional_questions');
    await q.query('DROP TABLE organisations');
    await q.query('ALTER TABLE teams DROP COLUMN auto_assign');
  }
}
