import { MigrationInterface, QueryRunner } from 'typeorm';

/** Problem management (issue 6, part 2): problem numbers, the register, the trail and the knowledge base. */
export class Problems1764547200000 implements MigrationInterface {
  name = 'Problems1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE problem_number_seq`);
    await q.query(`
      CREATE TABLE problems (
        number text PRIMARY KEY,
        title text NOT NULL,
        description text NOT NULL,
        stage text NOT NULL,
        stage_since timestamptz NOT NULL,
        incidents jsonb NOT NULL DEFAULT '[]',
        root_cause text,
        workaround text,
        known_error boolean NOT NULL DEFAULT false,
        knowledge_entry_id text,
        change_requests jsonb NOT NULL DEFAULT '[]',
        resolution text,
        decisions jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL,
        version integer NOT NULL,
        machine_state jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX problems_stage_idx ON problems (stage)`);
    await q.query(`CREATE INDEX problems_incidents_idx ON problems USING gin (incidents)`);
    await q.query(`
      CREATE TABLE problem_journal (
        problem_number text NOT NULL REFERENCES problems (number),
        seq integer NOT NULL,
        author_id text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (problem_number, seq)
      )`);
    await q.query(`
      CREATE TABLE knowledge_entries (
        id text PRIMARY KEY,
        title text NOT NULL,
        symptoms text NOT NULL,
        workaround text NOT NULL,
        problem_number text NOT NULL REFERENCES problems (number),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX knowledge_entries_problem_idx ON knowledge_entries (problem_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE knowledge_entries`);
    await q.query(`DROP TABLE problem_journal`);
    await q.query(`DROP TABLE problems`);
    await q.query(`DROP SEQUENCE problem_number_seq`);
  }
}
