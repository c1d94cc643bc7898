import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * Presence in two browsers: the control room (organizer, 1920 wide) and a point operator's phone. The
 * operator's page open makes the point online in the control room; the tab closed raises the offline alert.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;

describe('presence (browser)', () => {
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

  it('shows a point online while its operator page is open, and alerts the control room when the tab closes', async () => {
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị kiểm thử trực tuyến',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
      const point = points.find((p) => p.code === EVENT.points[0]!.code)!;
      // Checked in beforehand (a point that is not checked in raises no alert when it drops).
      const session = await new ApiClient(harness.baseUrl).json<{ accessToken: string }>('POST', '/point-sessions', { joinCode: point.joinCode });
      const response = await fetch(`${harness.baseUrl}/api/conferences/${conference.id}/points/${point.id}/check-in`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.accessToken}` },
      });
      expect(response.status).toBe(200);

      await control.setViewportSize({ width: 1920, height: 1080 });
      await control.goto(`${harness.baseUrl}/conferences/${conference.id}/control`);
      await signInThroughForm(control, harness.admin.username, harness.admin.password, /\/control$/);
      await waitForState(control, '[data-testid=control-connection]', 'connected');
      expect(await control.title()).toBe('Điều hành — Hội nghị kiểm thử trực tuyến');
      await waitForTestId(control, 'control-points-online', /^0 \/ 3$/);
      await waitForTestId(control, 'control-points-checked-in', /^1 \/ 3$/);

      const operator = await phone.newPage();
      await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
      await waitForState(operator, '[data-testid=operator-connection]', 'connected');
      await waitForTestId(control, 'control-points-online', /^1 \/ 3$/, 10_000);

      const closedAt = Date.now();
      await operator.close();
      const alert = await waitForTestId(control, 'offline-alert', new RegExp(point.code), 12_000);
      expect(Date.now() - closedAt).toBeLessThan(10_000);
      expect(alert).toContain(point.name);
      expect(alert).toContain('mất kết nối');
      await waitForTestId(control, 'alert-toast', new RegExp(point.code));
      await waitForTestId(control, 'control-points-online', /^0 \/ 3$/);
      if (SHOTS) await control.screenshot({ path: `${SHOTS}/control-offline-alert.png`, fullPage: true });

      await control.click('[data-testid=alert-ack]');
      await waitForTestId(control, 'alerts-panel', /Đã xử lý \(1\)/);

      // The readiness board: that point red and first; the two never opened red too.
      await control.click('[data-testid=tab-readiness]');
      await control.locator(`[data-testid=readiness-tile][data-point-id="${point.id}"][data-state=red]`).waitFor();
      expect(await control.title()).toBe('Điều hành — Hội nghị kiểm thử trực tuyến');
      expect(await control.locator('[data-testid=readiness-tile]').first().getAttribute('data-point-id')).toBe(point.id);
      await waitForTestId(control, 'readiness-count-red', /^3/);
      await control.fill('[data-testid=readiness-search]', point.code.toLowerCase());
      await control.waitForFunction(() => document.querySelectorAll('[data-testid=readiness-tile]').length === 1);
    } catch (error) {
      console.error(harness.apiOutput());
      throw error;
    }
  }, 120_000);
});
