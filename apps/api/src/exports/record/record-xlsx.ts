import ExcelJS from 'exceljs';
import type { ExportLanguage } from '@bridgepoint/contracts';
import { localTime, neutralize } from '../table-writers';
import { RecordData } from './record-data';
import { RECORD_TEXT } from './record-text';

type Value = string | number | null;

/** The record's data as a workbook: totals, points, delegates (one point), flagged differences, corrections. */
export async function renderRecordXlsx(data: RecordData, version: number, lang: ExportLanguage): Promise<Buffer> {
  const T = RECORD_TEXT[lang];
  const c = T.col;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Bridgepoint';
  const sheet = (name: string, headers: string[], rows: Value[][], widths: number[] = []) => {
    const ws = wb.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(headers).font = { bold: true };
    for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutralize(v) : v)));
    headers.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? 16));
  };
  const t = data.totals;
  sheet(
    T.totals.replace(/^I\. /, ''),
    ['', ''],
    [
      [T.conference, data.conference.title],
      [T.version(version, localTime(data.dataAt)), data.conference.lockedAt ? T.locked : T.draft],
      [T.pointsExpected, t.points.total],
      [T.pointsCheckedIn, t.points.checkedIn],
      [T.pointsOnline, t.points.online],
      [T.delegatesExpected, t.delegates.expected],
      [T.delegatesPresent, t.delegates.present],
      [T.delegatesCheckedIn, t.delegates.checkedIn],
    ],
    [48, 40],
  );
  sheet(
    c.point,
    [c.code, c.point, c.district, c.ward, c.status, c.time, c.online, c.expected, c.present, c.checkedIn, c.diff, c.operator, c.phone],
    data.points.map((p) => [
      p.code,
      p.name,
      p.district ?? T.agencies,
      p.unit,
      T.statusOf[p.status] ?? p.status,
      p.checkedInAt ? localTime(p.checkedInAt) : null,
      p.onlineMinutes,
      p.expected,
      p.present,
      p.roster,
      p.status === 'checked_in' ? (p.present ?? 0) - p.roster : null,
      p.operatorName,
      p.operatorPhone,
    ]),
    [12, 36, 20, 22, 16, 20, 12, 10, 12, 12, 10, 24, 14],
  );
  if (data.scope === 'point') {
    sheet(
      c.fullName,
      [c.delegateCode, c.fullName, c.title, c.attended, c.time],
      data.delegates.map((d) => [d.code, d.fullName, d.title, d.checkedInAt ? T.yes : T.no, d.checkedInAt ? localTime(d.checkedInAt) : null]),
      [14, 28, 30, 10, 20],
    );
  }
  sheet(
    T.flag,
    [c.code, c.point, c.district, c.present, c.checkedIn, c.diff],
    data.flagged.map((f) => [f.code, f.name, f.district ?? T.agencies, f.headcount, f.roster, f.difference]),
    [12, 36, 20, 12, 12, 10],
  );
  sheet(
    T.appendix.split(':')[0],
    [c.at, c.who, c.what, c.before, c.after, c.reason],
    data.corrections.map((k) => [localTime(new Date(k.at)), k.actorName ? `${k.actorName} (${k.actor})` : k.actor, `${T.correction[k.kind]}: ${k.target}`, JSON.stringify(k.before), JSON.stringify(k.after), k.reason]),
    [20, 30, 34, 30, 30, 40],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
