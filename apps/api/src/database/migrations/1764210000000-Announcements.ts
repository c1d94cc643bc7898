import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices from the organizers to the points of a conference (all, or one district's), and each point's
 * acknowledgement (the district's name is kept with the notice, as it was addressed); the chat thread
 * between the control room and each point, with how far each side has read it.
 */
export class Announcements1764210000000 implements MigrationInterface {
  name = 'Announcements1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE announcements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        district_id uuid,
        district_name varchar(255),
        text text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX announcements_conference_idx ON announcements(conference_id, created_at);
      CREATE TABLE announcement_acks (
        announcement_id uuid NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        acknowledged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (announcement_id, point_id)
      );
      CREATE TABLE chat_messages (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        from_side varchar(8) NOT NULL CHECK (from_side IN ('point', 'control')),
        author varchar(255),
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX chat_messages_thread_idx ON chat_messages(conference_id, point_id, seq);
      CREATE TABLE chat_reads (
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        side varchar(8) NOT NULL CHECK (side IN ('point', 'control')),
        last_read_seq bigint NOT NULL,
        PRIMARY KEY (conference_id, point_id, side)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE chat_reads; DROP TABLE chat_messages; DROP TABLE announcement_acks; DROP TABLE announcements;');
  }
}
