import { MigrationInterface, QueryRunner } from 'typeorm';

/** REQUIREMENTS 2, seed 002: a pending policy per service (category); null keeps the installation's. */
export class PendingPolicy1765152000000 implements MigrationInterface {
  name = 'PendingPolicy1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE categories ADD COLUMN pending_policy jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE categories DROP COLUMN pending_policy`);
  }
}
