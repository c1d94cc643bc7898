import type { AddressInfo } from 'node:net';
import type { ConferenceDto } from '@bridgepoint/contracts';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { delegatesCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForTestId } from './helpers';

/**
 * An organizer sends every point its link by email from the links page: the mails reach a real SMTP server
 * started here, each with its own point's link on PUBLIC_URL, and the page shows who got it and who has no
 * address. The QR sheet and the points page build their links on PUBLIC_URL too.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;
const PUBLIC_URL = 'https://hoinghi.hanoi.example.vn';

describe('links to operators (browser)', () => {
  let harness: Harness;
  let smtp: SMTPServer;
  const mails: { to: string; text: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((m) => {
            mails.push({ to: Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? ''), text: m.text ?? '' });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    harness = await startHarness({ env: { PUBLIC_URL, SMTP_URL: `smtp://127.0.0.1:${port}` } });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  }, 60_000);

  it('mails each operator its link and shows each delivery', async () => {
    const page = harness.page;
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', { title: 'Hội nghị gửi đường dẫn', startsAt: new Date(Date.now() + 3600_000).toISOString() });
      // Two of the three operators have an address.
      const rows = EVENT.points.map((p, i) =>
        [p.code, p.name, p.district ?? '', p.ward ?? '', p.expectedDelegates, p.operatorName ?? '', p.operatorPhone ?? '', i < 2 ? `diemcau${i + 1}@hanoi.example.vn` : ''].join(','),
      );
      const csv = ['Mã điểm cầu,Tên điểm cầu,Quận/Huyện,Phường/Xã,Số đại biểu,Người phụ trách,Số điện thoại,Email', ...rows].join('\n');
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', csv, conference.id);
      await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));

      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`${harness.baseUrl}/conferences/${conference.id}/links`);
      await signInThroughForm(page, harness.admin.username, harness.admin.password, /\/links$/);
      await page.locator('[data-testid=links-page]').waitFor();
      // PUBLIC_URL is set to a public address: no warning, and that address is in the links.
      expect(await page.locator('[data-testid=public-url-warning]').allInnerTexts()).toEqual([]);
      expect(await page.locator('[data-testid=links-page]').innerText()).toContain(PUBLIC_URL);

      await page.locator('[data-testid=links-email] .btn-primary').click();
      await page.locator('dialog[open] .btn-primary').click();
      const [first, second, third] = EVENT.points;
      await waitForTestId(page, `delivery-email-${first!.code}`, /Đã gửi/, 30_000);
      await waitForTestId(page, `delivery-email-${second!.code}`, /Đã gửi/);
      expect(await page.locator(`[data-testid=delivery-email-${third!.code}]`).innerText()).toContain('Không có địa chỉ');
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/links-page.png`, fullPage: true });

      expect(mails.map((m) => m.to).sort()).toEqual(['diemcau1@hanoi.example.vn', 'diemcau2@hanoi.example.vn']);
      const points = await organizer.json<Array<{ code: string; joinCode: string }>>('GET', `/conferences/${conference.id}/points`);
      const joinCode = points.find((p) => p.code === first!.code)!.joinCode;
      const mail = mails.find((m) => m.to === 'diemcau1@hanoi.example.vn')!;
      expect(mail.text).toContain(`${PUBLIC_URL}/point/${encodeURIComponent(joinCode)}`);

      // The QR sheet prints the same public links.
      await page.goto(`${harness.baseUrl}/conferences/${conference.id}/points/qr`);
      await page.locator('.qr-link').first().waitFor();
      expect(await page.locator('.qr-link').allInnerTexts()).toContain(`${PUBLIC_URL}/point/${encodeURIComponent(joinCode)}`);
    } catch (error) {
      console.error(harness.apiOutput());
      throw error;
    }
  }, 120_000);
});
