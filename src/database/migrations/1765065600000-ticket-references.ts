import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * REQUIREMENTS 2: a new ticket may reference earlier ones (the Closed ticket it follows up). The
 * numbers it names are kept on the ticket; the GIN index finds the tickets that name a given one
 * (shown both ways).
 */
export class TicketReferences1765065600000 implements MigrationInterface {
  name = 'TicketReferences1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets ADD COLUMN referenced_numbers text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX tickets_referenced_numbers_idx ON tickets USING gin (referenced_numbers)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_referenced_numbers_idx`);
    await q.query(`ALTER TABLE tickets DROP COLUMN referenced_numbers`);
  }
}
