import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rehearsal: a conference status between scheduled and live, when it last began (the readiness board asks
 * for confirmations from then on), and each point's answer "picture and sound received" or what was missing.
 */
export class Rehearsal1764220000000 implements MigrationInterface {
  name = 'Rehearsal1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conferences DROP CONSTRAINT conferences_status_check;
      ALTER TABLE conferences ADD CONSTRAINT conferences_status_check
        CHECK (status IN ('draft', 'scheduled', 'rehearsal', 'live', 'ended'));
      ALTER TABLE conferences ADD COLUMN rehearsal_started_at timestamptz;
      ALTER TABLE point_presence
        ADD COLUMN rehearsal varchar(16) NOT NULL DEFAULT 'unconfirmed' CHECK (rehearsal IN ('unconfirmed', 'confirmed', 'problem')),
        ADD COLUMN rehearsal_problem varchar(16) CHECK (rehearsal_problem IN ('picture', 'sound', 'both')),
        ADD COLUMN rehearsal_note text,
        ADD COLUMN rehearsal_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE point_presence DROP COLUMN rehearsal, DROP COLUMN rehearsal_problem, DROP COLUMN rehearsal_note, DROP COLUMN rehearsal_at;
      ALTER TABLE conferences DROP COLUMN rehearsal_started_at;
      UPDATE conferences SET status = 'scheduled' WHERE status = 'rehearsal';
      ALTER TABLE conferences DROP CONSTRAINT conferences_status_check;
      ALTER TABLE conferences ADD CONSTRAINT conferences_status_check CHECK (status IN ('draft', 'scheduled', 'live', 'ended'));
    `);
  }
}
