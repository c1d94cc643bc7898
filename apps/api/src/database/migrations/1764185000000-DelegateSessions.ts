import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delegates on their own phones: one session per delegate and conference, bound to the phone that
 * opened it (`device_id`); `generation` is carried by the delegate's token, so releasing a session
 * (a lost phone) is a comparison. Birth year and phone let a delegate found by name confirm it is them.
 */
export class DelegateSessions1764185000000 implements MigrationInterface {
  name = 'DelegateSessions1764185000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delegate_sessions (
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        delegate_id uuid NOT NULL REFERENCES delegates(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        device_id varchar(64),
        generation int NOT NULL DEFAULT 1,
        opened_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        PRIMARY KEY (conference_id, delegate_id)
      );
      ALTER TABLE delegates ADD COLUMN birth_year smallint, ADD COLUMN phone varchar(32);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE delegate_sessions; ALTER TABLE delegates DROP COLUMN birth_year, DROP COLUMN phone;');
  }
}
