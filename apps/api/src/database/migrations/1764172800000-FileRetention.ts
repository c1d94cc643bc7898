import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploads and exports hold personal data and expire: their content is deleted after the retention
 * period and the row stays as a tombstone, so a late download or commit is told the file expired.
 * Uploads also remember whether they were committed (a preview is committed at most once).
 */
export class FileRetention1764172800000 implements MigrationInterface {
  name = 'FileRetention1764172800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE uploads ALTER COLUMN content DROP NOT NULL;
      ALTER TABLE uploads ADD COLUMN expired_at timestamptz;
      ALTER TABLE uploads ADD COLUMN committed_at timestamptz;
      CREATE INDEX uploads_created_at ON uploads (created_at);
      ALTER TABLE export_files ALTER COLUMN content DROP NOT NULL;
      ALTER TABLE export_files ADD COLUMN expired_at timestamptz;
      CREATE INDEX export_files_created_at ON export_files (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX export_files_created_at;
      ALTER TABLE export_files DROP COLUMN expired_at;
      DELETE FROM export_files WHERE content IS NULL;
      ALTER TABLE export_files ALTER COLUMN content SET NOT NULL;
      DROP INDEX uploads_created_at;
      ALTER TABLE uploads DROP COLUMN committed_at;
      ALTER TABLE uploads DROP COLUMN expired_at;
      DELETE FROM uploads WHERE content IS NULL;
      ALTER TABLE uploads ALTER COLUMN content SET NOT NULL;
    `);
  }
}
