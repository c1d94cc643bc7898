import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * A notice in two browsers: the organizer sends it from the control room (1920 wide), the operator's phone
 * (390 wide) shows it as a banner, the operator taps "Đã nhận" and the control room's count goes up, live;
 * then the operator and the control room write to each other, with unread badges on both sides.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;

describe('announcements (browser)', () => {
  let harness: Harness;
  let control: Page;
  let phone: BrowserContext;

  beforeAll(async () => {
    harness = await startHarness();
    control = harness.page;
    phone = await harness.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it('reaches the operator page as a banner, its acknowledgement counts in the control room, and the two can chat', async () => {
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị kiểm thử thông báo',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
      const point = points.find((p) => p.code === EVENT.points[0]!.code)!;

      const operator = await phone.newPage();
      await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
      await waitForState(operator, '[data-testid=operator-connection]', 'connected');
      expect(await operator.locator('[data-testid=operator-notices]').count()).toBe(0);

      await control.setViewportSize({ width: 1920, height: 1080 });
      await control.goto(`${harness.baseUrl}/conferences/${conference.id}/control`);
      await signInThroughForm(control, harness.admin.username, harness.admin.password, /\/control$/);
      await waitForState(control, '[data-testid=control-connection]', 'connected');

      const text = 'Các điểm cầu kiểm tra micro và loa trước 8 giờ 15, báo lại Ban tổ chức nếu có sự cố.';
      await control.fill('[data-testid=notice-text]', text);
      await control.click('[data-testid=notice-send]');
      await waitForTestId(control, 'notice-acked', /^Đã nhận 0\/3 điểm cầu$/);

      // The operator's page shows it without a reload, with its button.
      const banner = await waitForTestId(operator, 'operator-notices', /Đã nhận/, 10_000);
      expect(banner).toContain(text);
      const box = await operator.locator('[data-testid=operator-notices]').boundingBox();
      expect(box!.width).toBeLessThanOrEqual(390);
      if (SHOTS) await operator.screenshot({ path: `${SHOTS}/operator-notice-390.png` });

      await operator.click('[data-testid=operator-notice-ack]');
      await operator.locator('[data-testid=operator-notices]').waitFor({ state: 'detached' });
      await waitForTestId(control, 'notice-acked', /^Đã nhận 1\/3 điểm cầu$/, 10_000);
      if (SHOTS) await control.screenshot({ path: `${SHOTS}/control-notices.png`, fullPage: true });

      // The operator writes to the control room: the control room's badge shows one new message; opening the thread reads it.
      await operator.click('[data-testid=operator-chat-toggle]');
      await operator.fill('[data-testid=chat-text]', 'Điểm cầu chưa nghe được tiếng từ hội trường.');
      await operator.click('[data-testid=chat-send]');
      await waitForTestId(operator, 'chat-thread', /chưa nghe được tiếng/);
      await waitForTestId(control, 'threads-unread', /^1 tin mới$/, 10_000);
      await waitForTestId(control, 'threads-item', new RegExp(`${point.code}.*chưa nghe được tiếng`));
      await control.click('[data-testid=threads-item]');
      await waitForTestId(control, 'chat-thread', /chưa nghe được tiếng/);
      await control.locator('[data-testid=threads-unread]').waitFor({ state: 'detached' });
      // The operator has closed its thread: the reply shows as a badge on the phone until it opens the thread.
      await operator.click('[data-testid=operator-chat-toggle]');
      await control.fill('[data-testid=chat-text]', 'Kiểm tra cáp micro, 2 phút nữa thử lại.');
      await control.click('[data-testid=chat-send]');
      await waitForTestId(operator, 'operator-chat-unread', /^1 tin mới$/, 10_000);
      await operator.click('[data-testid=operator-chat-toggle]');
      await waitForTestId(operator, 'chat-thread', /Kiểm tra cáp micro/);
      await operator.locator('[data-testid=operator-chat-unread]').waitFor({ state: 'detached' });
      if (SHOTS) await operator.screenshot({ path: `${SHOTS}/operator-chat-390.png` });
    } catch (error) {
      console.error(harness.apiOutput());
      throw error;
    }
  }, 120_000);
});
