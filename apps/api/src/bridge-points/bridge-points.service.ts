import { Injectable } from '@nestjs/common';
import { BridgePointDto, foldText, Page } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { placeKey, UnitsService } from '../units/units.service';
import type { PointRow } from '../imports/tabular/rows';

export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** code → id of every row written or already equal. */
  ids: Map<string, string>;
}

const CHUNK = 500;
const COLUMNS = ['code', 'name', 'unit_id', 'address', 'expected_delegates', 'operator_name', 'operator_phone', 'operator_email'] as const;
/** Import fields each column is written from; a file without them leaves the column as stored. */
const SOURCE_FIELDS: Record<(typeof COLUMNS)[number], readonly string[]> = {
  code: ['code'],
  name: ['name'],
  unit_id: ['district', 'ward', 'agency'],
  address: ['address'],
  expected_delegates: ['expectedDelegates'],
  operator_name: ['operatorName'],
  operator_phone: ['operatorPhone'],
  operator_email: ['operatorEmail'],
};

@Injectable()
export class BridgePointsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly units: UnitsService,
  ) {}

  async list(q: { search?: string; unitId?: string; offset: number; limit: number }): Promise<Page<BridgePointDto>> {
    const [units, rows] = await Promise.all([
      this.units.list(),
      this.dataSource.query(
        `SELECT p.id, p.code, p.name, p.unit_id, p.address, p.expected_delegates, p.operator_name, p.operator_phone, p.operator_email
           FROM bridge_points p LEFT JOIN units u ON u.id = p.unit_id
          WHERE ($1::uuid IS NULL OR u.id = $1 OR u.parent_id = $1)
          ORDER BY p.code`,
        [q.unitId ?? null],
      ) as Promise<Record<string, string | number | null>[]>,
    ]);
    const unitById = new Map(units.map((u) => [u.id, u]));
    const needle = q.search ? foldText(q.search) : '';
    const matching = needle ? rows.filter((r) => foldText(`${r.code} ${r.name}`).includes(needle)) : rows;
    return {
      items: matching.slice(q.offset, q.offset + q.limit).map((r) => ({
        id: r.id as string,
        code: r.code as string,
        name: r.name as string,
        unit: r.unit_id ? (unitById.get(r.unit_id as string) ?? null) : null,
        address: r.address as string | null,
        expectedDelegates: r.expected_delegates as number,
        operatorName: r.operator_name as string | null,
        operatorPhone: r.operator_phone as string | null,
        operatorEmail: r.operator_email as string | null,
      })),
      total: matching.length,
      offset: q.offset,
      limit: q.limit,
    };
  }

  /**
   * Upsert by code; a row equal to what is stored is not written, so re-importing a file changes nothing.
   * Existing points get only the columns the file has (`fields`, default all): a missing column never blanks.
   */
  async upsert(
    rows: PointRow[],
    manager: EntityManager,
    onProgress?: (done: number) => Promise<void>,
    fields?: ReadonlySet<string>,
  ): Promise<UpsertOutcome> {
    const updated = COLUMNS.slice(1).filter((c) => !fields || SOURCE_FIELDS[c].some((f) => fields.has(f)));
    const unitIds = await this.units.resolvePlaces(rows, manager);
    const out: UpsertOutcome = { created: 0, updated: 0, unchanged: 0, ids: new Map() };
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        params.push(r.code, r.name, unitIds.get(placeKey(r)) ?? null, r.address, r.expectedDelegates, r.operatorName, r.operatorPhone, r.operatorEmail);
        const n = params.length - COLUMNS.length;
        return `($${n + 1}, $${n + 2}, $${n + 3}::uuid, $${n + 4}, $${n + 5}::int, $${n + 6}, $${n + 7}, $${n + 8})`;
      });
      const sets = updated.map((c) => `${c} = EXCLUDED.${c}`);
      const changed = updated.map((c) => `bridge_points.${c} IS DISTINCT FROM EXCLUDED.${c}`);
      const written: { id: string; code: string; inserted: boolean }[] = await manager.query(
        `INSERT INTO bridge_points (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}
         ON CONFLICT (code) DO UPDATE SET ${sets.join(', ')}, updated_at = now()
         WHERE ${changed.join(' OR ')}
         RETURNING id, code, (xmax = 0) AS inserted`,
        params,
      );
      for (const w of written) {
        out.ids.set(w.code, w.id);
        if (w.inserted) out.created++;
        else out.updated++;
      }
      const missing = chunk.filter((r) => !out.ids.has(r.code));
      if (missing.length > 0) {
        const same: { id: string; code: string }[] = await manager.query(
          `SELECT id, code FROM bridge_points WHERE code = ANY(string_to_array($1, E'\\x1f'))`,
          [missing.map((r) => r.code).join('\x1f')],
        );
        for (const s of same) out.ids.set(s.code, s.id);
        out.unchanged += same.length;
      }
      await onProgress?.(Math.min(i + CHUNK, rows.length));
    }
    return out;
  }

  /** code → id for every registered point. */
  async idsByCode(manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await manager.query('SELECT id, code FROM bridge_points');
    return new Map(rows.map((r) => [r.code, r.id]));
  }
}
