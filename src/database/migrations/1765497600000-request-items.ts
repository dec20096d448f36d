import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13, items 2 and 3: request items with a form and a guide, and the outcomes of guides. */
export class RequestItems1765497600000 implements MigrationInterface {
  name = 'RequestItems1765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE request_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text NOT NULL DEFAULT '',
        category_id uuid REFERENCES categories(id),
        request_kind text,
        default_team_id uuid REFERENCES teams(id),
        sla_policy_code text,
        requires_approval boolean NOT NULL DEFAULT false,
        form jsonb NOT NULL DEFAULT '[]',
        guide jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE guide_outcomes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES request_items(id),
        outcome text NOT NULL,
        step text NOT NULL,
        path jsonb NOT NULL,
        user_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX guide_outcomes_item ON guide_outcomes (item_id, outcome)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE guide_outcomes');
    await q.query('DROP TABLE request_items');
  }
}
