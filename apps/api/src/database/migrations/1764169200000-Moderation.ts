import { MigrationInterface, QueryRunner } from 'typeorm';

/** Written questions with their history, requests to speak in arrival order, and who holds the floor. */
export class Moderation1764169200000 implements MigrationInterface {
  name = 'Moderation1764169200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        asked_by varchar(255),
        agenda_item_id uuid REFERENCES agenda_items(id) ON DELETE SET NULL,
        text varchar(1000) NOT NULL,
        original_text varchar(1000),
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'approved', 'answered', 'rejected', 'withdrawn', 'merged')),
        reject_reason varchar(500),
        merged_into uuid REFERENCES questions(id) ON DELETE SET NULL,
        position double precision,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX questions_conference_idx ON questions(conference_id, status, position, created_at);
      CREATE INDEX questions_point_idx ON questions(conference_id, point_id);
      CREATE TABLE question_events (
        id bigserial PRIMARY KEY,
        question_id uuid NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL,
        actor varchar(100) NOT NULL,
        data jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX question_events_question_idx ON question_events(question_id, id);
      ALTER TABLE conferences ADD COLUMN current_question_id uuid REFERENCES questions(id) ON DELETE SET NULL;
      CREATE TABLE speak_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        topic varchar(300),
        status varchar(16) NOT NULL DEFAULT 'waiting'
          CHECK (status IN ('waiting', 'granted', 'done', 'skipped', 'removed', 'withdrawn')),
        requested_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_at timestamptz,
        decided_by varchar(100)
      );
      -- A point holds at most one open request per conference.
      CREATE UNIQUE INDEX speak_requests_one_open ON speak_requests(conference_id, point_id)
        WHERE status IN ('waiting', 'granted');
      CREATE INDEX speak_requests_queue_idx ON speak_requests(conference_id, status, seq);
      CREATE TABLE floor_grants (
        id bigserial PRIMARY KEY,
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        speak_request_id uuid REFERENCES speak_requests(id) ON DELETE SET NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by varchar(100) NOT NULL,
        released_at timestamptz,
        released_by varchar(100)
      );
      -- Only one point holds the floor of a conference.
      CREATE UNIQUE INDEX floor_grants_one_holder ON floor_grants(conference_id) WHERE released_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE floor_grants; DROP TABLE speak_requests;
      ALTER TABLE conferences DROP COLUMN current_question_id;
      DROP TABLE question_events; DROP TABLE questions;
    `);
  }
}
