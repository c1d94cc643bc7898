import { Injectable } from '@nestjs/common';
import { DelegateDto, foldText, Page } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { DelegateRow } from '../imports/tabular/rows';

export interface DelegateWrite extends Omit<DelegateRow, 'pointCode'> {
  pointId: string | null;
}

const CHUNK = 1000;
const COLUMNS = ['code', 'full_name', 'search_name', 'title', 'unit', 'point_id'] as const;
/** Import fields each column is written from; a file without them leaves the column as stored. */
const SOURCE_FIELDS: Record<(typeof COLUMNS)[number], string> = {
  code: 'code',
  full_name: 'fullName',
  search_name: 'fullName',
  title: 'title',
  unit: 'unit',
  point_id: 'pointCode',
};

@Injectable()
export class DelegatesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: { search?: string; pointId?: string; offset: number; limit: number }): Promise<Page<DelegateDto>> {
    const needle = q.search ? foldText(q.search) : '';
    const where = `($1::uuid IS NULL OR d.point_id = $1)
      AND ($2 = '' OR d.search_name LIKE '%' || $2 || '%' OR lower(d.code) LIKE '%' || $2 || '%')`;
    const params = [q.pointId ?? null, needle];
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `SELECT d.id, d.code, d.full_name, d.title, d.unit, d.point_id, p.code AS point_code
           FROM delegates d LEFT JOIN bridge_points p ON p.id = d.point_id
          WHERE ${where} ORDER BY d.code OFFSET $3 LIMIT $4`,
        [...params, q.offset, q.limit],
      ) as Promise<Record<string, string | null>[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM delegates d WHERE ${where}`, params) as Promise<{ n: number }[]>,
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id!,
        code: r.code!,
        fullName: r.full_name!,
        title: r.title,
        unit: r.unit,
        pointId: r.point_id,
        pointCode: r.point_code,
      })),
      total: total[0].n,
      offset: q.offset,
      limit: q.limit,
    };
  }

  /**
   * Upsert by code; rows equal to what is stored are not written. Existing delegates get only the
   * columns the file has (`fields`, default all): a missing column never blanks.
   */
  async upsert(
    rows: DelegateWrite[],
    manager: EntityManager,
    onProgress?: (done: number) => Promise<void>,
    fields?: ReadonlySet<string>,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const updated = COLUMNS.slice(1).filter((c) => !fields || fields.has(SOURCE_FIELDS[c]));
    const out = { created: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        params.push(r.code, r.fullName, foldText(r.fullName), r.title, r.unit, r.pointId);
        const n = params.length - COLUMNS.length;
        return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}::uuid)`;
      });
      const sets = updated.map((c) => `${c} = EXCLUDED.${c}`);
      const changed = updated.map((c) => `delegates.${c} IS DISTINCT FROM EXCLUDED.${c}`);
      const written: { inserted: boolean }[] = await manager.query(
        `INSERT INTO delegates (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}
         ON CONFLICT (code) DO UPDATE SET ${sets.join(', ')}, updated_at = now()
         WHERE ${changed.join(' OR ')}
         RETURNING (xmax = 0) AS inserted`,
        params,
      );
      const created = written.filter((w) => w.inserted).length;
      out.created += created;
      out.updated += written.length - created;
      out.unchanged += chunk.length - written.length;
      await onProgress?.(Math.min(i + CHUNK, rows.length));
    }
    return out;
  }
}
