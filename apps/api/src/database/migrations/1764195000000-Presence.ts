import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Presence: whether each participating point is online now (one of its operator pages holds `/live`),
 * its online spans for the attendance record, and its pre-flight readiness. Redis decides the
 * transitions; these rows are the durable record of them.
 */
export class Presence1764195000000 implements MigrationInterface {
  name = 'Presence1764195000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE point_presence (
        conference_id uuid NOT NULL,
        point_id uuid NOT NULL,
        online boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz,
        readiness varchar(16) NOT NULL DEFAULT 'untested' CHECK (readiness IN ('untested', 'failed', 'ready')),
        readiness_detail text,
        readiness_at timestamptz,
        PRIMARY KEY (conference_id, point_id),
        FOREIGN KEY (conference_id, point_id) REFERENCES conference_points(conference_id, point_id) ON DELETE CASCADE
      );
      CREATE INDEX point_presence_online_idx ON point_presence(conference_id) WHERE online;
      CREATE TABLE presence_spans (
        id bigserial PRIMARY KEY,
        conference_id uuid NOT NULL,
        point_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        FOREIGN KEY (conference_id, point_id) REFERENCES conference_points(conference_id, point_id) ON DELETE CASCADE
      );
      CREATE INDEX presence_spans_point_idx ON presence_spans(conference_id, point_id, started_at);
      CREATE UNIQUE INDEX presence_spans_open_idx ON presence_spans(conference_id, point_id) WHERE ended_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE presence_spans; DROP TABLE point_presence;');
  }
}
