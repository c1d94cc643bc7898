import { Injectable } from '@nestjs/common';
import { ImportWarningCode, type ImportKind, type ImportRowError, type ImportWarning } from '@bridgepoint/contracts';
import type { EntityManager } from 'typeorm';
import { BridgePointsService } from '../bridge-points/bridge-points.service';
import { ConferencePointsService } from '../conferences/conference-points.service';
import { DelegatesService, type DelegateWrite } from '../delegates/delegates.service';
import type { Analysis } from './parse/analyze';
import { warningText } from './parse/analyze';
import { rowError } from './tabular/rows';

export interface WriteOutcome {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
  warnings: ImportWarning[];
}

/** "007" and "7" are one code to a spreadsheet that stored it as a number. */
const withoutLeadingZeros = (code: string) => (/^\d+$/.test(code) ? code.replace(/^0+(?=\d)/, '') : null);

/** Writes the valid rows of an analysed file in the caller's transaction, each existing row only in the columns the file has. */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly points: BridgePointsService,
    private readonly delegates: DelegatesService,
    private readonly conferencePoints: ConferencePointsService,
  ) {}

  async write(
    kind: ImportKind,
    analysis: Analysis,
    m: EntityManager,
    conferenceId: string | null,
    progress: (done: number, of: number) => Promise<void>,
  ): Promise<WriteOutcome> {
    const fields = new Set(analysis.presentFields);
    const known = await this.points.idsByCode(m);
    const errors: ImportRowError[] = [];
    const warnings: ImportWarning[] = [];
    if (kind === 'points') {
      const rows = analysis.points;
      warnings.push(...lookalikes(rows.filter((r) => !known.has(r.code)).map((r) => ({ line: r.line, code: r.code })), known));
      const res = await this.points.upsert(rows, m, (done) => progress(done, rows.length), fields);
      if (conferenceId) await this.conferencePoints.addPoints(conferenceId, [...res.ids.values()], m);
      return { created: res.created, updated: res.updated, unchanged: res.unchanged, errors, warnings };
    }
    const writes: DelegateWrite[] = [];
    const unknown: { line: number; code: string }[] = [];
    for (const r of analysis.delegates) {
      const pointId = r.pointCode ? known.get(r.pointCode) : null;
      if (pointId === undefined) {
        errors.push(rowError(r.line, 'pointCode', 'POINT_NOT_REGISTERED', { code: r.pointCode ?? '' }));
        unknown.push({ line: r.line, code: r.pointCode ?? '' });
        continue;
      }
      writes.push({ code: r.code, fullName: r.fullName, title: r.title, unit: r.unit, pointId });
    }
    warnings.push(...lookalikes(unknown, known));
    const res = await this.delegates.upsert(writes, m, (done) => progress(done, writes.length), fields);
    return { ...res, errors, warnings };
  }
}

/** Codes absent from the registry that match a registered code once leading zeros are dropped. */
function lookalikes(codes: { line: number; code: string }[], known: Map<string, string>): ImportWarning[] {
  const byDigits = new Map<string, string>();
  for (const code of known.keys()) {
    const bare = withoutLeadingZeros(code);
    if (bare !== null && !byDigits.has(bare)) byDigits.set(bare, code);
  }
  const hits = codes.flatMap(({ line, code }) => {
    const bare = withoutLeadingZeros(code);
    const existing = bare === null ? undefined : byDigits.get(bare);
    return existing !== undefined && existing !== code ? [{ line, code, existing }] : [];
  });
  if (hits.length === 0) return [];
  const params = { code: hits[0].code, existing: hits[0].existing };
  return [
    {
      code: ImportWarningCode.LeadingZeroLookalike,
      field: 'code',
      count: hits.length,
      lines: hits.slice(0, 5).map((h) => h.line),
      params,
      message: warningText(ImportWarningCode.LeadingZeroLookalike, params, hits.length),
    },
  ];
}
