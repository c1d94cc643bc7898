import type { PointStatus } from '@bridgepoint/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A point taking part in a conference, with its join code (hash for look-up, sealed copy for organizers). */
@Entity('conference_points')
export class ConferencePoint {
  @PrimaryColumn({ name: 'conference_id', type: 'uuid' })
  conferenceId!: string;

  @PrimaryColumn({ name: 'point_id', type: 'uuid' })
  pointId!: string;

  @Column({ name: 'join_code_hash', type: 'varchar', length: 64, unique: true })
  joinCodeHash!: string;

  @Column({ name: 'join_code_sealed', type: 'varchar', length: 255 })
  joinCodeSealed!: string;

  @Column({ type: 'varchar', length: 16, default: 'expected' })
  status!: PointStatus;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
