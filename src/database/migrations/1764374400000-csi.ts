import { MigrationInterface, QueryRunner } from 'typeorm';

/** CSI change proposals (issue 6, part 1): their numbers, the register and the trail. */
export class Csi1764374400000 implements MigrationInterface {
  name = 'Csi1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE csi_number_seq`);
    await q.query(`
      CREATE TABLE csi_proposals (
        number text PRIMARY KEY,
        title text NOT NULL,
        description text NOT NULL,
        concerns text NOT NULL,
        expected_benefit text NOT NULL,
        category_id uuid,
        proposer_id uuid NOT NULL,
        stage text NOT NULL,
        stage_since timestamptz NOT NULL,
        priority_proposed text,
        priority_final text,
        information_request text,
        assessment jsonb,
        decisions jsonb NOT NULL DEFAULT '[]',
        forum_date timestamptz,
        version integer NOT NULL,
        machine_state jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX csi_proposals_stage_idx ON csi_proposals (stage)`);
    await q.query(`CREATE INDEX csi_proposals_proposer_idx ON csi_proposals (proposer_id)`);
    await q.query(`
      CREATE TABLE csi_journal (
        proposal_number text NOT NULL REFERENCES csi_proposals (number),
        seq integer NOT NULL,
        author_id text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (proposal_number, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE csi_journal`);
    await q.query(`DROP TABLE csi_proposals`);
    await q.query(`DROP SEQUENCE csi_number_seq`);
  }
}
