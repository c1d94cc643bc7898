import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { delegatesCsv, pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * A delegate on their own phone: the room's check-in screen shows a QR code (the operator's page opens
 * it); the phone opens its address, says who it is, checks in with one tap; the control room counts it.
 * A second phone for the same delegate is refused.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;

describe('delegates on their phones (browser)', () => {
  let harness: Harness;
  let control: Page;
  let room: BrowserContext;
  let phone: BrowserContext;

  beforeAll(async () => {
    harness = await startHarness();
    control = harness.page;
    room = await harness.newContext({ viewport: { width: 1280, height: 720 } });
    phone = await harness.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it(
    'checks a delegate in from the room’s QR code to the control room, one phone per delegate',
    async () => {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị kiểm thử điểm danh bằng điện thoại',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
        agenda: [{ title: 'Khai mạc', plannedStart: new Date(Date.now() - 60_000).toISOString(), durationMinutes: 15 }],
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));
      await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'scheduled' });
      await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'live' });
      const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
      const point = points.find((p) => p.code === EVENT.points[0]!.code)!;
      const delegate = EVENT.delegates.find((d) => d.pointCode === point.code)!;

      // The control room, before.
      await control.setViewportSize({ width: 1920, height: 1080 });
      await control.goto(`${harness.baseUrl}/login`);
      await control.fill('input[name=username]', harness.admin.username);
      await control.fill('input[name=password]', harness.admin.password);
      await control.click('button[type=submit]');
      await control.waitForURL(/\/conferences$/);
      await control.goto(`${harness.baseUrl}/conferences/${conference.id}/control`);
      await waitForState(control, '[data-testid=control-connection]', 'connected');
      const before = Number((await waitForTestId(control, 'control-delegates-checked-in', /\d/)).split('/')[0].replace(/\D/g, ''));

      // The room's screen, opened from the operator's page.
      const screen = await room.newPage();
      await screen.goto(`${harness.baseUrl}/point/${point.joinCode}`);
      await screen.click('[data-testid=open-checkin-screen]');
      const qr = screen.locator('[data-testid=checkin-screen] [data-room-url]');
      await qr.waitFor();
      const url = (await qr.getAttribute('data-room-url'))!;
      expect(url).toMatch(/\/d\/[A-Za-z0-9_-]{62}$/);
      if (SHOTS) await screen.screenshot({ path: `${SHOTS}/checkin-screen.png` });

      // The delegate's phone: the code on the invitation, then one tap.
      const mine = await phone.newPage();
      await mine.goto(url.replace(/^https?:\/\/[^/]+/, harness.baseUrl));
      await mine.fill('input[name=delegateCode]', delegate.code.toLowerCase());
      if (SHOTS) await mine.screenshot({ path: `${SHOTS}/delegate-identify.png`, fullPage: true });
      await mine.click('[data-testid=delegate-identify] button[type=submit]');
      await mine.locator('[data-testid=delegate-check-in]').click();
      await waitForTestId(mine, 'delegate-checked-in', /\d{1,2}:\d{2}/);
      await waitForTestId(mine, 'delegate-public', /Khai mạc/);
      if (SHOTS) await mine.screenshot({ path: `${SHOTS}/delegate-checked-in.png`, fullPage: true });

      // The control room counts it, and the room's screen too.
      await waitForTestId(control, 'control-delegates-checked-in', new RegExp(`^${before + 1}\\b`));
      await waitForTestId(screen, 'checkin-count', /^1 \//);

      // A reload keeps the session; another phone for the same delegate is refused with a clear message.
      await mine.reload();
      await waitForTestId(mine, 'delegate-checked-in', /\d{1,2}:\d{2}/);
      const other = await (await harness.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })).newPage();
      await other.goto(url.replace(/^https?:\/\/[^/]+/, harness.baseUrl));
      await other.fill('input[name=delegateCode]', delegate.code);
      await other.click('[data-testid=delegate-identify] button[type=submit]');
      await other.locator('[data-testid=delegate-identify] .notice-error').waitFor();
      expect(await other.locator('[data-testid=delegate-identify] .notice-error').textContent()).toContain('điện thoại khác');
    },
    120_000,
  );
});
