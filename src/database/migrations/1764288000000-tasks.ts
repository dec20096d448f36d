import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tasks split off a ticket (REQUIREMENTS 3): their own numbers and a link to the ticket. */
export class Tasks1764288000000 implements MigrationInterface {
  name = 'Tasks1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE task_number_seq`);
    await q.query(`ALTER TABLE tickets ADD COLUMN parent_number text`);
    await q.query(`CREATE INDEX tickets_parent_idx ON tickets (parent_number) WHERE parent_number IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_parent_idx`);
    await q.query(`ALTER TABLE tickets DROP COLUMN parent_number`);
    await q.query(`DROP SEQUENCE task_number_seq`);
  }
}
