import { MigrationInterface, QueryRunner } from 'typeorm';
import { ROUND_THE_CLOCK_SLA, STANDARD_SLA } from '../../../machines/sla/sla-policy';

/** The SLA engine: versioned policies, the clocks of every ticket, and what reports count. */
export class SlaEngine1764115200000 implements MigrationInterface {
  name = 'SlaEngine1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_policies (
        code text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version)
      )`);
    // The defaults as they stand today; later versions are added through the API.
    for (const policy of [STANDARD_SLA, ROUND_THE_CLOCK_SLA]) {
      await q.query('INSERT INTO sla_policies (code, version, name, definition) VALUES ($1, $2, $3, $4)', [
        policy.code, policy.version, policy.name, JSON.stringify(policy),
      ]);
    }
    await q.query(`ALTER TABLE categories ADD COLUMN sla_policy_code text NOT NULL DEFAULT 'standard'`);
    await q.query(`ALTER TABLE categories ADD COLUMN request_kind text`);
    await q.query(`ALTER TABLE tickets
      ADD COLUMN sla_policy_code text,
      ADD COLUMN sla_policy_version integer,
      ADD COLUMN request_kind text,
      ADD COLUMN sla_on_call boolean NOT NULL DEFAULT false,
      ADD COLUMN sla_breached boolean NOT NULL DEFAULT false,
      ADD COLUMN sla_next_deadline timestamptz,
      ADD COLUMN handovers integer NOT NULL DEFAULT 0,
      ADD COLUMN reopens integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE sla_clocks (
        ticket_number text NOT NULL,
        name text NOT NULL,
        target_ms bigint NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'paused', 'stopped')),
        deadline timestamptz,
        warned_at timestamptz,
        breached_at timestamptz,
        stopped_at timestamptz,
        stop_reason text,
        elapsed_ms_at_stop bigint,
        met boolean,
        segments jsonb NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (ticket_number, name)
      )`);
    // The escalation overview: running clocks by deadline.
    await q.query(`CREATE INDEX sla_clocks_running_deadline_idx ON sla_clocks (deadline) WHERE state = 'running'`);
    await q.query(`CREATE INDEX tickets_team_sla_idx ON tickets (team_id, sla_next_deadline)`);
    await q.query(`ALTER TABLE notifications ADD COLUMN audience text NOT NULL DEFAULT 'requester'`);
    await q.query(`ALTER TABLE notifications ADD COLUMN deliver_after timestamptz`);
    await q.query(`UPDATE notifications SET deliver_after = created_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE notifications DROP COLUMN deliver_after, DROP COLUMN audience');
    await q.query('DROP TABLE sla_clocks');
    await q.query(`ALTER TABLE tickets DROP COLUMN sla_policy_code, DROP COLUMN sla_policy_version, DROP COLUMN request_kind,
      DROP COLUMN sla_on_call, DROP COLUMN sla_breached, DROP COLUMN sla_next_deadline, DROP COLUMN handovers, DROP COLUMN reopens`);
    await q.query('ALTER TABLE categories DROP COLUMN request_kind, DROP COLUMN sla_policy_code');
    await q.query('DROP TABLE sla_policies');
  }
}
