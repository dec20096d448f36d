import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail (REQUIREMENTS 9, 11): the outbox gets delivery state (notifications), users a language
 * (auth), and the mail module its tables: inbound mail with its raw source, attachments (bytea,
 * outside workflow history), the thread index of Message-IDs, recorded CCs, the per-correspondent
 * governor, the once-per-period answers, and the local sink of `npm start`.
 */
export class Mail1764892800000 implements MigrationInterface {
  name = 'Mail1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN language text NOT NULL DEFAULT 'en'`);
    await q.query(`CREATE INDEX users_email_lower ON users (lower(email))`);

    await q.query(`ALTER TABLE notifications ALTER COLUMN ticket_number DROP NOT NULL`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN recipient_id DROP NOT NULL`);
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN language text NOT NULL DEFAULT 'en',
        ADD COLUMN html text,
        ADD COLUMN recipient_address text,
        ADD COLUMN status text NOT NULL DEFAULT 'queued',
        ADD COLUMN message_id text,
        ADD COLUMN in_reply_to text,
        ADD COLUMN auto_submitted text NOT NULL DEFAULT 'auto-generated',
        ADD COLUMN smtp_response text,
        ADD COLUMN failed_code text,
        ADD COLUMN failure text,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN last_attempt_at timestamptz,
        ADD COLUMN dispatched_at timestamptz`);
    // Messages recorded before delivery existed were never meant to be sent now, years late.
    await q.query(`UPDATE notifications SET status = 'skipped', dispatched_at = now(), failure = 'recorded before mail delivery existed'`);
    await q.query(`CREATE UNIQUE INDEX notifications_message_id ON notifications (message_id) WHERE message_id IS NOT NULL`);
    await q.query(`CREATE INDEX notifications_undispatched ON notifications (created_at) WHERE dispatched_at IS NULL`);
    await q.query(`CREATE INDEX notifications_status ON notifications (status, created_at)`);

    await q.query(`
      CREATE TABLE inbound_mail (
        id text PRIMARY KEY,
        message_id text,
        source text NOT NULL,
        mailbox text,
        uid bigint,
        envelope_from text,
        envelope_to text[] NOT NULL DEFAULT '{}',
        from_address text,
        subject text NOT NULL DEFAULT '',
        size integer NOT NULL,
        raw bytea NOT NULL,
        status text NOT NULL DEFAULT 'stored',
        outcome text,
        ticket_number text,
        received_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz
      )`);
    await q.query(`CREATE INDEX inbound_mail_status ON inbound_mail (status, received_at)`);
    await q.query(`
      CREATE TABLE mail_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inbound_id text NOT NULL REFERENCES inbound_mail (id),
        seq integer NOT NULL,
        ticket_number text,
        filename text NOT NULL,
        content_type text NOT NULL,
        size integer NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (inbound_id, seq)
      )`);
    await q.query(`CREATE INDEX mail_attachments_ticket ON mail_attachments (ticket_number)`);
    await q.query(`
      CREATE TABLE mail_threads (
        message_id text PRIMARY KEY,
        ticket_number text NOT NULL,
        direction text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mail_threads_ticket ON mail_threads (ticket_number, created_at)`);
    await q.query(`
      CREATE TABLE mail_correspondents (
        ticket_number text NOT NULL,
        address text NOT NULL,
        role text NOT NULL,
        PRIMARY KEY (ticket_number, address)
      )`);
    await q.query(`
      CREATE TABLE mail_governor (
        address text NOT NULL,
        day date NOT NULL,
        notification_id text NOT NULL,
        PRIMARY KEY (address, notification_id)
      )`);
    await q.query(`CREATE INDEX mail_governor_day ON mail_governor (address, day)`);
    await q.query(`
      CREATE TABLE mail_answers (
        address text NOT NULL,
        kind text NOT NULL,
        last_at timestamptz NOT NULL,
        inbound_id text NOT NULL,
        PRIMARY KEY (address, kind)
      )`);
    await q.query(`
      CREATE TABLE mail_sink (
        id bigserial PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now(),
        mail_from text,
        rcpt_to text[] NOT NULL,
        subject text NOT NULL DEFAULT '',
        message_id text,
        raw text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['mail_sink', 'mail_answers', 'mail_governor', 'mail_correspondents', 'mail_threads', 'mail_attachments', 'inbound_mail']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX notifications_status`);
    await q.query(`DROP INDEX notifications_undispatched`);
    await q.query(`DROP INDEX notifications_message_id`);
    await q.query(`
      ALTER TABLE notifications DROP COLUMN language, DROP COLUMN html, DROP COLUMN recipient_address, DROP COLUMN status,
        DROP COLUMN message_id, DROP COLUMN in_reply_to, DROP COLUMN auto_submitted, DROP COLUMN smtp_response,
        DROP COLUMN failed_code, DROP COLUMN failure, DROP COLUMN attempts, DROP COLUMN last_attempt_at, DROP COLUMN dispatched_at`);
    await q.query(`DELETE FROM notifications WHERE ticket_number IS NULL OR recipient_id IS NULL`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN recipient_id SET NOT NULL`);
    await q.query(`ALTER TABLE notifications ALTER COLUMN ticket_number SET NOT NULL`);
    await q.query(`DROP INDEX users_email_lower`);
    await q.query(`ALTER TABLE users DROP COLUMN language`);
  }
}
