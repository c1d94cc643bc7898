import type { ConferenceDto, ConferencePointDto, PresenceDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState, waitForTestId } from './helpers';
import { MEDIA_FLAGS, mediaEngines } from './media';

/**
 * Pre-flight with Chromium's fake camera and microphone: the operator of a checked-in point opens the
 * check on a 390 px phone, sees the picture and the microphone's level, plays the test tone, runs the
 * 10 s network test through the media server and reads what it measured; the organizer's readiness
 * board, open all along, turns that point green without a reload.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;

const tile = (page: Page, pointId: string, state: string) => page.locator(`[data-testid=readiness-tile][data-point-id="${pointId}"][data-state=${state}]`);

/** The number at the start of a measurement ("1.234 kbit/s" in Vietnamese: dots group thousands). */
async function measured(page: Page, testId: string): Promise<number> {
  const text = (await page.locator(`[data-testid=${testId}]`).innerText()).trim();
  return Number(text.replace(/[.\s]/g, '').replace(',', '.').replace(/[^\d.]/g, ''));
}

describe.each(mediaEngines('the pre-flight end-to-end'))('pre-flight on $engine (browser)', ({ env }) => {
  let harness: Harness;
  let phone: BrowserContext;

  beforeAll(async () => {
    // A loaded machine may take a while to migrate a fresh embedded database.
    harness = await startHarness({ chromiumArgs: MEDIA_FLAGS, env, healthTimeoutMs: 180_000 });
    phone = await harness.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  }, 240_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it('an operator runs the pre-flight with fake devices and the readiness board turns green', async () => {
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị kiểm tra thiết bị',
        startsAt: new Date(Date.now() + 60 * 60_000).toISOString(),
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
      const point = points.find((p) => p.code === EVENT.points[0]!.code)!;
      const session = await new ApiClient(harness.baseUrl).json<{ accessToken: string }>('POST', '/point-sessions', { joinCode: point.joinCode });
      const checkIn = await fetch(`${harness.baseUrl}/api/conferences/${conference.id}/points/${point.id}/check-in`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.accessToken}` },
      });
      expect(checkIn.status).toBe(200);

      // The board is open before the operator starts: it must change by itself.
      const board = harness.page;
      await board.goto(`${harness.baseUrl}/conferences/${conference.id}/readiness`);
      await signInThroughForm(board, harness.admin.username, harness.admin.password, /\/readiness$/);
      await waitForState(board, '[data-testid=readiness-connection]', 'connected');
      await tile(board, point.id, 'red').waitFor();

      const operator = await phone.newPage();
      await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
      await waitForState(operator, '[data-testid=operator-connection]', 'connected');
      // Online and checked in, devices not tested yet: amber.
      await tile(board, point.id, 'amber').waitFor({ timeout: 15_000 });
      await waitForState(operator, '[data-testid=preflight-state]', 'untested');

      // On a phone the check is folded, below the check-in card.
      const checkInBox = await operator.locator('.point-card').boundingBox();
      const preflightBox = await operator.locator('[data-testid=preflight]').boundingBox();
      expect(checkInBox && preflightBox && preflightBox.y > checkInBox.y).toBe(true);
      await waitForState(operator, '[data-testid=preflight]', 'closed');
      await operator.click('[data-testid=preflight-toggle]');
      await waitForState(operator, '[data-testid=preflight]', 'open');
      expect(await operator.locator('[data-testid=preflight-run]').isDisabled()).toBe(true);

      await operator.click('[data-testid=preflight-devices]');
      await operator.locator('[data-testid=preflight-preview][data-state=playing]').waitFor();
      await operator.waitForFunction(() => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid=preflight-preview] video');
        return !!video && video.videoWidth > 0 && video.currentTime > 0;
      });
      // Chromium's fake microphone beeps: the meter moves.
      await operator.waitForFunction(() => Number(document.querySelector('[data-testid=preflight-level]')?.getAttribute('data-level')) > 0.02, undefined, {
        timeout: 10_000,
      });

      await operator.click('[data-testid=preflight-tone]');
      await waitForTestId(operator, 'preflight-tone', /Đang phát/);
      await waitForTestId(operator, 'preflight-tone', /Phát âm thanh thử/, 5000);

      const startedAt = Date.now();
      await operator.click('[data-testid=preflight-run]');
      await waitForState(operator, '[data-testid=preflight-state]', 'running');
      await waitForTestId(operator, 'preflight-progress', /Đang gửi và nhận/);
      const ended = operator.locator('[data-testid=preflight-state][data-state=ready], [data-testid=preflight-state][data-state=failed]');
      await ended.first().waitFor({ timeout: 75_000 });
      // It ran for its 10 s of media (plus connecting), not less, and passed (the reasons are shown if not).
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(10_000);
      const outcome = { state: await ended.first().getAttribute('data-state'), result: await operator.locator('[data-testid=preflight-result]').innerText() };
      expect(outcome).toEqual({ state: 'ready', result: 'Đạt: điểm cầu sẵn sàng.' });
      const sent = await measured(operator, 'preflight-send');
      const received = await measured(operator, 'preflight-receive');
      expect(sent).toBeGreaterThan(30);
      expect(received).toBeGreaterThan(30);
      expect(await measured(operator, 'preflight-loss')).toBeLessThanOrEqual(5);
      expect(await operator.locator('[data-testid=preflight-rtt]').innerText()).toMatch(/\d+ ms|—/);
      if (SHOTS) {
        await operator.screenshot({ path: `${SHOTS}/operator-preflight-390.png`, fullPage: true });
        await operator.locator('[data-testid=preflight]').screenshot({ path: `${SHOTS}/operator-preflight-section-390.png` });
      }

      // The board turns green without a reload, and the stored result is the operator's.
      await tile(board, point.id, 'green').waitFor({ timeout: 10_000 });
      await waitForTestId(board, 'readiness-count-green', /^1/);
      if (SHOTS) await board.screenshot({ path: `${SHOTS}/readiness-preflight-green.png`, fullPage: true });
      const presence = await organizer.json<PresenceDto>('GET', `/conferences/${conference.id}/presence`);
      expect(presence.points.find((p) => p.pointId === point.id)).toMatchObject({ online: true, readiness: 'ready', readinessDetail: null });

      // It can be run again at any time; the last result survives a reload of the operator page.
      await operator.reload();
      await waitForState(operator, '[data-testid=operator-connection]', 'connected');
      await waitForState(operator, '[data-testid=preflight-state]', 'ready');
      await operator.close();
    } catch (error) {
      if (SHOTS) for (const [i, page] of phone.pages().entries()) await page.screenshot({ path: `${SHOTS}/preflight-failure-${i}.png`, fullPage: true });
      console.error(harness.apiOutput());
      throw error;
    }
  }, 240_000);
});
