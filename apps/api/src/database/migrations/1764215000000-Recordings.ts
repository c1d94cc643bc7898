import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The server's recordings: the broadcast and each speaking turn, one file each under RECORDINGS_DIR, with
 * the point that spoke and the agenda item that was "now" (their names kept, as they were then).
 */
export class Recordings1764215000000 implements MigrationInterface {
  name = 'Recordings1764215000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recordings (
        id uuid PRIMARY KEY,
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('broadcast', 'floor')),
        point_id uuid REFERENCES bridge_points(id) ON DELETE SET NULL,
        point_name varchar(255),
        agenda_item_id uuid REFERENCES agenda_items(id) ON DELETE SET NULL,
        agenda_item_title text,
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        duration_ms integer,
        file_name varchar(255) NOT NULL,
        size_bytes bigint,
        state varchar(16) NOT NULL DEFAULT 'recording' CHECK (state IN ('recording', 'done', 'interrupted', 'failed'))
      );
      CREATE INDEX recordings_conference_idx ON recordings(conference_id, started_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE recordings;');
  }
}
