import type { DelegateRow, PointRow } from '../imports/tabular/rows';
import {
  districtCommittee,
  districtInText,
  districtLabel,
  HANOI_AGENCIES,
  HANOI_DISTRICTS,
  wardInText,
  wardLabel,
  wardsOf,
  type HanoiDistrict,
  type HanoiWard,
} from './hanoi';
import {
  between,
  CENTRAL_STREETS,
  personName,
  pick,
  seededRandom,
  STREETS,
  uniquePhone,
  weighted,
  type Random,
} from './names';

export { conferenceDemo, type DemoConference } from './conference';

/** Delegates expected across the whole city in the reference event. */
export const DEMO_TOTAL_DELEGATES = 23_041;
const SEED = 20_241_115;
const MIN_PER_POINT = 20;
const MAX_PER_POINT = 60;

export type DemoPoint = PointRow & { level: 'district' | 'ward' | 'agency' };

export interface DemoData {
  points: DemoPoint[];
  delegates: DelegateRow[];
}

export const POINT_HEADERS = [
  'Mã điểm cầu', 'Tên điểm cầu', 'Quận/Huyện', 'Phường/Xã', 'Cơ quan', 'Địa chỉ', 'Số đại biểu', 'Người phụ trách',
  'Số điện thoại',
] as const;
export const DELEGATE_HEADERS = ['Mã đại biểu', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Mã điểm cầu'] as const;

/** Same output on every run: 649 points and 23,041 delegates for the Hà Nội reference event. */
export function generateDemo(): DemoData {
  const rnd = seededRandom(SEED);
  const phones = new Set<string>();
  const seats = [...districtSeats(rnd, phones), ...agencySeats(rnd, phones)];
  const points = seats.map((s) => s.point);
  balanceExpected(rnd, points, DEMO_TOTAL_DELEGATES);
  const delegates: DelegateRow[] = [];
  for (const seat of seats) {
    for (const [title, unit] of delegateRoles(rnd, seat)) {
      delegates.push({
        code: `DB-${String(delegates.length + 1).padStart(6, '0')}`,
        fullName: personName(rnd),
        title,
        unit,
        pointCode: seat.point.code,
      });
    }
  }
  return { points, delegates };
}

/** Where a point sits, kept beside it while generating its delegates. */
interface Seat {
  point: DemoPoint;
  district?: HanoiDistrict;
  ward?: HanoiWard;
}

function districtSeats(rnd: Random, phones: Set<string>): Seat[] {
  const labelCount = new Map<string, number>();
  for (const d of HANOI_DISTRICTS) {
    for (const w of wardsOf(d)) labelCount.set(wardLabel(w), (labelCount.get(wardLabel(w)) ?? 0) + 1);
  }
  const seats: Seat[] = [];
  for (const d of HANOI_DISTRICTS) {
    const point: DemoPoint = {
      level: 'district',
      code: `${d.code}-00`,
      name: districtLabel(d),
      district: districtLabel(d),
      ward: null,
      agency: null,
      address: `Số ${between(rnd, 1, 200)} ${pick(rnd, STREETS)}, ${districtInText(d)}, Hà Nội`,
      expectedDelegates: between(rnd, 45, MAX_PER_POINT),
      operatorName: personName(rnd),
      operatorPhone: uniquePhone(rnd, phones),
      operatorEmail: null,
    };
    seats.push({ point, district: d });
    wardsOf(d).forEach((w, i) => {
      const label = wardLabel(w);
      const address = w.kind === 'phuong'
        ? `Số ${between(rnd, 1, 300)} ${pick(rnd, STREETS)}, ${wardInText(w)}, ${districtInText(d)}`
        : `Trụ sở UBND ${wardInText(w)}, ${districtInText(d)}`;
      const ward: DemoPoint = {
        level: 'ward',
        code: `${d.code}-${String(i + 1).padStart(2, '0')}`,
        name: (labelCount.get(label) ?? 0) > 1 ? `${label} (${d.name})` : label,
        district: districtLabel(d),
        ward: label,
        agency: null,
        address,
        expectedDelegates: between(rnd, 25, 45),
        operatorName: personName(rnd),
        operatorPhone: uniquePhone(rnd, phones),
      operatorEmail: null,
      };
      seats.push({ point: ward, district: d, ward: w });
    });
  }
  return seats;
}

function agencySeats(rnd: Random, phones: Set<string>): Seat[] {
  return HANOI_AGENCIES.map((a) => ({
    point: {
    level: 'agency',
    code: a.code,
    name: a.name,
    district: null,
    ward: null,
    agency: a.name,
    address: `Số ${between(rnd, 1, 120)} ${pick(rnd, CENTRAL_STREETS)}, Hà Nội`,
    expectedDelegates: between(rnd, MIN_PER_POINT, 40),
    operatorName: personName(rnd),
    operatorPhone: uniquePhone(rnd, phones),
      operatorEmail: null,
    },
  }));
}

/** Nudges random points by one, within bounds, until the expected delegates add up to `total`. */
function balanceExpected(rnd: Random, points: DemoPoint[], total: number): void {
  let diff = total - points.reduce((sum, p) => sum + p.expectedDelegates, 0);
  while (diff !== 0) {
    const p = pick(rnd, points);
    const step = Math.sign(diff);
    const next = p.expectedDelegates + step;
    if (next < MIN_PER_POINT || next > MAX_PER_POINT) continue;
    p.expectedDelegates = next;
    diff -= step;
  }
}

type Role = readonly [title: string, unit: string];

const WARD_STAFF = weighted<string>([
  ['Đảng ủy viên', 6], ['Đại biểu HĐND', 10], ['Bí thư Chi bộ', 12], ['Cán bộ', 10], ['Công chức', 12],
  ['Tổ trưởng dân cư', 6], ['Trưởng ban công tác Mặt trận', 6], ['Chủ tịch Hội Cựu chiến binh', 2],
  ['Chủ tịch Hội Liên hiệp Phụ nữ', 2], ['Bí thư Đoàn Thanh niên', 2], ['Chủ tịch Hội Nông dân', 1],
]);

const OFFICE_STAFF = weighted<string>([
  ['Trưởng phòng', 14], ['Phó Trưởng phòng', 22], ['Chuyên viên', 30], ['Chuyên viên chính', 14],
  ['Đảng ủy viên', 4], ['Bí thư Chi bộ', 6], ['Cán bộ', 10],
]);

/** Offices of a district government ("Phòng Nội vụ quận Ba Đình") and of its party committee. */
const DISTRICT_OFFICES = [
  'Phòng Nội vụ', 'Phòng Tài chính - Kế hoạch', 'Phòng Tư pháp', 'Phòng Văn hóa và Thông tin', 'Phòng Giáo dục và Đào tạo',
  'Phòng Y tế', 'Phòng Tài nguyên và Môi trường', 'Phòng Kinh tế', 'Văn phòng HĐND và UBND', 'Thanh tra',
];
const COMMITTEE_OFFICES = ['Ban Tuyên giáo', 'Ban Tổ chức', 'Ban Dân vận', 'Ủy ban Kiểm tra', 'Văn phòng'];

const AGENCY_HEADS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(Sở|Cục|Kho bạc|Công an)/, 'Giám đốc'], [/^Văn phòng/, 'Chánh Văn phòng'], [/^Thanh tra/, 'Chánh Thanh tra'],
  [/^Tòa án/, 'Chánh án'], [/^Viện Kiểm sát/, 'Viện trưởng'], [/^Bộ Tư lệnh/, 'Tư lệnh'],
  [/^Ủy ban Kiểm tra/, 'Chủ nhiệm'], [/^Ban/, 'Trưởng ban'], [/^Thành đoàn/, 'Bí thư'], [/^(Ủy ban MTTQ|Hội|Liên đoàn)/, 'Chủ tịch'],
];

/** Titles and units for the delegates of one point: its leaders first, then staff. */
function delegateRoles(rnd: Random, seat: Seat): Role[] {
  const { point, district, ward } = seat;
  const count = point.expectedDelegates;
  const roles: Role[] = [];
  if (ward && district) {
    const where = wardInText(ward);
    roles.push(
      ['Bí thư Đảng ủy', `Đảng ủy ${where}`], ['Phó Bí thư Thường trực Đảng ủy', `Đảng ủy ${where}`],
      ['Chủ tịch HĐND', `HĐND ${where}`], ['Chủ tịch UBND', `UBND ${where}`], ['Phó Chủ tịch UBND', `UBND ${where}`],
      ['Chủ tịch Ủy ban MTTQ', `Ủy ban MTTQ ${where}`], ['Trưởng Công an', `Công an ${where}`],
    );
    const hamlet = ward.kind === 'xa' ? 'Thôn' : 'Tổ dân phố số';
    while (roles.length < count) {
      const title = WARD_STAFF(rnd);
      const local = title === 'Bí thư Chi bộ' || title === 'Tổ trưởng dân cư';
      roles.push([title, local ? `${hamlet} ${between(rnd, 1, 30)}, ${where}` : `UBND ${where}`]);
    }
  } else if (district) {
    const where = districtInText(district);
    const committee = districtCommittee(district);
    roles.push(
      ['Bí thư', committee], ['Phó Bí thư Thường trực', committee], ['Chủ tịch HĐND', `HĐND ${where}`],
      ['Chủ tịch UBND', `UBND ${where}`], ['Phó Chủ tịch UBND', `UBND ${where}`],
      ['Chủ tịch Ủy ban MTTQ', `Ủy ban MTTQ ${where}`],
    );
    while (roles.length < count) {
      const unit = rnd() < 0.7
        ? `${pick(rnd, DISTRICT_OFFICES)} ${where}`
        : `${pick(rnd, COMMITTEE_OFFICES)} ${committee}`;
      roles.push([OFFICE_STAFF(rnd), unit]);
    }
  } else {
    const head = AGENCY_HEADS.find(([pattern]) => pattern.test(point.name))?.[1] ?? 'Thủ trưởng';
    roles.push([head, point.name], [`Phó ${head}`, point.name], ['Bí thư Đảng ủy', point.name]);
    while (roles.length < count) roles.push([OFFICE_STAFF(rnd), point.name]);
  }
  return roles.slice(0, count);
}

/** The points file as an organizer would upload it: UTF-8 with BOM, CRLF, Vietnamese headers. */
export function pointsCsv(data: DemoData = generateDemo()): string {
  return toCsv(POINT_HEADERS, data.points.map(pointCells));
}

export function delegatesCsv(data: DemoData = generateDemo()): string {
  return toCsv(DELEGATE_HEADERS, data.delegates.map(delegateCells));
}

export const pointCells = (p: PointRow): Array<string | number | null> => [
  p.code, p.name, p.district, p.ward, p.agency, p.address, p.expectedDelegates, p.operatorName, p.operatorPhone,
];

export const delegateCells = (d: DelegateRow): Array<string | null> => [d.code, d.fullName, d.title, d.unit, d.pointCode];

function toCsv(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const lines = [headers, ...rows].map((cells) => cells.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function csvField(value: string | number | null): string {
  const s = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
