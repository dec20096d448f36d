import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13, item 5: the auto-close period per service (category); null keeps the installation's. */
export class AutoClosePerService1765324800000 implements MigrationInterface {
  name = 'AutoClosePerService1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE categories ADD COLUMN auto_close_after_days int`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE categories DROP COLUMN auto_close_after_days`);
  }
}
