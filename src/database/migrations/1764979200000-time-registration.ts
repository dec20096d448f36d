import { MigrationInterface, QueryRunner } from 'typeorm';

/** Time registration (REQUIREMENTS 10, seed 003): entries per ticket and the closed months. */
export class TimeRegistration1764979200000 implements MigrationInterface {
  name = 'TimeRegistration1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE time_entries (
      ticket_number text NOT NULL,
      entry int NOT NULL,
      ticket_title text NOT NULL,
      agent_id text NOT NULL,
      agent_name text NOT NULL,
      organisation text,
      worked_on date NOT NULL,
      activity text NOT NULL,
      worked_minutes int NOT NULL,
      minutes int NOT NULL,
      billable boolean NOT NULL,
      note text,
      corrects int,
      registered_at timestamptz NOT NULL,
      PRIMARY KEY (ticket_number, entry))`);
    // A statement reads one customer's month.
    await q.query(`CREATE INDEX time_entries_statement_idx ON time_entries (organisation, worked_on)`);
    await q.query(`CREATE TABLE time_closed_months (month text PRIMARY KEY, closed_by text NOT NULL, closed_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE time_closed_months`);
    await q.query(`DROP TABLE time_entries`);
  }
}
