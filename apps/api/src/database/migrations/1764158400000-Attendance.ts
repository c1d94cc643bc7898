import { MigrationInterface, QueryRunner } from 'typeorm';

/** Point check-in state and history, headcount reports, delegate check-ins, idempotency records. */
export class Attendance1764158400000 implements MigrationInterface {
  name = 'Attendance1764158400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conferences ADD COLUMN allow_cross_point_checkin boolean NOT NULL DEFAULT false;
      ALTER TABLE conference_points
        ADD COLUMN checked_in_at timestamptz,
        ADD COLUMN checked_out_at timestamptz,
        ADD COLUMN present int CHECK (present IS NULL OR present >= 0),
        ADD COLUMN present_at timestamptz;
      CREATE TABLE point_events (
        id bigserial PRIMARY KEY,
        conference_id uuid NOT NULL,
        point_id uuid NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('check_in', 'check_out', 'headcount')),
        present int,
        actor varchar(100) NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (conference_id, point_id) REFERENCES conference_points(conference_id, point_id) ON DELETE CASCADE
      );
      CREATE INDEX point_events_conference_idx ON point_events(conference_id, point_id, at);
      CREATE TABLE delegate_checkins (
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        delegate_id uuid NOT NULL REFERENCES delegates(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        checked_in_at timestamptz NOT NULL DEFAULT now(),
        actor varchar(100) NOT NULL,
        PRIMARY KEY (conference_id, delegate_id)
      );
      CREATE INDEX delegate_checkins_point_idx ON delegate_checkins(conference_id, point_id);
      CREATE INDEX delegate_checkins_time_idx ON delegate_checkins(conference_id, checked_in_at);
      CREATE TABLE idempotency_keys (
        scope varchar(200) NOT NULL,
        key varchar(200) NOT NULL,
        request_hash varchar(64) NOT NULL,
        status int,
        body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys(created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE idempotency_keys; DROP TABLE delegate_checkins; DROP TABLE point_events;
      ALTER TABLE conference_points DROP COLUMN checked_in_at, DROP COLUMN checked_out_at, DROP COLUMN present, DROP COLUMN present_at;
      ALTER TABLE conferences DROP COLUMN allow_cross_point_checkin;
    `);
  }
}
