import type { ConferenceStatus } from '@bridgepoint/contracts';
import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AgendaItem } from './agenda-item.entity';

@Entity('conferences')
export class Conference {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: ConferenceStatus;

  /** When the conference last entered rehearsal (null: never rehearsed). */
  @Column({ name: 'rehearsal_started_at', type: 'timestamptz', nullable: true })
  rehearsalStartedAt!: Date | null;

  @Column({ name: 'allow_cross_point_checkin', type: 'boolean', default: false })
  allowCrossPointCheckIn!: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @OneToMany(() => AgendaItem, (item) => item.conference)
  agenda?: AgendaItem[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
