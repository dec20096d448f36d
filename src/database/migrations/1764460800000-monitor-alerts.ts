import { MigrationInterface, QueryRunner } from 'typeorm';

/** Monitor alerts (REQUIREMENTS 9, issue 5): one open alert per fingerprint, counted, never duplicated. */
export class MonitorAlerts1764460800000 implements MigrationInterface {
  name = 'MonitorAlerts1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monitor_alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fingerprint text NOT NULL,
        source text NOT NULL,
        service text NOT NULL,
        severity text NOT NULL,
        summary text NOT NULL,
        status text NOT NULL CHECK (status IN ('firing', 'resolved')),
        ticket_number text,
        occurrences integer NOT NULL DEFAULT 1,
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        flap_window_start timestamptz NOT NULL,
        changes_in_window integer NOT NULL DEFAULT 0,
        flapping boolean NOT NULL DEFAULT false,
        open boolean NOT NULL DEFAULT true
      )`);
    // The whole guarantee against duplicates: at most one open alert per fingerprint, enforced by
    // PostgreSQL however many posts arrive at once.
    await q.query(`CREATE UNIQUE INDEX monitor_alerts_open_fingerprint ON monitor_alerts (fingerprint) WHERE open`);
    await q.query(`CREATE INDEX monitor_alerts_ticket_idx ON monitor_alerts (ticket_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE monitor_alerts');
  }
}
