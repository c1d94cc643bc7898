import { MigrationInterface, QueryRunner } from 'typeorm';

/** Finished export files (any process can serve them) and per-minute attendance snapshots. */
export class Exports1764162000000 implements MigrationInterface {
  name = 'Exports1764162000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE export_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        filename varchar(255) NOT NULL,
        content_type varchar(100) NOT NULL,
        content bytea NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE attendance_snapshots (
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        minute timestamptz NOT NULL,
        points_checked_in int NOT NULL,
        present int NOT NULL,
        delegates_checked_in int NOT NULL,
        PRIMARY KEY (conference_id, minute)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE attendance_snapshots; DROP TABLE export_files;');
  }
}
