import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a point's last pre-flight measured (kbit/s each way, loss, round trip), kept with its result. */
export class PreflightMeasurements1764225000000 implements MigrationInterface {
  name = 'PreflightMeasurements1764225000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE point_presence ADD COLUMN readiness_measurements jsonb');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE point_presence DROP COLUMN readiness_measurements');
  }
}
