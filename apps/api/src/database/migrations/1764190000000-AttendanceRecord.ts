import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The official attendance record: every correction kept (who, when, before, after, reason), the
 * record's version counter, and its lock. Once a conference's record is locked, a trigger refuses any
 * new delegate check-in (raised as RECORD_LOCKED, which the check-in function reports as a refusal),
 * so no process can slip one in after the sign-off; point changes and corrections check the lock
 * in their own transactions.
 */
export class AttendanceRecord1764190000000 implements MigrationInterface {
  name = 'AttendanceRecord1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conferences
        ADD COLUMN record_version int NOT NULL DEFAULT 0,
        ADD COLUMN record_locked_at timestamptz,
        ADD COLUMN record_locked_by varchar(100);
      CREATE TABLE attendance_corrections (
        id bigserial PRIMARY KEY,
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid REFERENCES bridge_points(id) ON DELETE SET NULL,
        delegate_id uuid REFERENCES delegates(id) ON DELETE SET NULL,
        kind varchar(24) NOT NULL CHECK (kind IN ('delegate_unmark', 'delegate_mark', 'headcount', 'point_status')),
        target varchar(200) NOT NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        reason text NOT NULL,
        actor varchar(100) NOT NULL,
        actor_name varchar(200),
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX attendance_corrections_conference_idx ON attendance_corrections(conference_id, at, id);
      CREATE FUNCTION bp_refuse_locked_checkin() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        v_locked boolean;
      BEGIN
        -- KEY SHARE (what the foreign key takes anyway): the sign-off's FOR UPDATE waits until this check-in
        -- has committed, and a check-in arriving once the sign-off holds the row waits for it, then sees it.
        SELECT record_locked_at IS NOT NULL INTO v_locked FROM conferences WHERE id = NEW.conference_id FOR KEY SHARE;
        IF v_locked THEN
          RAISE EXCEPTION 'RECORD_LOCKED';
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER delegate_checkins_record_lock BEFORE INSERT ON delegate_checkins
        FOR EACH ROW EXECUTE FUNCTION bp_refuse_locked_checkin();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER delegate_checkins_record_lock ON delegate_checkins;
      DROP FUNCTION bp_refuse_locked_checkin();
      DROP TABLE attendance_corrections;
      ALTER TABLE conferences DROP COLUMN record_version, DROP COLUMN record_locked_at, DROP COLUMN record_locked_by;
    `);
  }
}
