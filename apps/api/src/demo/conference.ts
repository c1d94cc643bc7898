import type { AgendaItemInput, CreateConferenceRequest } from '@bridgepoint/contracts';

/** Asia/Ho_Chi_Minh is UTC+7 all year round. */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The three people chairing the demo conference (fictional). */
export const DEMO_CHAIRS = [
  'đồng chí Trần Minh Khang, Ủy viên Trung ương Đảng, Bí thư Thành ủy',
  'đồng chí Lê Thu Hà, Phó Bí thư Thường trực Thành ủy',
  'đồng chí Phạm Quang Vinh, Phó Bí thư Thành ủy, Chủ tịch UBND Thành phố',
] as const;

/** Every agenda field filled in; still a valid `AgendaItemInput`. */
export type DemoAgendaItem = { [K in keyof AgendaItemInput]-?: NonNullable<AgendaItemInput[K]> };

export type DemoConference = Required<Pick<CreateConferenceRequest, 'title' | 'description' | 'startsAt' | 'endsAt'>> & {
  agenda: DemoAgendaItem[];
};

const AGENDA: ReadonlyArray<readonly [title: string, speaker: string, minutes: number]> = [
  ['Tuyên bố lý do, giới thiệu đại biểu', 'Đồng chí Đỗ Thanh Tùng, Chánh Văn phòng Thành ủy', 10],
  ['Phát biểu khai mạc hội nghị', 'Đồng chí Lê Thu Hà, Phó Bí thư Thường trực Thành ủy', 10],
  [
    'Báo cáo chuyên đề: Những nội dung cơ bản, cốt lõi của Nghị quyết Đại hội',
    'Đồng chí Nguyễn Ngọc Lan, Trưởng Ban Tuyên giáo Thành ủy',
    50,
  ],
  [
    'Báo cáo Kế hoạch của Thành ủy thực hiện Nghị quyết Đại hội',
    'Đồng chí Phạm Quang Vinh, Phó Bí thư Thành ủy, Chủ tịch UBND Thành phố',
    25,
  ],
  ['Tham luận của Quận ủy Hoàn Kiếm', 'Đồng chí Vũ Đức Thắng, Bí thư Quận ủy Hoàn Kiếm', 15],
  ['Tham luận của Sở Kế hoạch và Đầu tư', 'Đồng chí Hoàng Thị Minh Thư, Giám đốc Sở Kế hoạch và Đầu tư', 15],
  ['Tham luận của Huyện ủy Sóc Sơn', 'Đồng chí Bùi Văn Hưng, Bí thư Huyện ủy Sóc Sơn', 15],
  ['Phát biểu chỉ đạo', 'Đồng chí Trần Minh Khang, Ủy viên Trung ương Đảng, Bí thư Thành ủy', 50],
  ['Kết luận và bế mạc hội nghị', 'Đồng chí Lê Thu Hà, Phó Bí thư Thường trực Thành ủy', 20],
];

/** A moment in Hà Nội time, `days` after the local date of `now`. */
function hanoiTime(now: Date, days: number, hours: number, minutes: number): Date {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const utc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hours, minutes);
  return new Date(utc - VN_OFFSET_MS);
}

/** The demo conference: tomorrow (Hà Nội time) from 08:00 to 11:30, nine agenda items back to back. */
export function conferenceDemo(now: Date = new Date()): DemoConference {
  const startsAt = hanoiTime(now, 1, 8, 0);
  let at = startsAt.getTime();
  const agenda = AGENDA.map(([title, speaker, durationMinutes]) => {
    const item = { title, speaker, plannedStart: new Date(at).toISOString(), durationMinutes };
    at += durationMinutes * 60_000;
    return item;
  });
  return {
    title:
      'Hội nghị trực tuyến toàn thành phố quán triệt, triển khai thực hiện Nghị quyết Đại hội đại biểu ' +
      'Đảng bộ thành phố Hà Nội lần thứ XVIII',
    description:
      `Hội nghị do ${DEMO_CHAIRS.join('; ')} chủ trì. ` +
      'Kết nối trực tuyến từ điểm cầu chính tại Hội trường Thành ủy tới 30 quận, huyện, thị xã, ' +
      '579 xã, phường, thị trấn và 40 sở, ban, ngành, đoàn thể Thành phố.',
    startsAt: startsAt.toISOString(),
    endsAt: hanoiTime(now, 1, 11, 30).toISOString(),
    agenda,
  };
}
