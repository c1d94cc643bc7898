import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('bridge_points')
export class BridgePoint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'expected_delegates', type: 'int', default: 0 })
  expectedDelegates!: number;

  @Column({ name: 'operator_name', type: 'varchar', length: 255, nullable: true })
  operatorName!: string | null;

  @Column({ name: 'operator_phone', type: 'varchar', length: 20, nullable: true })
  operatorPhone!: string | null;

  @Column({ name: 'operator_email', type: 'varchar', length: 254, nullable: true })
  operatorEmail!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
