import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { delegatesCsv, pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * The operator page on a 390×844 phone: the point's name and the check-in button on the first screen,
 * the broadcast folded until tapped, the point's header still on screen after scrolling the roster, and
 * a question before leaving while a check-in waits in the outbox. The same page on a 1440 screen keeps
 * every section open.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;
const PHONE = { width: 390, height: 844 };

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} has no box (not rendered)`);
  return found;
}

/** The element lies entirely inside the phone's screen as it is now. */
async function expectOnScreen(locator: Locator): Promise<void> {
  const { x, y, width, height } = await box(locator);
  expect(x).toBeGreaterThanOrEqual(0);
  expect(y).toBeGreaterThanOrEqual(0);
  expect(x + width).toBeLessThanOrEqual(PHONE.width);
  expect(y + height).toBeLessThanOrEqual(PHONE.height);
}

async function dialogsWithin(dialogs: string[], count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (dialogs.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describe('operator page on a phone (browser)', () => {
  let harness: Harness;
  let phone: BrowserContext;

  beforeAll(async () => {
    harness = await startHarness();
    phone = await harness.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it(
    'puts the point and its check-in first, folds the broadcast, keeps the header on top and asks before leaving with queued actions',
    async () => {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị kiểm thử trang điểm cầu trên điện thoại',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
        agenda: [
          { title: 'Khai mạc', plannedStart: new Date().toISOString(), durationMinutes: 15 },
          { title: 'Báo cáo tình hình kinh tế - xã hội', durationMinutes: 45 },
          { title: 'Thảo luận', durationMinutes: 60 },
        ],
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));
      await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'scheduled' });
      await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'live' });
      const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
      const point = points.find((p) => p.code === EVENT.points[0]!.code)!;
      const delegates = EVENT.delegates.filter((d) => d.pointCode === point.code);
      expect(delegates.length).toBeGreaterThan(5);

      // Every screen lock the page takes is kept where the test can release it (as the browser does on a hidden page).
      await phone.addInitScript(() => {
        const wakeLock = navigator.wakeLock as WakeLock | undefined;
        if (!wakeLock) return;
        const request = wakeLock.request.bind(wakeLock);
        const w = window as unknown as { __wakeLocks: WakeLockSentinel[] };
        w.__wakeLocks = [];
        wakeLock.request = async (type) => {
          const sentinel = await request(type);
          w.__wakeLocks.push(sentinel);
          return sentinel;
        };
      });
      const operator: Page = await phone.newPage();
      await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
      await waitForTestId(operator, 'operator-point-name', new RegExp(point.name.replace(/[()]/g, '.')));
      await waitForTestId(operator, 'operator-point-code', new RegExp(`^${point.code}$`));
      await waitForTestId(operator, 'operator-conference-title', /trên điện thoại/);
      await waitForState(operator, '[data-testid=operator-connection]', 'connected');
      await waitForState(operator, '[data-testid=operator-point-status]', 'expected');
      await operator.locator('[data-testid=operator-roster] [data-code]').first().waitFor();

      // The first screen, unscrolled: which point, its state, and the button to check it in.
      expect(await operator.evaluate(() => window.scrollY)).toBe(0);
      await expectOnScreen(operator.getByTestId('operator-point-name'));
      await expectOnScreen(operator.getByTestId('operator-point-status'));
      await expectOnScreen(operator.getByTestId('operator-connection'));
      await expectOnScreen(operator.getByTestId('operator-check-in'));
      // The screen is kept awake while the conference is live (headless Chromium grants the lock).
      await operator.locator('.operator[data-wake-lock="held"]').waitFor({ timeout: 5000 });
      // Released (the page hidden, a battery saver), the lock is asked for again when the page is visible.
      await operator.evaluate(() => (window as unknown as { __wakeLocks: WakeLockSentinel[] }).__wakeLocks.at(-1)!.release());
      await operator.locator('.operator[data-wake-lock="off"]').waitFor({ timeout: 5000 });
      await operator.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await operator.locator('.operator[data-wake-lock="held"]').waitFor({ timeout: 5000 });
      expect(await operator.evaluate(() => (window as unknown as { __wakeLocks: WakeLockSentinel[] }).__wakeLocks.length)).toBe(2);

      // The broadcast and the agenda are folded; a tap opens the broadcast.
      const media = operator.getByTestId('operator-media-section');
      expect(await media.getAttribute('data-state')).toBe('closed');
      expect(await operator.getByTestId('operator-agenda-section').getAttribute('data-state')).toBe('closed');
      expect(await operator.getByTestId('broadcast-player').isVisible()).toBe(false);
      const checkInTop = (await box(operator.getByTestId('operator-check-in'))).y;
      const mediaTop = (await box(media)).y;
      expect(mediaTop).toBeGreaterThan(checkInTop);
      if (SHOTS) await operator.screenshot({ path: `${SHOTS}/operator-phone-top.png` });
      await operator.getByTestId('operator-media-section-toggle').tap();
      await waitForState(operator, '[data-testid=operator-media-section]', 'open');
      await operator.getByTestId('broadcast-player').waitFor({ state: 'visible' });
      await operator.getByTestId('uplink-toggle').waitFor({ state: 'visible' });
      await operator.getByTestId('operator-media-section-toggle').tap();
      await waitForState(operator, '[data-testid=operator-media-section]', 'closed');

      // Scrolled down to the end of the roster: the header is still at the top of the screen.
      const lastRow = operator.locator('[data-testid=operator-roster] [data-code]').last();
      await lastRow.scrollIntoViewIfNeeded();
      expect(await operator.evaluate(() => window.scrollY)).toBeGreaterThan(400);
      const header = await box(operator.getByTestId('operator-header'));
      expect(header.y).toBeGreaterThanOrEqual(0);
      expect(header.y).toBeLessThan(20);
      await expectOnScreen(operator.getByTestId('operator-point-name'));
      await expectOnScreen(operator.getByTestId('operator-point-status'));
      if (SHOTS) await operator.screenshot({ path: `${SHOTS}/operator-phone-scrolled.png` });

      // Offline, a delegate marked present waits in the outbox: leaving now asks first.
      const dialogs: string[] = [];
      operator.on('dialog', (dialog) => {
        dialogs.push(dialog.type());
        void dialog.dismiss();
      });
      const row = operator.locator(`[data-testid=operator-roster] [data-code="${delegates[0]!.code}"]`);
      await phone.setOffline(true);
      await waitForState(operator, '[data-testid=operator-connection]', 'offline');
      await row.locator('button').tap();
      await operator.locator('[data-testid=operator-pending][data-count="1"]').waitFor();
      await waitForState(operator, `[data-code="${delegates[0]!.code}"]`, 'pending');
      await operator.close({ runBeforeUnload: true });
      await dialogsWithin(dialogs, 1, 5000);
      expect(dialogs).toEqual(['beforeunload']);
      // Staying (the question dismissed) keeps the page and its queue.
      await new Promise((r) => setTimeout(r, 300));
      expect(operator.isClosed()).toBe(false);
      await operator.locator('[data-testid=operator-pending][data-count="1"]').waitFor();

      // Back online, the queue empties and the page closes without a question.
      await phone.setOffline(false);
      await operator.locator('[data-testid=operator-pending][data-count="0"]').waitFor({ timeout: 30_000 });
      await waitForState(operator, `[data-code="${delegates[0]!.code}"]`, 'checked-in');
      const closed = new Promise<void>((resolve) => operator.once('close', () => resolve()));
      await operator.close({ runBeforeUnload: true });
      await closed;
      expect(dialogs).toEqual(['beforeunload']);

      // A wide screen: the same page keeps the broadcast and the agenda open.
      const desk = await harness.newContext({ viewport: { width: 1440, height: 900 } });
      const wide = await desk.newPage();
      await wide.goto(`${harness.baseUrl}/point/${point.joinCode}`);
      await waitForState(wide, '[data-testid=operator-connection]', 'connected');
      await waitForState(wide, '[data-testid=operator-media-section]', 'open');
      await waitForState(wide, '[data-testid=operator-agenda-section]', 'open');
      await wide.getByTestId('broadcast-player').waitFor({ state: 'visible' });
      await wide.getByTestId('operator-check-in').waitFor({ state: 'visible' });
      if (SHOTS) await wide.screenshot({ path: `${SHOTS}/operator-wide.png` });
    },
    180_000,
  );
});
