import type { AttendanceSummary, ConferencePointDto } from '@bridgepoint/contracts';
import { io, Socket } from 'socket.io-client';
import { TestApp, waitForJob } from './harness';

export const POINTS_CSV = [
  'Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu,Người phụ trách,Số điện thoại',
  'BDI-01,Điểm cầu Phúc Xá,Ba Đình,Phúc Xá,3,Nguyễn Văn An,0912000001',
  'BDI-02,Điểm cầu Trúc Bạch,Ba Đình,Trúc Bạch,2,Trần Thị Bình,0912000002',
  'HKI-01,Điểm cầu Hàng Bạc,Hoàn Kiếm,Hàng Bạc,2,Lê Văn Cường,0912000003',
].join('\n');

export const DELEGATES_CSV = [
  'Mã đại biểu,Họ và tên,Mã điểm cầu',
  'DB-1,Nguyễn Văn Ánh,BDI-01',
  'DB-2,Trần Thị Hoa,BDI-01',
  'DB-3,Lê Minh Tuấn,BDI-01',
  'DB-4,Phạm Thu Hà,BDI-02',
  'DB-5,Vũ Đức Long,BDI-02',
  'DB-6,Đỗ Văn Nam,HKI-01',
  'DB-7,Hoàng Thị Mai,HKI-01',
].join('\n');

export interface Event {
  id: string;
  organizer: string;
  points: Record<string, ConferencePointDto>;
  /** Operator token per point code. */
  operators: Record<string, string>;
}

/** `n` points in two districts with two delegates each, as import files. */
export function manyPoints(n: number): { points: string; delegates: string } {
  const points = ['Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu,Số điện thoại'];
  const delegates = ['Mã đại biểu,Họ và tên,Mã điểm cầu'];
  for (let i = 1; i <= n; i++) {
    const code = `P-${String(i).padStart(3, '0')}`;
    points.push(`${code},Điểm cầu số ${i},${i % 2 ? 'Ba Đình' : 'Hoàn Kiếm'},Phường ${i},2,09120${String(i).padStart(5, '0')}`);
    delegates.push(`D-${i}-1,Đại biểu ${i} A,${code}`, `D-${i}-2,Đại biểu ${i} B,${code}`);
  }
  return { points: points.join('\n'), delegates: delegates.join('\n') };
}

/** A conference with three points and seven delegates (or the given files), imported through the API, with operator sessions. */
export async function seedEvent(t: TestApp, files: { points: string; delegates: string } = { points: POINTS_CSV, delegates: DELEGATES_CSV }): Promise<Event> {
  const organizer = await t.userToken('organizer');
  const auth = { Authorization: `Bearer ${organizer}` };
  const conf = await t.http().post('/api/conferences').set(auth).send({ title: 'Hội nghị', startsAt: '2026-12-01T01:00:00Z' }).expect(201);
  for (const [path, csv] of [['/api/bridge-points/import', files.points], ['/api/delegates/import', files.delegates]]) {
    const res = await t.http().post(path).set(auth).attach('file', Buffer.from(csv), 'f.csv').field('conferenceId', conf.body.id).expect(202);
    const job = await waitForJob(t, organizer, res.body.jobId);
    if (job.result.errorCount !== 0) throw new Error(JSON.stringify(job.result.errors));
  }
  const list = await t.http().get(`/api/conferences/${conf.body.id}/points`).set(auth).expect(200);
  const points: Record<string, ConferencePointDto> = {};
  const operators: Record<string, string> = {};
  for (const p of list.body as ConferencePointDto[]) {
    points[p.code] = p;
    const s = await t.http().post('/api/point-sessions').send({ joinCode: p.joinCode }).expect(201);
    operators[p.code] = s.body.accessToken;
  }
  return { id: conf.body.id, organizer, points, operators };
}

/** A `/live` client that records what it receives. */
export function liveClient(url: string, token: string, conferenceId: string) {
  const socket: Socket = io(`${url}/live`, { auth: { token, conferenceId }, transports: ['websocket'], reconnection: false, forceNew: true });
  const summaries: AttendanceSummary[] = [];
  const errors: { code: string; message: string }[] = [];
  socket.on('attendance.summary', (s: AttendanceSummary) => summaries.push(s));
  socket.on('live.error', (e: { code: string; message: string }) => errors.push(e));
  return {
    socket,
    summaries,
    errors,
    /** Resolves with the first summary (already received or upcoming) that satisfies the predicate. */
    async waitFor(pred: (s: AttendanceSummary) => boolean, timeoutMs = 5000): Promise<AttendanceSummary> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = summaries.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching summary in ${timeoutMs} ms; last: ${JSON.stringify(summaries.at(-1)?.points)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => socket.close(),
  };
}
