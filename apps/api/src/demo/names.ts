/** Seeded randomness and Vietnamese name pools for the demo data. */

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: Random, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
/** Integer in [min, max]. */
export const between = (rnd: Random, min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));

/** Picks by weight; `table` pairs are [value, weight]. */
export function weighted<T>(table: ReadonlyArray<readonly [T, number]>): (rnd: Random) => T {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  return (rnd) => {
    let r = rnd() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1][0];
  };
}

/** Approximate shares of family names in northern Việt Nam, in percent. */
const SURNAMES = weighted<string>([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 4.5], ['Phan', 3.5], ['Vũ', 3.9],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.9], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Đào', 1], ['Đinh', 1], ['Trịnh', 0.8], ['Mai', 0.5], ['Lương', 0.5], ['Võ', 0.6], ['Huỳnh', 0.4],
  ['Tạ', 0.3], ['Chu', 0.3], ['Lưu', 0.3], ['Kiều', 0.2], ['Khuất', 0.2], ['Nghiêm', 0.2], ['Phùng', 0.3],
  ['Cao', 0.4], ['Hà', 0.4], ['Tô', 0.2], ['Quách', 0.1], ['Văn', 0.1], ['Lại', 0.2],
]);

const MALE_MIDDLE = weighted<string>([
  ['Văn', 30], ['Đức', 10], ['Minh', 9], ['Hữu', 7], ['Quang', 7], ['Thanh', 5], ['Xuân', 4], ['Công', 5],
  ['Đình', 5], ['Mạnh', 3], ['Ngọc', 3], ['Tiến', 3], ['Trọng', 3], ['Việt', 2], ['Anh', 2], ['Hải', 2],
  ['Duy', 2], ['Thế', 2], ['Bá', 1], ['Trung', 1],
]);

const FEMALE_MIDDLE = weighted<string>([
  ['Thị', 45], ['Thu', 8], ['Ngọc', 7], ['Thanh', 6], ['Minh', 5], ['Phương', 4], ['Hồng', 4], ['Thùy', 3],
  ['Kim', 3], ['Mai', 3], ['Lan', 2], ['Hải', 2], ['Bích', 2], ['Diệu', 2], ['Khánh', 2], ['Quỳnh', 2],
]);

const MALE_GIVEN = [
  'Anh', 'Bình', 'Cường', 'Chiến', 'Công', 'Dũng', 'Duy', 'Đạt', 'Định', 'Đông', 'Đức', 'Giang', 'Hải', 'Hào',
  'Hiếu', 'Hiệp', 'Hòa', 'Hoàng', 'Hùng', 'Huy', 'Hưng', 'Khang', 'Khánh', 'Khôi', 'Kiên', 'Lâm', 'Long',
  'Lộc', 'Lợi', 'Luận', 'Mạnh', 'Minh', 'Nam', 'Nghĩa', 'Ngọc', 'Nhân', 'Phong', 'Phúc', 'Phương', 'Quân',
  'Quang', 'Quý', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Thông', 'Tiến', 'Toàn', 'Trí', 'Trung',
  'Trường', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Ánh', 'Ân', 'Đăng', 'Hậu', 'Khải', 'Lực', 'Thái', 'Thuận',
];

const FEMALE_GIVEN = [
  'An', 'Anh', 'Ánh', 'Bích', 'Châu', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa',
  'Hồng', 'Huệ', 'Hương', 'Hường', 'Huyền', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc',
  'Nhung', 'Oanh', 'Phượng', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thanh', 'Thơ', 'Thu', 'Thủy', 'Thúy',
  'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Yến', 'Xuân', 'Ly', 'Lệ', 'Nhàn', 'Diệp', 'Đào', 'Khuê',
];

const SECOND_GIVEN = ['Thu', 'Minh', 'Ngọc', 'Phương', 'Thanh', 'Hải', 'Kim', 'Bảo', 'Diệu', 'Thùy'];

export function personName(rnd: Random): string {
  const surname = SURNAMES(rnd);
  if (rnd() < 0.5) return `${surname} ${MALE_MIDDLE(rnd)} ${pick(rnd, MALE_GIVEN)}`;
  const middle = FEMALE_MIDDLE(rnd);
  const given = pick(rnd, FEMALE_GIVEN);
  return rnd() < 0.15 ? `${surname} ${middle} ${pick(rnd, SECOND_GIVEN)} ${given}` : `${surname} ${middle} ${given}`;
}

/** Mobile prefixes in use: Viettel 03x/086/09x, VinaPhone 08x/091/094, MobiFone 07x/090/093. */
const MOBILE_PREFIXES = [
  '090', '091', '093', '094', '096', '097', '098', '086', '088', '089', '032', '033', '034', '035', '036',
  '037', '038', '039', '070', '076', '077', '078', '079', '081', '082', '083', '084', '085',
];

/** A 10-digit mobile number not yet in `used`; adds it. */
export function uniquePhone(rnd: Random, used: Set<string>): string {
  for (;;) {
    const phone = pick(rnd, MOBILE_PREFIXES) + String(between(rnd, 0, 9_999_999)).padStart(7, '0');
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

export const STREETS = [
  'Điện Biên Phủ', 'Hoàng Diệu', 'Phan Đình Phùng', 'Lê Duẩn', 'Trần Hưng Đạo', 'Lý Thường Kiệt', 'Hai Bà Trưng',
  'Nguyễn Thái Học', 'Kim Mã', 'Giảng Võ', 'Láng Hạ', 'Xã Đàn', 'Tây Sơn', 'Nguyễn Trãi', 'Trường Chinh',
  'Giải Phóng', 'Minh Khai', 'Bạch Mai', 'Lạc Long Quân', 'Âu Cơ', 'Nguyễn Văn Cừ', 'Ngọc Lâm', 'Cầu Giấy',
  'Xuân Thủy', 'Hồ Tùng Mậu', 'Phạm Văn Đồng', 'Quang Trung', 'Lê Lợi', 'Trần Phú', 'Nguyễn Văn Linh',
  'Tam Trinh', 'Lĩnh Nam', 'Hoàng Quốc Việt', 'Văn Cao', 'Thụy Khuê', 'Đội Cấn', 'Nguyễn Chí Thanh', 'Chùa Bộc',
];

/** Streets of the old quarter and Ba Đình, where most city agencies sit. */
export const CENTRAL_STREETS = [
  'Đinh Tiên Hoàng', 'Lê Thánh Tông', 'Lý Thái Tổ', 'Tràng Thi', 'Hàng Bài', 'Lê Lai', 'Hoàng Diệu', 'Điện Biên Phủ',
  'Phan Đình Phùng', 'Trần Phú', 'Nguyễn Thái Học', 'Lý Thường Kiệt', 'Trần Hưng Đạo', 'Quang Trung', 'Hai Bà Trưng',
];
