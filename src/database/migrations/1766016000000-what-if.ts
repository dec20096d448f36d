import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 15, item 1: what-if replays of a proposed SLA policy over a period's tickets, and each ticket's outcome. */
export class WhatIf1766016000000 implements MigrationInterface {
  name = 'WhatIf1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SEQUENCE what_if_number_seq');
    await q.query(`
      CREATE TABLE what_if_runs (
        id text PRIMARY KEY,
        proposal jsonb NOT NULL,
        priority_matrix jsonb,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        csi_number text,
        requested_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        total integer,
        replayed integer NOT NULL DEFAULT 0,
        finished_at timestamptz,
        report jsonb
      )`);
    await q.query('CREATE INDEX what_if_runs_csi ON what_if_runs (csi_number) WHERE csi_number IS NOT NULL');
    await q.query(`
      CREATE TABLE what_if_results (
        run_id text NOT NULL REFERENCES what_if_runs(id) ON DELETE CASCADE,
        number text NOT NULL,
        team text NOT NULL,
        priority text NOT NULL,
        category text NOT NULL,
        skipped text,
        fr_now_ms bigint, fr_now_met boolean, fr_proposed_ms bigint, fr_proposed_met boolean,
        rs_now_ms bigint, rs_now_met boolean, rs_proposed_ms bigint, rs_proposed_met boolean,
        PRIMARY KEY (run_id, number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE what_if_results');
    await q.query('DROP TABLE what_if_runs');
    await q.query('DROP SEQUENCE what_if_number_seq');
  }
}
