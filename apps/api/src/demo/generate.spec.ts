import { DELEGATE_COLUMNS, POINT_COLUMNS } from '@bridgepoint/contracts';
import { readTable, validateDelegateRow, validatePointRow } from '../imports/tabular';
import { conferenceDemo, DEMO_TOTAL_DELEGATES, delegatesCsv, generateDemo, pointsCsv, type DemoData } from './generate';
import { HANOI_AGENCIES, HANOI_DISTRICTS, wardsOf } from './hanoi';
import { delegatesXlsx, pointsXlsx } from './write-files';

describe('demo data', () => {
  let data: DemoData;
  beforeAll(() => {
    data = generateDemo();
  });

  it('covers the Hà Nội map: 30 districts, 579 wards, 40 agencies', () => {
    expect(HANOI_DISTRICTS).toHaveLength(30);
    expect(HANOI_DISTRICTS.filter((d) => d.kind === 'quan')).toHaveLength(12);
    expect(HANOI_DISTRICTS.filter((d) => d.kind === 'huyen')).toHaveLength(17);
    expect(HANOI_DISTRICTS.filter((d) => d.kind === 'thi_xa').map((d) => d.name)).toEqual(['Sơn Tây']);
    expect(HANOI_DISTRICTS.flatMap(wardsOf)).toHaveLength(579);
    expect(HANOI_AGENCIES).toHaveLength(40);
    expect(wardsOf(HANOI_DISTRICTS[0]).map((w) => w.name).slice(0, 3)).toEqual(['Phúc Xá', 'Trúc Bạch', 'Vĩnh Phúc']);
  });

  it('has 649 points whose expected delegates add up to 23,041', () => {
    const { points } = data;
    expect(points).toHaveLength(649);
    expect(points.filter((p) => p.level === 'district')).toHaveLength(30);
    expect(points.filter((p) => p.level === 'ward')).toHaveLength(579);
    expect(points.filter((p) => p.level === 'agency')).toHaveLength(40);
    expect(points.reduce((sum, p) => sum + p.expectedDelegates, 0)).toBe(DEMO_TOTAL_DELEGATES);
    expect(points.every((p) => p.expectedDelegates >= 20 && p.expectedDelegates <= 60)).toBe(true);
  });

  it('seats exactly the expected delegates at every point', () => {
    expect(data.delegates).toHaveLength(23_041);
    const seated = new Map<string, number>();
    for (const d of data.delegates) seated.set(d.pointCode ?? '', (seated.get(d.pointCode ?? '') ?? 0) + 1);
    expect(data.points.filter((p) => seated.get(p.code) !== p.expectedDelegates)).toEqual([]);
    expect(seated.size).toBe(649);
  });

  it('uses unique point codes, delegate codes and operator phones', () => {
    const unique = (xs: Array<string | null>) => new Set(xs.map((x) => x?.toUpperCase())).size;
    expect(unique(data.points.map((p) => p.code))).toBe(649);
    expect(unique(data.points.map((p) => p.name))).toBe(649);
    expect(unique(data.delegates.map((d) => d.code))).toBe(23_041);
    expect(data.delegates[0].code).toBe('DB-000001');
    expect(data.delegates[23_040].code).toBe('DB-023041');
    const phones = data.points.map((p) => p.operatorPhone ?? '');
    expect(unique(phones)).toBe(649);
    expect(phones.every((p) => /^0[3789]\d{8}$/.test(p))).toBe(true);
  });

  it('gives delegates Vietnamese names with a realistic share of Nguyễn', () => {
    const nguyen = data.delegates.filter((d) => d.fullName.startsWith('Nguyễn ')).length / data.delegates.length;
    expect(nguyen).toBeGreaterThan(0.33);
    expect(nguyen).toBeLessThan(0.43);
    expect(data.delegates.every((d) => /^\p{Lu}\p{Ll}* (\p{Lu}\p{Ll}* ){1,2}\p{Lu}\p{Ll}*$/u.test(d.fullName))).toBe(true);
  });

  it('is the same on every run', () => {
    expect(generateDemo()).toEqual(data);
    expect(pointsCsv(data)).toBe(pointsCsv());
  });

  it('writes CSV files with BOM, CRLF and the Vietnamese headers', () => {
    const csv = pointsCsv(data);
    expect(csv.startsWith('\ufeffMã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Cơ quan,Địa chỉ,Số đại biểu,Người phụ trách,Số điện thoại\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(651);
    expect(delegatesCsv(data).startsWith('\ufeffMã đại biểu,Họ và tên,Chức vụ,Đơn vị,Mã điểm cầu\r\n')).toBe(true);
  });

  it('round-trips through the CSV importer with no row errors', async () => {
    const points = await readTable(Buffer.from(pointsCsv(data)), POINT_COLUMNS, 'points.csv');
    const pointResults = points.rows.map(validatePointRow);
    expect(pointResults.filter((r) => !r.ok)).toEqual([]);
    expect(pointResults.map((r) => r.ok && r.value)).toEqual(data.points.map(({ level: _level, ...p }) => p));

    const delegates = await readTable(Buffer.from(delegatesCsv(data)), DELEGATE_COLUMNS, 'delegates.csv');
    const delegateResults = delegates.rows.map(validateDelegateRow);
    expect(delegateResults.filter((r) => !r.ok)).toEqual([]);
    expect(delegateResults.map((r) => r.ok && r.value)).toEqual(data.delegates);
    expect(delegates.rows[23_040].line).toBe(23_042);
  });

  it('round-trips through the XLSX importer with no row errors', async () => {
    const points = await readTable(await pointsXlsx(data), POINT_COLUMNS, 'points.xlsx');
    expect(points.header.format).toBe('xlsx');
    const pointResults = points.rows.map(validatePointRow);
    expect(pointResults.filter((r) => !r.ok)).toEqual([]);
    expect(pointResults.map((r) => r.ok && r.value)).toEqual(data.points.map(({ level: _level, ...p }) => p));

    const delegates = await readTable(await delegatesXlsx(data), DELEGATE_COLUMNS, 'delegates.xlsx');
    const delegateResults = delegates.rows.map(validateDelegateRow);
    expect(delegateResults.filter((r) => !r.ok)).toEqual([]);
    expect(delegateResults).toHaveLength(23_041);
  }, 60_000);
});

describe('conferenceDemo', () => {
  it('starts tomorrow at 08:00 Hà Nội time and ends at 11:30 with the agenda filling the morning', () => {
    const now = new Date('2025-06-10T18:30:00Z');
    const conf = conferenceDemo(now);
    expect(conf.startsAt).toBe('2025-06-12T01:00:00.000Z');
    expect(conf.endsAt).toBe('2025-06-12T04:30:00.000Z');
    expect(conf.agenda.length).toBeGreaterThanOrEqual(8);
    expect(conf.agenda[0].plannedStart).toBe(conf.startsAt);
    const last = conf.agenda[conf.agenda.length - 1];
    expect(new Date(last.plannedStart).getTime() + last.durationMinutes * 60_000).toBe(new Date(conf.endsAt).getTime());
    expect(conf.agenda.map((a) => a.title)).toEqual(expect.arrayContaining(['Phát biểu chỉ đạo', 'Kết luận và bế mạc hội nghị']));
    expect(conf.description).toContain('chủ trì');
  });

  it('uses the Hà Nội date, not the UTC date', () => {
    expect(conferenceDemo(new Date('2025-06-10T10:00:00Z')).startsAt).toBe('2025-06-11T01:00:00.000Z');
  });
});
