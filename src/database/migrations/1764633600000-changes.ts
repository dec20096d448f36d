import { MigrationInterface, QueryRunner } from 'typeorm';

/** Change management (issue 6, part 3): numbers, pre-approved templates (two seeded), the register and the trail. */
export class Changes1764633600000 implements MigrationInterface {
  name = 'Changes1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE change_number_seq`);
    await q.query(`
      CREATE TABLE change_templates (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        description text NOT NULL,
        risk text NOT NULL,
        impact text NOT NULL,
        implementation_plan text NOT NULL,
        backout_plan text NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query(
      `INSERT INTO change_templates (id, code, title, description, risk, impact, implementation_plan, backout_plan) VALUES
       ($1, 'add-printer', 'Add a printer to the print server', 'Install the driver and publish a new network printer queue on the print server.',
        'low', 'one department''s printing', 'Install the vendor driver, create the queue, publish it in the directory, print a test page.', 'Unpublish and delete the queue.'),
       ($2, 'install-software', 'Install licensed software from the catalog', 'Install a licensed package from the software catalog on a workplace.',
        'low', 'one or two workplaces', 'Check the licence, push the package from the software catalog, confirm with the user.', 'Uninstall the package and release the licence.')`,
      ['6a1f3c2e-8b1d-4c55-9e0a-0c4a1b2d3e01', '6a1f3c2e-8b1d-4c55-9e0a-0c4a1b2d3e02'],
    );
    await q.query(`
      CREATE TABLE changes (
        number text PRIMARY KEY,
        change_type text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        template_id uuid REFERENCES change_templates (id),
        requester_id uuid NOT NULL,
        stage text NOT NULL,
        stage_since timestamptz NOT NULL,
        assessment jsonb,
        authority jsonb NOT NULL,
        votes jsonb NOT NULL DEFAULT '[]',
        window_start timestamptz,
        window_end timestamptz,
        overrun_at timestamptz,
        review jsonb,
        problem_numbers text[] NOT NULL DEFAULT '{}',
        incident_numbers text[] NOT NULL DEFAULT '{}',
        decisions jsonb NOT NULL DEFAULT '[]',
        version integer NOT NULL,
        machine_state jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX changes_stage_idx ON changes (stage)`);
    await q.query(`CREATE INDEX changes_type_idx ON changes (change_type)`);
    await q.query(`
      CREATE TABLE change_journal (
        change_number text NOT NULL REFERENCES changes (number),
        seq integer NOT NULL,
        author_id text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (change_number, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE change_journal`);
    await q.query(`DROP TABLE changes`);
    await q.query(`DROP TABLE change_templates`);
    await q.query(`DROP SEQUENCE change_number_seq`);
  }
}
