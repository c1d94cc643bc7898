import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('delegates')
export class Delegate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 255 })
  fullName!: string;

  /** fullName folded (lowercase, no diacritics) so "nguyen van a" finds "Nguyễn Văn A". */
  @Column({ name: 'search_name', type: 'varchar', length: 255 })
  searchName!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  title!: string | null;

  /** The delegate's organization as written in the registry ("UBND phường Phúc Xá"). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  unit!: string | null;

  @Index()
  @Column({ name: 'point_id', type: 'uuid', nullable: true })
  pointId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
