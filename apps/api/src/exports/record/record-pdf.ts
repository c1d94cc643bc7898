import type { AttendanceCorrectionDto, ExportLanguage } from '@bridgepoint/contracts';
import type { RecordConfig } from '../../config/app-config';
import { Column, contentWidth, Doc, ensureRoom, finish, footers, left, newDocument, paragraph, table } from './pdf-layout';
import { RecordData, RecordPoint, totalsOf } from './record-data';
import { RECORD_TEXT, RecordText } from './record-text';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const FLAG_FILL = '#fde2c8';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function local(d: Date) {
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value])) as Record<string, string>;
  return { day: p.day, month: p.month, year: p.year, hour: p.hour, minute: p.minute, second: p.second };
}

/** "08:03 01/12/2026" in Vietnamese, "2026-12-01 08:03" in English (Hà Nội time). */
function when(d: Date | null, lang: ExportLanguage, seconds = false): string {
  if (!d) return '';
  const t = local(d);
  const clock = `${t.hour}:${t.minute}${seconds ? `:${t.second}` : ''}`;
  return lang === 'vi' ? `${clock} ${t.day}/${t.month}/${t.year}` : `${t.year}-${t.month}-${t.day} ${clock}`;
}

const num = (n: number | null | undefined, lang: ExportLanguage) => (n === null || n === undefined ? '' : n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US'));
const rate = (a: number, b: number) => (b === 0 ? '' : `${(Math.round((1000 * a) / b) / 10).toFixed(1)}%`);

export interface RecordMeta {
  version: number;
  lang: ExportLanguage;
  config: RecordConfig;
  /** Called with 0..1 as the record is drawn; drawing yields between sections so progress can be sent. */
  progress?: (fraction: number) => Promise<void> | void;
}

/** The official attendance record as an A4 PDF: heading, totals, tables, signatures and the corrections appendix. */
export async function renderRecordPdf(data: RecordData, meta: RecordMeta): Promise<Buffer> {
  const T: RecordText = RECORD_TEXT[meta.lang];
  const lang = meta.lang;
  const doc = newDocument({ title: `${T.title} - ${data.conference.title}`, author: meta.config.organization });
  heading(doc, data, meta, T);
  if (data.scope === 'point') {
    pointRecord(doc, data, T, lang);
  } else {
    totals(doc, data, T, lang);
    const groups = groupByDistrict(data.points, T);
    if (data.scope === 'conference') byUnit(doc, groups, T, lang);
    section(doc, T.perUnit);
    let done = 0;
    for (const [i, g] of groups.entries()) {
      paragraph(doc, `${i + 1}. ${g.name} (${num(g.points.length, lang)})`, { font: 'B', size: 10, gap: 3 });
      pointsTable(doc, g.points, data, T, lang);
      done += g.points.length;
      await meta.progress?.(0.1 + (0.75 * done) / Math.max(1, data.points.length));
      await new Promise((r) => setImmediate(r));
    }
    missing(doc, data.points, T, lang);
    reconciliation(doc, data, T, lang);
  }
  signatures(doc, data, meta, T);
  appendix(doc, data.corrections, data, T, lang);
  await meta.progress?.(0.9);
  const scopeLine = data.scope === 'conference' ? T.scopeConference : data.scope === 'district' ? T.scopeDistrict(data.district ?? '') : T.scopePoint(data.points[0]?.code ?? '', data.points[0]?.name ?? '');
  footers(doc, `${T.title} - ${scopeLine} - ${T.version(meta.version, when(data.dataAt, lang, true))} - ${data.conference.title}`, T.page);
  return finish(doc);
}

function heading(doc: Doc, data: RecordData, meta: RecordMeta, T: RecordText) {
  const width = contentWidth(doc);
  const x = left(doc);
  const top = doc.y;
  const leftW = width * 0.42;
  const rightX = x + leftW;
  const rightW = width - leftW;
  doc.font('B').fontSize(10.5).text(meta.config.organization.toUpperCase(), x, top, { width: leftW, align: 'center' });
  const leftEnd = doc.y;
  doc.font('B').fontSize(10.5).text(T.nation, rightX, top, { width: rightW, align: 'center' });
  doc.font('B').fontSize(10.5).text(T.motto, rightX, doc.y + 1, { width: rightW, align: 'center' });
  const mottoW = doc.widthOfString(T.motto);
  doc.lineWidth(0.6).strokeColor('black').moveTo(rightX + (rightW - mottoW) / 2, doc.y + 1).lineTo(rightX + (rightW + mottoW) / 2, doc.y + 1).stroke();
  doc.lineWidth(0.6).moveTo(x + leftW * 0.35, leftEnd + 2).lineTo(x + leftW * 0.65, leftEnd + 2).stroke();
  const d = local(data.dataAt);
  doc.font('I').fontSize(10).text(T.placeDate(meta.config.city, d), rightX, doc.y + 8, { width: rightW, align: 'center' });
  doc.y = Math.max(doc.y, leftEnd) + 18;

  paragraph(doc, T.title, { font: 'B', size: 16, align: 'center', gap: 2 });
  const scope =
    data.scope === 'conference' ? T.scopeConference : data.scope === 'district' ? T.scopeDistrict(data.district ?? '') : T.scopePoint(data.points[0].code, data.points[0].name);
  paragraph(doc, scope, { font: 'B', size: 11, align: 'center', gap: 8 });
  paragraph(doc, `${T.conference}: ${data.conference.title}`, { font: 'B', size: 11, gap: 2 });
  const end = data.conference.endsAt ? ` - ${when(data.conference.endsAt, meta.lang)}` : '';
  paragraph(doc, `${T.time}: ${when(data.conference.startsAt, meta.lang)}${end}`, { gap: 2 });
  if (meta.config.hostSite) paragraph(doc, `${T.hostSite}: ${meta.config.hostSite}`, { gap: 2 });
  paragraph(doc, `${T.version(meta.version, when(data.dataAt, meta.lang, true))}. ${data.conference.lockedAt ? T.locked : T.draft}`, { font: 'I', size: 9.5, gap: 10 });
}

function section(doc: Doc, title: string) {
  ensureRoom(doc, 60);
  doc.y += 4;
  paragraph(doc, title, { font: 'B', size: 11.5, gap: 5 });
}

function totals(doc: Doc, data: RecordData, T: RecordText, lang: ExportLanguage) {
  section(doc, T.totals);
  const t = data.totals;
  table(
    doc,
    [{ header: '', weight: 3 }, { header: '', weight: 1, align: 'right' }],
    [
      [T.pointsExpected, num(t.points.total, lang)],
      [T.pointsCheckedIn, `${num(t.points.checkedIn, lang)}  (${rate(t.points.checkedIn, t.points.total)})`],
      [T.pointsOnline, `${num(t.points.online, lang)}  (${rate(t.points.online, t.points.total)})`],
      [T.delegatesExpected, num(t.delegates.expected, lang)],
      [T.delegatesPresent, `${num(t.delegates.present, lang)}  (${rate(t.delegates.present, t.delegates.expected)})`],
      [T.delegatesCheckedIn, `${num(t.delegates.checkedIn, lang)}  (${rate(t.delegates.checkedIn, t.delegates.expected)})`],
    ],
    { size: 10 },
  );
}

interface Group {
  name: string;
  agencies: boolean;
  points: RecordPoint[];
}

/** Districts in Vietnamese alphabetical order (as the live summary lists them), city agencies last. */
function groupByDistrict(points: RecordPoint[], T: RecordText): Group[] {
  const groups = new Map<string, Group>();
  for (const p of points) {
    const key = p.districtId ?? 'agencies';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name: p.district ?? T.agencies, agencies: p.districtId === null, points: [] }));
    g.points.push(p);
  }
  return [...groups.values()].sort((a, b) => Number(a.agencies) - Number(b.agencies) || a.name.localeCompare(b.name, 'vi'));
}

function byUnit(doc: Doc, groups: Group[], T: RecordText, lang: ExportLanguage) {
  section(doc, T.byUnit);
  const c = T.col;
  const row = (no: string, name: string, pts: RecordPoint[]) => {
    const t = totalsOf(pts);
    return [no, name, num(t.points.total, lang), num(t.points.checkedIn, lang), num(t.delegates.expected, lang), num(t.delegates.present, lang), num(t.delegates.checkedIn, lang), rate(t.delegates.present, t.delegates.expected)];
  };
  const rows = groups.map((g, i) => row(String(i + 1), g.name, g.points));
  rows.push(row('', T.total, groups.flatMap((g) => g.points)));
  table(
    doc,
    [
      { header: c.no, weight: 0.5, align: 'center' },
      { header: c.unit, weight: 3 },
      { header: c.points, weight: 1, align: 'right' },
      { header: c.pointsIn, weight: 1.1, align: 'right' },
      { header: c.expected, weight: 1, align: 'right' },
      { header: c.present, weight: 1.2, align: 'right' },
      { header: c.checkedIn, weight: 1.2, align: 'right' },
      { header: c.rate, weight: 0.9, align: 'right' },
    ],
    rows,
    { style: (r) => (r === rows.length - 1 ? { bold: true } : undefined) },
  );
}

function pointsTable(doc: Doc, points: RecordPoint[], data: RecordData, T: RecordText, lang: ExportLanguage) {
  const c = T.col;
  const flagged = new Set(data.flagged.map((f) => f.pointId));
  const columns: Column[] = [
    { header: c.no, weight: 0.55, align: 'center' },
    { header: c.code, weight: 1.15 },
    { header: c.point, weight: 2.1 },
    { header: c.status, weight: 1.7 },
    { header: c.time, weight: 1.4 },
    { header: c.online, weight: 0.8, align: 'right' },
    { header: c.expected, weight: 0.75, align: 'right' },
    { header: c.present, weight: 0.9, align: 'right' },
    { header: c.checkedIn, weight: 0.9, align: 'right' },
    { header: c.diff, weight: 0.8, align: 'right' },
  ];
  const rows = points.map((p, i) => [
    String(i + 1),
    p.code,
    p.name,
    T.statusOf[p.status] ?? p.status,
    when(p.checkedInAt, lang),
    num(p.onlineMinutes, lang),
    num(p.expected, lang),
    num(p.present, lang),
    num(p.roster, lang),
    p.status === 'checked_in' ? signed((p.present ?? 0) - p.roster) : '',
  ]);
  const t = totalsOf(points);
  rows.push(['', '', T.total, `${t.points.checkedIn}/${t.points.total}`, '', '', num(t.delegates.expected, lang), num(t.delegates.present, lang), num(t.delegates.checkedIn, lang), '']);
  table(doc, columns, rows, {
    style: (r) => (r === rows.length - 1 ? { bold: true } : flagged.has(points[r]?.id) ? { fill: FLAG_FILL } : undefined),
  });
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function missing(doc: Doc, points: RecordPoint[], T: RecordText, lang: ExportLanguage) {
  section(doc, T.missing);
  const absent = points.filter((p) => p.status !== 'checked_in');
  if (absent.length === 0) return paragraph(doc, T.noneMissing, { font: 'I', gap: 6 });
  const c = T.col;
  table(
    doc,
    [
      { header: c.no, weight: 0.6, align: 'center' },
      { header: c.code, weight: 1.15 },
      { header: c.point, weight: 2.4 },
      { header: c.district, weight: 1.6 },
      { header: c.operator, weight: 1.6 },
      { header: c.phone, weight: 1.1 },
      { header: c.status, weight: 1.4 },
    ],
    absent.map((p, i) => [
      String(i + 1),
      p.code,
      p.name,
      p.district ?? T.agencies,
      p.operatorName ?? '',
      p.operatorPhone ?? '',
      p.status === 'checked_out' ? `${T.statusOf.checked_out} ${when(p.checkedOutAt, lang)}` : T.statusOf[p.status] ?? p.status,
    ]),
  );
}

function reconciliation(doc: Doc, data: RecordData, T: RecordText, lang: ExportLanguage) {
  section(doc, T.reconciliation);
  const threshold = data.flaggedThreshold;
  paragraph(doc, T.reconciliationNote(threshold), { size: 9.5, gap: 4 });
  if (data.flagged.length === 0) return paragraph(doc, T.noneFlagged, { font: 'I', gap: 6 });
  const c = T.col;
  table(
    doc,
    [
      { header: c.no, weight: 0.6, align: 'center' },
      { header: c.code, weight: 1.15 },
      { header: c.point, weight: 2.6 },
      { header: c.district, weight: 1.6 },
      { header: c.present, weight: 1, align: 'right' },
      { header: c.checkedIn, weight: 1, align: 'right' },
      { header: c.diff, weight: 0.9, align: 'right' },
    ],
    data.flagged.map((f, i) => [String(i + 1), f.code, f.name, f.district ?? T.agencies, num(f.headcount, lang), num(f.roster, lang), signed(f.difference)]),
  );
}

function pointRecord(doc: Doc, data: RecordData, T: RecordText, lang: ExportLanguage) {
  const p = data.points[0];
  const flagged = data.flagged.some((f) => f.pointId === p.id);
  section(doc, `I. ${T.pointInfo}`.toUpperCase());
  table(
    doc,
    [{ header: '', weight: 2 }, { header: '', weight: 3 }],
    [
      [T.col.code, p.code],
      [T.col.point, p.name],
      [T.col.unit, [p.unit, p.district].filter(Boolean).join(', ') || T.agencies],
      [T.operator, p.operatorName ?? ''],
      [T.phone, p.operatorPhone ?? ''],
      [T.status, T.statusOf[p.status] ?? p.status],
      [T.checkedInAt, when(p.checkedInAt, lang)],
      [T.onlineMinutes, num(p.onlineMinutes, lang)],
      [T.col.expected, num(p.expected, lang)],
      [T.headcount, num(p.present, lang)],
      [T.roster, num(p.roster, lang)],
      [T.col.diff, p.status === 'checked_in' ? `${signed((p.present ?? 0) - p.roster)}${flagged ? ` (${T.reconciliationNote(data.flaggedThreshold)})` : ''}` : ''],
    ],
    { size: 10 },
  );
  section(doc, T.delegates);
  const c = T.col;
  table(
    doc,
    [
      { header: c.no, weight: 0.6, align: 'center' },
      { header: c.delegateCode, weight: 1.1 },
      { header: c.fullName, weight: 2.2 },
      { header: c.title, weight: 2.4 },
      { header: c.attended, weight: 0.9 },
      { header: c.time, weight: 1.3 },
    ],
    data.delegates.map((d, i) => [
      String(i + 1),
      d.code,
      d.fullName,
      d.title ?? '',
      d.checkedInAt ? T.yes : T.no,
      d.checkedInAt ? `${when(d.checkedInAt, lang)}${d.checkedInPoint && d.checkedInPoint !== p.code ? ` (${d.checkedInPoint})` : ''}` : '',
    ]),
    { size: 9 },
  );
  const present = data.delegates.filter((d) => d.checkedInAt).length;
  paragraph(doc, `${T.yes}: ${num(present, lang)}/${num(data.delegates.length, lang)}. ${T.no}: ${num(data.delegates.length - present, lang)}.`, { font: 'B', gap: 6 });
}

function signatures(doc: Doc, data: RecordData, meta: RecordMeta, T: RecordText) {
  ensureRoom(doc, 150);
  doc.y += 8;
  paragraph(doc, T.signatures, { font: 'I', size: 9.5, gap: 6 });
  const x = left(doc);
  const half = contentWidth(doc) / 2;
  const d = local(data.dataAt);
  doc.font('I').fontSize(10).text(T.placeDate(meta.config.city, { day: '....', month: '....', year: d.year }), x + half, doc.y, { width: half, align: 'center' });
  const top = doc.y + 4;
  const block = (bx: number, title: string, hint: string, name?: string | null) => {
    doc.font('B').fontSize(10.5).text(title, bx, top, { width: half, align: 'center' });
    doc.font('I').fontSize(9.5).text(hint, bx, doc.y + 1, { width: half, align: 'center' });
    if (name) doc.font('B').fontSize(10.5).text(name, bx, doc.y + 70, { width: half, align: 'center' });
  };
  const operator = data.scope === 'point' ? data.points[0].operatorName : null;
  block(x, data.scope === 'point' ? T.operatorSign : T.drawnUp, T.signHint, operator);
  const afterLeft = doc.y;
  block(x + half, T.certified, T.sealHint);
  doc.x = x;
  doc.y = Math.max(afterLeft, doc.y + 90);
}

function appendix(doc: Doc, corrections: AttendanceCorrectionDto[], data: RecordData, T: RecordText, lang: ExportLanguage) {
  doc.addPage();
  doc.y = doc.page.margins.top;
  paragraph(doc, T.appendix, { font: 'B', size: 12, align: 'center', gap: 8 });
  if (corrections.length === 0) return paragraph(doc, T.noCorrections, { font: 'I' });
  const c = T.col;
  const codes = new Map(data.points.map((p) => [p.id, p.code]));
  table(
    doc,
    [
      { header: c.no, weight: 0.6, align: 'center' },
      { header: c.at, weight: 1.2 },
      { header: c.who, weight: 1.5 },
      { header: c.what, weight: 1.7 },
      { header: c.before, weight: 1.3 },
      { header: c.after, weight: 1.3 },
      { header: c.reason, weight: 2 },
    ],
    corrections.map((k, i) => [
      String(i + 1),
      when(new Date(k.at), lang, true),
      actorLabel(k, codes, T),
      `${T.correction[k.kind]}: ${k.target}${k.pointId && k.kind.startsWith('delegate') && codes.get(k.pointId) ? ` (${codes.get(k.pointId)})` : ''}`,
      describe(k.kind, k.before, T, lang),
      describe(k.kind, k.after, T, lang),
      k.reason,
    ]),
    { size: 8 },
  );
}

/** "Test organizer (organizer1)", "Nguyễn Văn An (điểm cầu BDI-01)". */
function actorLabel(k: AttendanceCorrectionDto, codes: Map<string, string>, T: RecordText): string {
  const [kind, id] = [k.actor.slice(0, k.actor.indexOf(':')), k.actor.slice(k.actor.indexOf(':') + 1)];
  const who = kind === 'point' ? `${T.col.point.toLowerCase()} ${codes.get(id) ?? id}` : id;
  return k.actorName ? `${k.actorName} (${who})` : who;
}

/** A correction's before or after, in words. */
function describe(kind: AttendanceCorrectionDto['kind'], v: Record<string, unknown>, T: RecordText, lang: ExportLanguage): string {
  const at = (key: string) => (typeof v[key] === 'string' ? when(new Date(v[key] as string), lang) : '');
  if (kind === 'delegate_unmark' || kind === 'delegate_mark') {
    return v.checkedIn ? `${T.presentWord}${at('checkedInAt') ? ` (${at('checkedInAt')})` : ''}` : T.absentWord;
  }
  if (kind === 'headcount') return `${v.present ?? '-'} ${T.presentWord}; ${T.statusOf[String(v.status)] ?? ''}`;
  return `${T.statusOf[String(v.status)] ?? String(v.status)}${at('checkedInAt') ? ` (${at('checkedInAt')})` : ''}`;
}
