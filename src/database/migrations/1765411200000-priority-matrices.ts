import { MigrationInterface, QueryRunner } from 'typeorm';
import { SHIPPED_MATRICES } from '../../../machines/priority';

/**
 * Issue 13, item 5: priority matrices as versioned policies (the shipped examples: seed 003's
 * default, AU's P1-P5, seed 004's A-D) and an organisation's own SLA policy, which overrides the
 * category's for its requesters' tickets.
 */
export class PriorityMatrices1765411200000 implements MigrationInterface {
  name = 'PriorityMatrices1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE priority_matrices (
        code text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version)
      )`);
    for (const matrix of SHIPPED_MATRICES) {
      await q.query('INSERT INTO priority_matrices (code, version, name, definition) VALUES ($1, $2, $3, $4)', [
        matrix.code,
        matrix.version,
        matrix.name,
        JSON.stringify(matrix),
      ]);
    }
    await q.query(`ALTER TABLE organisations ADD COLUMN sla_policy_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organisations DROP COLUMN sla_policy_code`);
    await q.query('DROP TABLE priority_matrices');
  }
}
