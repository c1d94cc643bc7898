import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, units, bridge points, conferences with agenda and participating points, delegates, uploads. */
export class Registry1764151200000 implements MigrationInterface {
  name = 'Registry1764151200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE settings (
        key varchar(64) PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(64) NOT NULL UNIQUE,
        display_name varchar(255) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('admin', 'organizer', 'moderator', 'presenter')),
        password_hash varchar(255) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key varchar(600) NOT NULL UNIQUE,
        name varchar(255) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('city', 'district', 'ward', 'agency')),
        parent_id uuid REFERENCES units(id) ON DELETE RESTRICT
      );
      CREATE INDEX units_parent_idx ON units(parent_id);
      CREATE TABLE bridge_points (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE,
        name varchar(255) NOT NULL,
        unit_id uuid REFERENCES units(id) ON DELETE SET NULL,
        address text,
        expected_delegates int NOT NULL DEFAULT 0 CHECK (expected_delegates >= 0),
        operator_name varchar(255),
        operator_phone varchar(20),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX bridge_points_unit_idx ON bridge_points(unit_id);
      CREATE TABLE conferences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(255) NOT NULL,
        description text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'live', 'ended')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR ends_at > starts_at)
      );
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        position int NOT NULL,
        title varchar(500) NOT NULL,
        speaker varchar(255),
        planned_start timestamptz,
        duration_minutes int CHECK (duration_minutes IS NULL OR duration_minutes > 0)
      );
      CREATE INDEX agenda_items_conference_idx ON agenda_items(conference_id, position);
      CREATE TABLE conference_points (
        conference_id uuid NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
        point_id uuid NOT NULL REFERENCES bridge_points(id) ON DELETE CASCADE,
        join_code_hash varchar(64) NOT NULL UNIQUE,
        join_code_sealed varchar(255) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'expected',
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conference_id, point_id)
      );
      CREATE INDEX conference_points_point_idx ON conference_points(point_id);
      CREATE TABLE delegates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(64) NOT NULL UNIQUE,
        full_name varchar(255) NOT NULL,
        search_name varchar(255) NOT NULL,
        title varchar(255),
        unit varchar(255),
        point_id uuid REFERENCES bridge_points(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX delegates_point_idx ON delegates(point_id);
      CREATE INDEX delegates_search_idx ON delegates(search_name varchar_pattern_ops);
      CREATE TABLE uploads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL,
        filename varchar(255) NOT NULL,
        content bytea NOT NULL,
        conference_id uuid REFERENCES conferences(id) ON DELETE CASCADE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE uploads; DROP TABLE delegates; DROP TABLE conference_points; DROP TABLE agenda_items;
      DROP TABLE conferences; DROP TABLE bridge_points; DROP TABLE units; DROP TABLE users; DROP TABLE settings;
    `);
  }
}
