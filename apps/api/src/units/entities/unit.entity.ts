import type { UnitKind } from '@bridgepoint/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A node of the administrative hierarchy: city → district → ward/commune; agencies sit under the city. */
@Entity('units')
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Folded path of names ("district:ba dinh", "ward:ba dinh/phuc xa"): one row per real unit. */
  @Column({ type: 'varchar', length: 600, unique: true })
  key!: string;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: UnitKind;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;
}
