import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, item 5: the monthly service review is mailed to each customer organisation's contact,
 * a user of the directory (their address and language are the directory's).
 */
export class Statistics1765929600000 implements MigrationInterface {
  name = 'Statistics1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations ADD COLUMN contact_id uuid REFERENCES users (id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP COLUMN contact_id`);
  }
}
