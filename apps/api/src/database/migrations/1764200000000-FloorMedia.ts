import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The floor heard at the host site: a grant whose point's uplink or connection dropped is marked
 * `interrupted_at` (cleared when the point is back); the live agenda's current item.
 */
export class FloorMedia1764200000000 implements MigrationInterface {
  name = 'FloorMedia1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE floor_grants ADD COLUMN interrupted_at timestamptz;
      ALTER TABLE conferences ADD COLUMN current_agenda_item_id uuid REFERENCES agenda_items(id) ON DELETE SET NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE conferences DROP COLUMN current_agenda_item_id; ALTER TABLE floor_grants DROP COLUMN interrupted_at;');
  }
}
