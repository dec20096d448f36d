import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knowledge base (REQUIREMENTS 10, issue 13): articles with versions and history. Full-text
 * search over an English and a Danish configuration at once (title weighted above body), and a
 * trigram index for misspelt words the stemmers do not match.
 */
export class KnowledgeBase1765238400000 implements MigrationInterface {
  name = 'KnowledgeBase1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE article_number_seq`);
    await q.query(`CREATE TABLE articles (
      id text PRIMARY KEY,
      title text NOT NULL,
      body text NOT NULL,
      visibility text NOT NULL,
      category_id uuid REFERENCES categories (id),
      service text,
      status text NOT NULL,
      machine_state jsonb NOT NULL,
      version int NOT NULL,
      document_mark text UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('danish', title), 'A') ||
        setweight(to_tsvector('english', body), 'B') || setweight(to_tsvector('danish', body), 'B')) STORED)`);
    await q.query(`CREATE INDEX articles_search_idx ON articles USING gin (search)`);
    await q.query(`CREATE INDEX articles_trgm_idx ON articles USING gin ((title || ' ' || body) gin_trgm_ops)`);
    await q.query(`CREATE TABLE article_versions (
      article_id text NOT NULL REFERENCES articles (id),
      version int NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      author_id text NOT NULL,
      author_name text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (article_id, version))`);
    await q.query(`CREATE TABLE article_history (
      article_id text NOT NULL REFERENCES articles (id),
      seq int NOT NULL,
      text text NOT NULL,
      author_id text NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (article_id, seq))`);
    await q.query(`CREATE TABLE article_deflections (
      article_id text NOT NULL REFERENCES articles (id),
      user_id text NOT NULL,
      day date NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (article_id, user_id, day))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE article_deflections`);
    await q.query(`DROP TABLE article_history`);
    await q.query(`DROP TABLE article_versions`);
    await q.query(`DROP TABLE articles`);
    await q.query(`DROP SEQUENCE article_number_seq`);
  }
}
