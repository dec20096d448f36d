import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Major incidents (issue 5, parts 1-3): their numbers, the register, the trail, and the clusters
 * the detector proposed (one candidate per cluster: the key is unique, members belong to one).
 * pg_trgm gives the text similarity of the detector.
 */
export class MajorIncidents1764547260000 implements MigrationInterface {
  name = 'MajorIncidents1764547260000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE SEQUENCE mi_number_seq`);
    await q.query(`
      CREATE TABLE major_incidents (
        number text PRIMARY KEY,
        title text NOT NULL,
        category_id uuid,
        reason text NOT NULL,
        proposed_by text NOT NULL,
        stage text NOT NULL,
        priority text,
        incident_manager_id uuid,
        team_id uuid,
        team_name text,
        stakeholder_ids jsonb NOT NULL DEFAULT '[]',
        children jsonb NOT NULL DEFAULT '[]',
        candidates jsonb NOT NULL DEFAULT '[]',
        cluster_key text UNIQUE,
        updates jsonb NOT NULL DEFAULT '[]',
        resolution text,
        review jsonb,
        active_since timestamptz,
        resolved_at timestamptz,
        version integer NOT NULL,
        machine_state jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX major_incidents_stage_idx ON major_incidents (stage, created_at DESC)`);
    await q.query(`CREATE INDEX major_incidents_children_idx ON major_incidents USING gin (children)`);
    await q.query(`
      CREATE TABLE mi_journal (
        mi_number text NOT NULL REFERENCES major_incidents (number),
        seq integer NOT NULL,
        author_id text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (mi_number, seq)
      )`);
    await q.query(`
      CREATE TABLE mi_clusters (
        cluster_key text PRIMARY KEY,
        mi_number text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE mi_cluster_members (
        ticket_number text PRIMARY KEY,
        cluster_key text NOT NULL REFERENCES mi_clusters (cluster_key)
      )`);
    await q.query(`CREATE INDEX tickets_title_trgm_idx ON tickets USING gin (title gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_title_trgm_idx`);
    await q.query(`DROP TABLE mi_cluster_members`);
    await q.query(`DROP TABLE mi_clusters`);
    await q.query(`DROP TABLE mi_journal`);
    await q.query(`DROP TABLE major_incidents`);
    await q.query(`DROP SEQUENCE mi_number_seq`);
  }
}
