import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { foldText, UnitDto, UnitKind } from '@bridgepoint/contracts';
import { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Unit } from './entities/unit.entity';

/** Where a point sits, as written in an import row. */
export interface UnitPlace {
  district: string | null;
  ward: string | null;
  agency: string | null;
}

const CITY_KEY = 'city';

@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<UnitDto[]> {
    const all = await this.units.find();
    const byId = new Map(all.map((u) => [u.id, u]));
    const path = (u: Unit): string => {
      const names: string[] = [];
      for (let cur: Unit | undefined = u; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) names.unshift(cur.name);
      return names.join(' / ');
    };
    return all
      .map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.parentId, path: path(u) }))
      .sort((a, b) => a.path.localeCompare(b.path, 'vi'));
  }

  /**
   * Finds or creates the units named by import rows (city, districts, wards, agencies) in a few
   * statements, and returns each place's unit id, keyed by `placeKey(place)`.
   */
  async resolvePlaces(places: UnitPlace[], manager: EntityManager = this.units.manager): Promise<Map<string, string | null>> {
    const cityId = await this.ensure(manager, [{ key: CITY_KEY, name: this.config.cityName, kind: 'city', parentKey: null }]).then(
      (m) => m.get(CITY_KEY)!,
    );
    const districts = new Map<string, { key: string; name: string; kind: UnitKind; parentKey: string | null }>();
    const others = new Map<string, { key: string; name: string; kind: UnitKind; parentKey: string | null }>();
    for (const p of places) {
      if (p.district) {
        const key = districtKey(p.district);
        if (!districts.has(key)) districts.set(key, { key, name: p.district, kind: 'district', parentKey: CITY_KEY });
        if (p.ward) {
          const wk = wardKey(p.district, p.ward);
          if (!others.has(wk)) others.set(wk, { key: wk, name: p.ward, kind: 'ward', parentKey: key });
        }
      }
      if (p.agency && !p.district) {
        const ak = agencyKey(p.agency);
        if (!others.has(ak)) others.set(ak, { key: ak, name: p.agency, kind: 'agency', parentKey: CITY_KEY });
      }
    }
    const ids = new Map<string, string>([[CITY_KEY, cityId]]);
    for (const [k, v] of await this.ensure(manager, [...districts.values()], ids)) ids.set(k, v);
    for (const [k, v] of await this.ensure(manager, [...others.values()], ids)) ids.set(k, v);

    const result = new Map<string, string | null>();
    for (const p of places) {
      const key = p.district
        ? p.ward
          ? wardKey(p.district, p.ward)
          : districtKey(p.district)
        : p.agency
          ? agencyKey(p.agency)
          : null;
      result.set(placeKey(p), key ? (ids.get(key) ?? null) : null);
    }
    return result;
  }

  /** Inserts missing units (keeping the first spelling seen) and returns key → id for all given. */
  private async ensure(
    manager: EntityManager,
    wanted: { key: string; name: string; kind: UnitKind; parentKey: string | null }[],
    parents: Map<string, string> = new Map(),
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < wanted.length; i += 500) {
      const chunk = wanted.slice(i, i + 500);
      const params: unknown[] = [];
      const values = chunk.map((u) => {
        params.push(u.key, u.name, u.kind, u.parentKey ? (parents.get(u.parentKey) ?? null) : null);
        const n = params.length;
        return `($${n - 3}, $${n - 2}, $${n - 1}, $${n}::uuid)`;
      });
      await manager.query(
        `INSERT INTO units (key, name, kind, parent_id) VALUES ${values.join(', ')} ON CONFLICT (key) DO NOTHING`,
        params,
      );
      const keyParams = chunk.map((_, j) => `$${j + 1}`).join(', ');
      const rows: { id: string; key: string }[] = await manager.query(
        `SELECT id, key FROM units WHERE key IN (${keyParams})`,
        chunk.map((u) => u.key),
      );
      for (const r of rows) out.set(r.key, r.id);
    }
    return out;
  }
}

export function placeKey(p: UnitPlace): string {
  return `${foldText(p.district ?? '')}|${foldText(p.ward ?? '')}|${foldText(p.agency ?? '')}`;
}
const districtKey = (d: string) => `district:${foldText(d)}`;
const wardKey = (d: string, w: string) => `ward:${foldText(d)}/${foldText(w)}`;
const agencyKey = (a: string) => `agency:${foldText(a)}`;
