/**
 * Hà Nội's administrative map as it stood from 2020 to 2024: 30 district-level units
 * (12 urban districts, 17 rural districts, Sơn Tây town) and 579 wards, communes and townships,
 * plus the city-level agencies that join a city-wide conference.
 */

export type DistrictKind = 'quan' | 'huyen' | 'thi_xa';
export type WardKind = 'phuong' | 'xa' | 'thi_tran';

export interface HanoiDistrict {
  /** Three letters, used as the prefix of point codes: BDI-00, BDI-01… */
  code: string;
  name: string;
  kind: DistrictKind;
  /** Phường (urban wards). */
  wards: readonly string[];
  /** Thị trấn (townships of rural districts). */
  townships: readonly string[];
  /** Xã (rural communes). */
  communes: readonly string[];
}

export interface HanoiWard {
  name: string;
  kind: WardKind;
}

export interface HanoiAgency {
  code: string;
  name: string;
}

export const DISTRICT_KIND_LABEL: Record<DistrictKind, string> = { quan: 'Quận', huyen: 'Huyện', thi_xa: 'Thị xã' };
export const WARD_KIND_LABEL: Record<WardKind, string> = { phuong: 'Phường', xa: 'Xã', thi_tran: 'Thị trấn' };

const quan = (code: string, name: string, wards: string): HanoiDistrict => ({
  code, name, kind: 'quan', wards: list(wards), townships: [], communes: [],
});
const huyen = (code: string, name: string, townships: string, communes: string): HanoiDistrict => ({
  code, name, kind: 'huyen', wards: [], townships: list(townships), communes: list(communes),
});
const list = (names: string): string[] => names.split(',').map((n) => n.trim()).filter((n) => n !== '');

export const HANOI_DISTRICTS: readonly HanoiDistrict[] = [
  quan('BDI', 'Ba Đình', 'Phúc Xá, Trúc Bạch, Vĩnh Phúc, Cống Vị, Liễu Giai, Nguyễn Trung Trực, Quán Thánh, Ngọc Hà, ' +
    'Điện Biên, Đội Cấn, Ngọc Khánh, Kim Mã, Giảng Võ, Thành Công'),
  quan('HKI', 'Hoàn Kiếm', 'Chương Dương, Cửa Đông, Cửa Nam, Đồng Xuân, Hàng Bạc, Hàng Bài, Hàng Bồ, Hàng Bông, ' +
    'Hàng Buồm, Hàng Đào, Hàng Gai, Hàng Mã, Hàng Trống, Lý Thái Tổ, Phan Chu Trinh, Phúc Tân, Tràng Tiền, ' +
    'Trần Hưng Đạo'),
  quan('THO', 'Tây Hồ', 'Bưởi, Nhật Tân, Phú Thượng, Quảng An, Thụy Khuê, Tứ Liên, Xuân La, Yên Phụ'),
  quan('LBI', 'Long Biên', 'Bồ Đề, Cự Khối, Đức Giang, Gia Thụy, Giang Biên, Long Biên, Ngọc Lâm, Ngọc Thụy, ' +
    'Phúc Đồng, Phúc Lợi, Sài Đồng, Thạch Bàn, Thượng Thanh, Việt Hưng'),
  quan('CGI', 'Cầu Giấy', 'Dịch Vọng, Dịch Vọng Hậu, Mai Dịch, Nghĩa Đô, Nghĩa Tân, Quan Hoa, Trung Hòa, Yên Hòa'),
  quan('DDA', 'Đống Đa', 'Cát Linh, Hàng Bột, Khâm Thiên, Khương Thượng, Kim Liên, Láng Hạ, Láng Thượng, Nam Đồng, ' +
    'Ngã Tư Sở, Ô Chợ Dừa, Phương Liên, Phương Mai, Quang Trung, Quốc Tử Giám, Thịnh Quang, Thổ Quan, ' +
    'Trung Liệt, Trung Phụng, Trung Tự, Văn Chương, Văn Miếu'),
  quan('HBT', 'Hai Bà Trưng', 'Bách Khoa, Bạch Đằng, Bạch Mai, Cầu Dền, Đống Mác, Đồng Nhân, Đồng Tâm, Lê Đại Hành, ' +
    'Minh Khai, Nguyễn Du, Phạm Đình Hổ, Phố Huế, Quỳnh Lôi, Quỳnh Mai, Thanh Lương, Thanh Nhàn, Trương Định, ' +
    'Vĩnh Tuy'),
  quan('HMA', 'Hoàng Mai', 'Đại Kim, Định Công, Giáp Bát, Hoàng Liệt, Hoàng Văn Thụ, Lĩnh Nam, Mai Động, Tân Mai, ' +
    'Thanh Trì, Thịnh Liệt, Trần Phú, Tương Mai, Vĩnh Hưng, Yên Sở'),
  quan('TXU', 'Thanh Xuân', 'Hạ Đình, Khương Đình, Khương Mai, Khương Trung, Kim Giang, Nhân Chính, Phương Liệt, ' +
    'Thanh Xuân Bắc, Thanh Xuân Nam, Thanh Xuân Trung, Thượng Đình'),
  quan('NTL', 'Nam Từ Liêm', 'Cầu Diễn, Đại Mỗ, Mễ Trì, Mỹ Đình 1, Mỹ Đình 2, Phú Đô, Phương Canh, Tây Mỗ, ' +
    'Trung Văn, Xuân Phương'),
  quan('BTL', 'Bắc Từ Liêm', 'Cổ Nhuế 1, Cổ Nhuế 2, Đông Ngạc, Đức Thắng, Liên Mạc, Minh Khai, Phú Diễn, Phúc Diễn, ' +
    'Tây Tựu, Thượng Cát, Thụy Phương, Xuân Đỉnh, Xuân Tảo'),
  quan('HDO', 'Hà Đông', 'Biên Giang, Đồng Mai, Dương Nội, Hà Cầu, Kiến Hưng, La Khê, Mộ Lao, Nguyễn Trãi, Phú La, ' +
    'Phú Lãm, Phú Lương, Phúc La, Quang Trung, Vạn Phúc, Văn Quán, Yên Nghĩa, Yết Kiêu'),
  {
    code: 'STA', name: 'Sơn Tây', kind: 'thi_xa', townships: [],
    wards: list('Lê Lợi, Ngô Quyền, Phú Thịnh, Quang Trung, Sơn Lộc, Trung Hưng, Trung Sơn Trầm, Viên Sơn, Xuân Khanh'),
    communes: list('Cổ Đông, Đường Lâm, Kim Sơn, Sơn Đông, Thanh Mỹ, Xuân Sơn'),
  },
  huyen('BVI', 'Ba Vì', 'Tây Đằng', 'Ba Trại, Ba Vì, Cẩm Lĩnh, Cam Thượng, Châu Sơn, Chu Minh, Cổ Đô, Đông Quang, ' +
    'Đồng Thái, Khánh Thượng, Minh Châu, Minh Quang, Phong Vân, Phú Châu, Phú Cường, Phú Đông, Phú Phương, ' +
    'Phú Sơn, Sơn Đà, Tản Hồng, Tản Lĩnh, Thái Hòa, Thuần Mỹ, Thụy An, Tiên Phong, Tòng Bạt, Vân Hòa, Vạn Thắng, ' +
    'Vật Lại, Yên Bài'),
  huyen('CMY', 'Chương Mỹ', 'Chúc Sơn, Xuân Mai', 'Đại Yên, Đông Phương Yên, Đông Sơn, Đồng Lạc, Đồng Phú, ' +
    'Hòa Chính, Hoàng Diệu, Hoàng Văn Thụ, Hồng Phong, Hợp Đồng, Hữu Văn, Lam Điền, Mỹ Lương, Nam Phương Tiến, ' +
    'Ngọc Hòa, Phú Nam An, Phú Nghĩa, Phụng Châu, Quảng Bị, Tân Tiến, Thanh Bình, Thủy Xuân Tiên, Thượng Vực, ' +
    'Thụy Hương, Tiên Phương, Tốt Động, Trần Phú, Trung Hòa, Trường Yên, Văn Võ'),
  huyen('DPH', 'Đan Phượng', 'Phùng', 'Đan Phượng, Đồng Tháp, Hạ Mỗ, Hồng Hà, Liên Hà, Liên Hồng, Liên Trung, ' +
    'Phương Đình, Song Phượng, Tân Hội, Tân Lập, Thọ An, Thọ Xuân, Thượng Mỗ, Trung Châu'),
  huyen('DAN', 'Đông Anh', 'Đông Anh', 'Bắc Hồng, Cổ Loa, Đại Mạch, Đông Hội, Dục Tú, Hải Bối, Kim Chung, Kim Nỗ, ' +
    'Liên Hà, Mai Lâm, Nam Hồng, Nguyên Khê, Tàm Xá, Thụy Lâm, Tiên Dương, Uy Nỗ, Vân Hà, Vân Nội, Việt Hùng, ' +
    'Vĩnh Ngọc, Võng La, Xuân Canh, Xuân Nộn'),
  huyen('GLA', 'Gia Lâm', 'Trâu Quỳ, Yên Viên', 'Bát Tràng, Cổ Bi, Đa Tốn, Đặng Xá, Đình Xuyên, Đông Dư, Dương Hà, ' +
    'Dương Quang, Dương Xá, Kiêu Kỵ, Kim Lan, Kim Sơn, Lệ Chi, Ninh Hiệp, Phù Đổng, Phú Thị, Trung Mầu, Văn Đức, ' +
    'Yên Thường, Yên Viên'),
  huyen('HDU', 'Hoài Đức', 'Trạm Trôi', 'An Khánh, An Thượng, Cát Quế, Đắc Sở, Di Trạch, Đông La, Đức Giang, ' +
    'Đức Thượng, Dương Liễu, Kim Chung, La Phù, Lại Yên, Minh Khai, Sơn Đồng, Song Phương, Tiền Yên, Vân Canh, ' +
    'Vân Côn, Yên Sở'),
  huyen('MLI', 'Mê Linh', 'Chi Đông, Quang Minh', 'Chu Phan, Đại Thịnh, Hoàng Kim, Kim Hoa, Liên Mạc, Mê Linh, ' +
    'Tam Đồng, Thạch Đà, Thanh Lâm, Tiền Phong, Tiến Thắng, Tiến Thịnh, Tráng Việt, Tự Lập, Vạn Yên, Văn Khê'),
  huyen('MDU', 'Mỹ Đức', 'Đại Nghĩa', 'An Mỹ, An Phú, An Tiến, Bột Xuyên, Đại Hưng, Đốc Tín, Đồng Tâm, Hồng Sơn, ' +
    'Hợp Thanh, Hợp Tiến, Hùng Tiến, Hương Sơn, Lê Thanh, Mỹ Thành, Phù Lưu Tế, Phúc Lâm, Phùng Xá, Thượng Lâm, ' +
    'Tuy Lai, Vạn Kim, Xuy Xá'),
  huyen('PXU', 'Phú Xuyên', 'Phú Xuyên, Phú Minh', 'Bạch Hạ, Châu Can, Chuyên Mỹ, Đại Thắng, Đại Xuyên, Hoàng Long, ' +
    'Hồng Minh, Hồng Thái, Khai Thái, Minh Tân, Nam Phong, Nam Tiến, Nam Triều, Phú Túc, Phú Yên, Phúc Tiến, ' +
    'Phượng Dực, Quang Lãng, Quang Trung, Sơn Hà, Tân Dân, Tri Thủy, Tri Trung, Văn Hoàng, Vân Từ'),
  huyen('PTH', 'Phúc Thọ', 'Phúc Thọ', 'Hát Môn, Hiệp Thuận, Liên Hiệp, Long Xuyên, Ngọc Tảo, Phúc Hòa, ' +
    'Phụng Thượng, Sen Phương, Tam Hiệp, Tam Thuấn, Thanh Đa, Thọ Lộc, Thượng Cốc, Tích Giang, Trạch Mỹ Lộc, ' +
    'Vân Hà, Vân Nam, Vân Phúc, Võng Xuyên, Xuân Đình'),
  huyen('QOA', 'Quốc Oai', 'Quốc Oai', 'Cấn Hữu, Cộng Hòa, Đại Thành, Đông Xuân, Đông Yên, Hòa Thạch, Liệp Tuyết, ' +
    'Nghĩa Hương, Ngọc Liệp, Ngọc Mỹ, Phú Cát, Phú Mãn, Phượng Cách, Sài Sơn, Tân Hòa, Tân Phú, Thạch Thán, ' +
    'Tuyết Nghĩa, Yên Sơn, Đồng Quang'),
  huyen('SSO', 'Sóc Sơn', 'Sóc Sơn', 'Bắc Phú, Bắc Sơn, Đông Xuân, Đức Hòa, Hiền Ninh, Hồng Kỳ, Kim Lũ, Mai Đình, ' +
    'Minh Phú, Minh Trí, Nam Sơn, Phù Linh, Phù Lỗ, Phú Cường, Phú Minh, Quang Tiến, Tân Dân, Tân Hưng, Tân Minh, ' +
    'Thanh Xuân, Tiên Dược, Trung Giã, Việt Long, Xuân Giang, Xuân Thu'),
  huyen('TTH', 'Thạch Thất', 'Liên Quan', 'Bình Phú, Bình Yên, Cẩm Yên, Cần Kiệm, Canh Nậu, Chàng Sơn, Đại Đồng, ' +
    'Dị Nậu, Đồng Trúc, Hạ Bằng, Hương Ngải, Hữu Bằng, Kim Quan, Lại Thượng, Phú Kim, Phùng Xá, Tân Xã, ' +
    'Thạch Hòa, Thạch Xá, Tiến Xuân, Yên Bình, Yên Trung'),
  huyen('TOA', 'Thanh Oai', 'Kim Bài', 'Bích Hòa, Bình Minh, Cao Dương, Cao Viên, Cự Khê, Dân Hòa, Đỗ Động, ' +
    'Hồng Dương, Kim An, Kim Thư, Liên Châu, Mỹ Hưng, Phương Trung, Tam Hưng, Tân Ước, Thanh Cao, Thanh Mai, ' +
    'Thanh Thùy, Thanh Văn, Xuân Dương'),
  huyen('TTR', 'Thanh Trì', 'Văn Điển', 'Đại Áng, Đông Mỹ, Duyên Hà, Hữu Hòa, Liên Ninh, Ngọc Hồi, Ngũ Hiệp, ' +
    'Tả Thanh Oai, Tam Hiệp, Tân Triều, Thanh Liệt, Tứ Hiệp, Vạn Phúc, Vĩnh Quỳnh, Yên Mỹ'),
  huyen('TTI', 'Thường Tín', 'Thường Tín', 'Chương Dương, Dũng Tiến, Duyên Thái, Hà Hồi, Hiền Giang, Hòa Bình, ' +
    'Hồng Vân, Khánh Hà, Lê Lợi, Liên Phương, Minh Cường, Nghiêm Xuyên, Nguyễn Trãi, Nhị Khê, Ninh Sở, Quất Động, ' +
    'Tân Minh, Thắng Lợi, Thống Nhất, Thư Phú, Tiền Phong, Tô Hiệu, Tự Nhiên, Vạn Điểm, Văn Bình, Văn Phú, ' +
    'Văn Tự, Vân Tảo'),
  huyen('UHO', 'Ứng Hòa', 'Vân Đình', 'Cao Thành, Đại Cường, Đại Hùng, Đội Bình, Đông Lỗ, Đồng Tân, Đồng Tiến, ' +
    'Hòa Lâm, Hòa Nam, Hòa Phú, Hòa Xá, Hoa Sơn, Hồng Quang, Kim Đường, Liên Bạt, Lưu Hoàng, Minh Đức, Phù Lưu, ' +
    'Phương Tú, Quảng Phú Cầu, Sơn Công, Tảo Dương Văn, Trầm Lộng, Trung Tú, Trường Thịnh, Vạn Thái, Viên An, ' +
    'Viên Nội'),
];

/** Wards, then townships, then communes of one district, in that order. */
export function wardsOf(district: HanoiDistrict): HanoiWard[] {
  return [
    ...district.wards.map((name): HanoiWard => ({ name, kind: 'phuong' })),
    ...district.townships.map((name): HanoiWard => ({ name, kind: 'thi_tran' })),
    ...district.communes.map((name): HanoiWard => ({ name, kind: 'xa' })),
  ];
}

/** "quận Ba Đình", "thị trấn Tây Đằng": as written inside a sentence or a unit name. */
export const districtInText = (d: HanoiDistrict): string => `${DISTRICT_KIND_LABEL[d.kind].toLowerCase()} ${d.name}`;
export const wardInText = (w: HanoiWard): string => `${WARD_KIND_LABEL[w.kind].toLowerCase()} ${w.name}`;
/** The district's party committee: "Quận ủy Ba Đình", "Huyện ủy Ba Vì", "Thị ủy Sơn Tây". */
export const districtCommittee = (d: HanoiDistrict): string =>
  `${{ quan: 'Quận', huyen: 'Huyện', thi_xa: 'Thị' }[d.kind]} ủy ${d.name}`;

/** "Quận Ba Đình", "Thị xã Sơn Tây". */
export const districtLabel = (d: HanoiDistrict): string => `${DISTRICT_KIND_LABEL[d.kind]} ${d.name}`;
/** "Phường Phúc Xá", "Thị trấn Tây Đằng". */
export const wardLabel = (w: HanoiWard): string => `${WARD_KIND_LABEL[w.kind]} ${w.name}`;

export const HANOI_AGENCIES: readonly HanoiAgency[] = [
  { code: 'VP-TU', name: 'Văn phòng Thành ủy' },
  { code: 'VP-HDND', name: 'Văn phòng Đoàn ĐBQH và HĐND Thành phố' },
  { code: 'VP-UBND', name: 'Văn phòng UBND Thành phố' },
  { code: 'BAN-TC', name: 'Ban Tổ chức Thành ủy' },
  { code: 'BAN-TG', name: 'Ban Tuyên giáo Thành ủy' },
  { code: 'BAN-DV', name: 'Ban Dân vận Thành ủy' },
  { code: 'BAN-NC', name: 'Ban Nội chính Thành ủy' },
  { code: 'UBKT-TU', name: 'Ủy ban Kiểm tra Thành ủy' },
  { code: 'MTTQ-TP', name: 'Ủy ban MTTQ Việt Nam Thành phố' },
  { code: 'SO-NOIVU', name: 'Sở Nội vụ' },
  { code: 'SO-TAICHINH', name: 'Sở Tài chính' },
  { code: 'SO-KHDT', name: 'Sở Kế hoạch và Đầu tư' },
  { code: 'SO-TUPHAP', name: 'Sở Tư pháp' },
  { code: 'SO-XAYDUNG', name: 'Sở Xây dựng' },
  { code: 'SO-GTVT', name: 'Sở Giao thông vận tải' },
  { code: 'SO-QHKT', name: 'Sở Quy hoạch - Kiến trúc' },
  { code: 'SO-TNMT', name: 'Sở Tài nguyên và Môi trường' },
  { code: 'SO-NNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn' },
  { code: 'SO-CONGTHUONG', name: 'Sở Công Thương' },
  { code: 'SO-KHCN', name: 'Sở Khoa học và Công nghệ' },
  { code: 'SO-TTTT', name: 'Sở Thông tin và Truyền thông' },
  { code: 'SO-GDDT', name: 'Sở Giáo dục và Đào tạo' },
  { code: 'SO-YTE', name: 'Sở Y tế' },
  { code: 'SO-LDTBXH', name: 'Sở Lao động - Thương binh và Xã hội' },
  { code: 'SO-VHTT', name: 'Sở Văn hóa và Thể thao' },
  { code: 'SO-DULICH', name: 'Sở Du lịch' },
  { code: 'SO-NGOAIVU', name: 'Sở Ngoại vụ' },
  { code: 'THANHTRA-TP', name: 'Thanh tra Thành phố' },
  { code: 'BAN-DANTOC', name: 'Ban Dân tộc Thành phố' },
  { code: 'CA-TP', name: 'Công an Thành phố' },
  { code: 'BTL-THUDO', name: 'Bộ Tư lệnh Thủ đô Hà Nội' },
  { code: 'CUC-THUE', name: 'Cục Thuế Thành phố' },
  { code: 'KBNN-HN', name: 'Kho bạc Nhà nước Hà Nội' },
  { code: 'TAND-TP', name: 'Tòa án nhân dân Thành phố' },
  { code: 'VKSND-TP', name: 'Viện Kiểm sát nhân dân Thành phố' },
  { code: 'LDLD-TP', name: 'Liên đoàn Lao động Thành phố' },
  { code: 'THANHDOAN', name: 'Thành đoàn Hà Nội' },
  { code: 'HLHPN-TP', name: 'Hội Liên hiệp Phụ nữ Thành phố' },
  { code: 'HND-TP', name: 'Hội Nông dân Thành phố' },
  { code: 'HCCB-TP', name: 'Hội Cựu chiến binh Thành phố' },
];
