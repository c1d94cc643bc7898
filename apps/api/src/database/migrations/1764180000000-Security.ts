import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sessions and conference staff: user tokens carry `token_version`, operator tokens the
 * point's `join_code_generation`, so revoking is a comparison. Staff say which users work on which
 * conference; the audit log keeps organizer and admin actions.
 */
export class Security1764180000000 implements MigrationInterface {
  name = 'Security1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN token_version int NOT NULL DEFAULT 1,
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
      ALTER TABLE conference_points ADD COLUMN join_code_generation int NOT NULL DEFAULT 1;
      CREATE TABLE conference_staff (
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        added_by uuid REFERENCES users(id) ON DELETE SET NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conference_id, user_id)
      );
      CREATE INDEX conference_staff_user_idx ON conference_staff(user_id);
      INSERT INTO conference_staff (conference_id, user_id)
        SELECT c.id, c.created_by FROM conferences c JOIN users u ON u.id = c.created_by;
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor varchar(100) NOT NULL,
        action varchar(64) NOT NULL,
        conference_id uuid REFERENCES conferences(id) ON DELETE SET NULL,
        target_type varchar(32),
        target_id varchar(100),
        before jsonb,
        after jsonb,
        ip varchar(64)
      );
      CREATE INDEX audit_log_conference_idx ON audit_log(conference_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log;
      DROP TABLE conference_staff;
      ALTER TABLE conference_points DROP COLUMN join_code_generation;
      ALTER TABLE users DROP COLUMN token_version, DROP COLUMN disabled_at, DROP COLUMN updated_at;
    `);
  }
}
