import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Getting join links to operators: each point's operator may have an email address, and every link sent
 * (by mail or through the SMS gateway) is kept per point and channel with its outcome.
 */
export class OperatorLinks1764205000000 implements MigrationInterface {
  name = 'OperatorLinks1764205000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bridge_points ADD COLUMN operator_email varchar(254);
      CREATE TABLE link_deliveries (
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        channel varchar(8) NOT NULL CHECK (channel IN ('email', 'sms')),
        status varchar(8) NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
        recipient varchar(254) NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conference_id, point_id, channel)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE link_deliveries; ALTER TABLE bridge_points DROP COLUMN operator_email;');
  }
}
