import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperatorLinksResponse } from '@bridgepoint/contracts';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DELEGATES_CSV, Event, seedEvent } from './fixtures';
import { startTestApp, TestApp, waitForJob } from './harness';

/**
 * Getting 649 links to 649 operators: every link is built on PUBLIC_URL, mailed through a real SMTP server
 * (started here, on this machine) or posted to an SMS gateway's webhook, and each delivery is recorded.
 */

const POINTS_WITH_EMAIL = [
  'Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu,Người phụ trách,Số điện thoại,Email',
  'BDI-01,Điểm cầu Phúc Xá,Ba Đình,Phúc Xá,3,Nguyễn Văn An,0912000001,phucxa@badinh.example.vn',
  'BDI-02,Điểm cầu Trúc Bạch,Ba Đình,Trúc Bạch,2,Trần Thị Bình,0912000002,REFUSED@Badinh.Example.VN',
  'HKI-01,Điểm cầu Hàng Bạc,Hoàn Kiếm,Hàng Bạc,2,Lê Văn Cường,0912000003,',
].join('\n');

interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** A real SMTP server: accepts mail for anyone but `refused@…`, keeps what it received. */
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().startsWith('refused@')) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '');
          mails.push({ to, subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('links to operators', () => {
  let t: TestApp;
  let e: Event;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let gateway: HttpServer;
  const texts: { to: string; text: string; auth: string | undefined }[] = [];
  const bearer = () => ({ Authorization: `Bearer ${e.organizer}` });

  beforeAll(async () => {
    smtp = await startSmtp();
    gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const msg = JSON.parse(body) as { to: string; text: string };
        texts.push({ ...msg, auth: req.headers.authorization });
        // The gateway does not know one number: the delivery must say so.
        res.statusCode = msg.to === '0912000003' ? 422 : 200;
        res.end(msg.to === '0912000003' ? 'unknown subscriber' : 'ok');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    t = await startTestApp(undefined, {
      PUBLIC_URL: 'https://hoinghi.hanoi.example.vn/',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Ban tổ chức <bantochuc@hanoi.example.vn>',
      SMS_WEBHOOK_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`,
      SMS_WEBHOOK_TOKEN: 'gateway-secret',
    });
    e = await seedEvent(t, { points: POINTS_WITH_EMAIL, delegates: DELEGATES_CSV });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    gateway?.close();
  });

  const links = async () => (await t.http().get(`/api/conferences/${e.id}/links`).set(bearer()).expect(200)).body as OperatorLinksResponse;

  it('builds every link on PUBLIC_URL, with the operators imported from the file (email addresses included)', async () => {
    const list = await links();
    expect(list).toMatchObject({ publicUrl: 'https://hoinghi.hanoi.example.vn', publicUrlWarning: null, channels: { email: true, sms: true } });
    const phucXa = list.points.find((p) => p.code === 'BDI-01')!;
    expect(phucXa).toMatchObject({
      operatorEmail: 'phucxa@badinh.example.vn',
      link: `https://hoinghi.hanoi.example.vn/point/${encodeURIComponent(e.points['BDI-01'].joinCode)}`,
      email: null,
    });
    // The domain is lower-cased, the mailbox kept as written.
    expect(list.points.find((p) => p.code === 'BDI-02')!.operatorEmail).toBe('REFUSED@badinh.example.vn');

    const csv = await t.http().get(`/api/conferences/${e.id}/links/export`).set(bearer()).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('Mã điểm cầu,Tên điểm cầu');
    expect(csv.text).toContain(phucXa.link);
  });

  it('mails each operator its own point’s link, and records who got it and whose server refused it', async () => {
    const sent = await t.http().post(`/api/conferences/${e.id}/links/send`).set(bearer()).send({ channel: 'email' }).expect(202);
    expect(sent.body).toMatchObject({ queued: 2, withoutAddress: 1 });
    const job = await waitForJob(t, e.organizer, sent.body.jobId);
    expect(job.result).toEqual({ channel: 'email', sent: 1, failed: 1 });

    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.to).toBe('phucxa@badinh.example.vn');
    expect(mail.subject).toContain('Điểm cầu Phúc Xá');
    expect(mail.text).toContain(`https://hoinghi.hanoi.example.vn/point/${encodeURIComponent(e.points['BDI-01'].joinCode)}`);
    // No other point's code travels in this operator's mail.
    expect(mail.text).not.toContain(e.points['BDI-02'].joinCode);

    const list = await links();
    expect(list.points.find((p) => p.code === 'BDI-01')!.email).toMatchObject({ status: 'sent', recipient: 'phucxa@badinh.example.vn', attempts: 1, error: null });
    expect(list.points.find((p) => p.code === 'BDI-02')!.email).toMatchObject({ status: 'failed', attempts: 1, error: expect.stringMatching(/550|unavailable/i) });
    expect(list.points.find((p) => p.code === 'HKI-01')!.email).toBeNull();

    // Sending again "only to those not reached" leaves the delivered one alone.
    const again = await t.http().post(`/api/conferences/${e.id}/links/send`).set(bearer()).send({ channel: 'email', onlyUnsent: true }).expect(202);
    expect(again.body.queued).toBe(1);
    await waitForJob(t, e.organizer, again.body.jobId);
    expect(smtp.mails).toHaveLength(1);
    expect((await links()).points.find((p) => p.code === 'BDI-02')!.email).toMatchObject({ status: 'failed', attempts: 2 });
  }, 30_000);

  it('posts the SMS template to the gateway with its token, and keeps the gateway’s refusal', async () => {
    const sent = await t.http().post(`/api/conferences/${e.id}/links/send`).set(bearer()).send({ channel: 'sms' }).expect(202);
    expect(sent.body).toMatchObject({ queued: 3, withoutAddress: 0 });
    const job = await waitForJob(t, e.organizer, sent.body.jobId);
    expect(job.result).toEqual({ channel: 'sms', sent: 2, failed: 1 });
    const toHangBac = texts.find((m) => m.to === '0912000003')!;
    expect(toHangBac.auth).toBe('Bearer gateway-secret');
    expect(toHangBac.text).toBe(`Hội nghị: đường dẫn điểm cầu Điểm cầu Hàng Bạc (HKI-01): https://hoinghi.hanoi.example.vn/point/${encodeURIComponent(e.points['HKI-01'].joinCode)}`);
    const list = await links();
    expect(list.points.find((p) => p.code === 'HKI-01')!.sms).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 422') });
    expect(list.points.find((p) => p.code === 'BDI-02')!.sms).toMatchObject({ status: 'sent', recipient: '0912000002' });
  }, 30_000);

  it('refuses bad requests with a reason', async () => {
    const bad = await t.http().post(`/api/conferences/${e.id}/links/send`).set(bearer()).send({ channel: 'fax' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const stranger = await t
      .http()
      .post(`/api/conferences/${e.id}/links/send`)
      .set(bearer())
      .send({ channel: 'email', pointIds: ['7d7c7c1e-3b5e-4a8e-9a55-0d5c3b9b5a11'] })
      .expect(404);
    expect(stranger.body.code).toBe('POINT_NOT_IN_CONFERENCE');
  });
});

describe('links without a public address', () => {
  let t: TestApp;
  let e: Event;
  beforeAll(async () => {
    t = await startTestApp(undefined, { PUBLIC_URL: 'http://localhost:3000', SMTP_URL: 'smtp://127.0.0.1:9' });
    e = await seedEvent(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('warns that links point to this machine, and refuses to send them', async () => {
    const list = (await t.http().get(`/api/conferences/${e.id}/links`).set({ Authorization: `Bearer ${e.organizer}` }).expect(200)).body as OperatorLinksResponse;
    expect(list).toMatchObject({ publicUrl: 'http://localhost:3000', publicUrlWarning: 'loopback', channels: { email: true, sms: false } });
    const refused = await t.http().post(`/api/conferences/${e.id}/links/send`).set({ Authorization: `Bearer ${e.organizer}` }).send({ channel: 'email' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'PUBLIC_URL_MISSING', message: expect.stringContaining('localhost') });
  });
});
