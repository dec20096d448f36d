import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, item 1: sign-in from a browser. A password per user (nullable: an account without one,
 * a monitor, signs in with its token only) and the sessions a sign-in opens. A session's id is the
 * SHA-256 of the secret in the cookie, never the secret, so a database leak opens no session.
 */
export class BrowserSignIn1765584000000 implements MigrationInterface {
  name = 'BrowserSignIn1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN password_hash text');
    await q.query(`
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    // Expired sessions are swept at each sign-in (src/auth/sessions.service.ts).
    await q.query('CREATE INDEX sessions_expires_at ON sessions (expires_at)');
    // A password change ends the user's other sessions.
    await q.query('CREATE INDEX sessions_user ON sessions (user_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sessions');
    await q.query('ALTER TABLE users DROP COLUMN password_hash');
  }
}
