import { MigrationInterface, QueryRunner } from 'typeorm';

/** The foundation's read model: users, teams, categories, tickets, journal, notifications. */
export class Foundation1764028800000 implements MigrationInterface {
  name = 'Foundation1764028800000';

  async up(q: QueryRunner): Promise<void> {
    // gen_random_uuid() is built in from PostgreSQL 13; PGlite has no uuid-ossp.
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('endUser','agent','dispatcher','incidentManager','processManager','csiForum','admin','monitor')),
        token_hash text NOT NULL UNIQUE,
        organisation text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        line_level smallint NOT NULL CHECK (line_level IN (1, 2, 3))
      )`);
    await q.query(`
      CREATE TABLE team_members (
        team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        is_dispatcher boolean NOT NULL DEFAULT false,
        is_lead boolean NOT NULL DEFAULT false,
        PRIMARY KEY (team_id, user_id)
      )`);
    await q.query(`CREATE INDEX team_members_user_idx ON team_members (user_id)`);
    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        description text NOT NULL DEFAULT '',
        requires_approval boolean NOT NULL DEFAULT false
      )`);
    // Ticket numbers are the workflow ids: INC-000001, REQ-000001.
    await q.query(`CREATE SEQUENCE incident_number_seq`);
    await q.query(`CREATE SEQUENCE request_number_seq`);
    await q.query(`
      CREATE TABLE tickets (
        number text PRIMARY KEY,
        type text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        category_id uuid,
        category_name text,
        impact text NOT NULL,
        urgency text NOT NULL,
        priority text NOT NULL,
        priority_name text NOT NULL,
        priority_score integer NOT NULL,
        status text NOT NULL,
        channel text NOT NULL,
        requester_id uuid NOT NULL,
        team_id uuid,
        team_name text,
        assignee_id uuid,
        assignee_name text,
        update_flag boolean NOT NULL,
        attention_flag boolean NOT NULL,
        pending_reason text,
        pending_text text,
        resolution text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        resolved_at timestamptz,
        closed_at timestamptz,
        closes_at timestamptz,
        version integer NOT NULL,
        machine_state jsonb NOT NULL
      )`);
    // The queues and overviews filter on these; newest first within each.
    for (const column of ['status', 'team_id', 'assignee_id', 'requester_id', 'priority']) {
      await q.query(`CREATE INDEX tickets_${column}_idx ON tickets (${column}, created_at DESC)`);
    }
    await q.query(`CREATE INDEX tickets_created_idx ON tickets (created_at DESC)`);
    await q.query(`
      CREATE TABLE journal_entries (
        ticket_number text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('event','note','comment')),
        visibility text NOT NULL CHECK (visibility IN ('internal','public')),
        author_id text NOT NULL,
        text text NOT NULL,
        pinned boolean NOT NULL DEFAULT false,
        pinned_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_number, seq)
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        ticket_number text NOT NULL,
        recipient_id text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX notifications_ticket_idx ON notifications (ticket_number, created_at)`);
    await q.query(`
      CREATE TABLE intake_keys (
        key text PRIMARY KEY,
        ticket_number text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id text NOT NULL,
        subject text,
        command text NOT NULL,
        outcome text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'intake_keys', 'notifications', 'journal_entries', 'tickets', 'categories', 'team_members', 'teams', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS request_number_seq`);
    await q.query(`DROP SEQUENCE IF EXISTS incident_number_seq`);
  }
}
