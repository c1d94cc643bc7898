import { readFileSync } from 'node:fs';
import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { delegatesCsv, pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * Attendance in two browsers: the control room (organizer, 1920 wide) and a bridge point's operator
 * (a phone, its own browser). The operator checks the point in, reports a headcount and marks
 * delegates present, once while offline; the control room's numbers follow without a reload.
 */

const EVENT = smallEvent();
const HEADCOUNT = 27;
const SHOTS = process.env.E2E_SCREENSHOTS;

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** "1.234 / 5.678" → [1234, 5678]. */
function pair(text: string): number[] {
  return text.split('/').map((part) => Number(part.replace(/\D/g, '')));
}

describe('attendance (browser)', () => {
  let harness: Harness;
  let control: Page;
  let phone: BrowserContext;
  let operator: Page;

  beforeAll(async () => {
    harness = await startHarness();
    control = harness.page;
    phone = await harness.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    operator = await phone.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it(
    'shows an operator’s check-in, headcount and delegates in the control room as they happen, offline included',
    async () => {
      const sent: Array<{ code: string; key: string }> = [];
      const keysOf = (code: string) => sent.filter((r) => r.code === code).map((r) => r.key);
      try {
        const organizer = new ApiClient(harness.baseUrl);
        await organizer.signIn(harness.admin.username, harness.admin.password);
        const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
          title: 'Hội nghị trực tuyến kiểm thử điểm danh',
          startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
          agenda: [
            { title: 'Khai mạc', speaker: 'Chủ tịch UBND thành phố', plannedStart: new Date().toISOString(), durationMinutes: 15 },
            { title: 'Báo cáo tình hình kinh tế - xã hội', durationMinutes: 45 },
          ],
        });
        await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
        await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));
        await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'scheduled' });
        await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'live' });
        const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
        expect(points).toHaveLength(3);
        const point = points.find((p) => p.code === EVENT.points[0]!.code)!;
        const [first, second, third] = EVENT.delegates.filter((d) => d.pointCode === point.code);

        // Control room: sign in through the form, straight to the dashboard.
        await control.setViewportSize({ width: 1920, height: 1080 });
        await control.goto(`${harness.baseUrl}/conferences/${conference.id}/control`);
        await control.waitForURL(/\/login/);
        await control.fill('input[name=username]', harness.admin.username);
        await control.fill('input[name=password]', harness.admin.password);
        await control.click('button[type=submit]');
        await control.waitForURL(/\/control$/);
        await waitForState(control, '[data-testid=control-connection]', 'connected');
        expect(await waitForTestId(control, 'control-points-checked-in', /^0 \/ 3$/)).toBe('0 / 3');
        await control.locator(`[data-testid=control-missing] [data-point-id="${point.id}"]`).waitFor();

        // The operator's phone, in its own browser.
        operator.on('request', (request) => {
          if (request.method() === 'POST' && request.url().endsWith(`/conferences/${conference.id}/attendance`)) {
            const { delegateCode } = request.postDataJSON() as { delegateCode: string };
            sent.push({ code: delegateCode, key: request.headers()['idempotency-key'] ?? '' });
          }
        });
        await operator.goto(`${harness.baseUrl}/point/WRONG-C0DE-00000`);
        expect(await waitForTestId(operator, 'operator-join-error', /./)).toContain('Mã tham gia không đúng, liên hệ ban tổ chức');

        await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
        await waitForTestId(operator, 'operator-conference-title', /kiểm thử điểm danh/);
        await waitForTestId(operator, 'operator-point-name', new RegExp(point.name.replace(/[()]/g, '.')));
        await waitForState(operator, '[data-testid=operator-connection]', 'connected');
        await waitForState(operator, '[data-testid=operator-point-status]', 'expected');

        await operator.click('[data-testid=operator-check-in]');
        await waitForState(operator, '[data-testid=operator-point-status]', 'checked_in');
        await waitForTestId(control, 'control-points-checked-in', /^1 \/ 3$/);
        await control.locator(`[data-testid=control-missing] [data-point-id="${point.id}"]`).waitFor({ state: 'detached' });
        expect(await control.locator('[data-testid=control-missing] [data-point-id]').count()).toBe(2);

        await operator.fill('[data-testid=operator-headcount-input]', String(HEADCOUNT));
        await operator.click('[data-testid=operator-headcount-submit]');
        await waitForTestId(operator, 'operator-headcount-history', new RegExp(`^${HEADCOUNT}`));
        const present = pair(await waitForTestId(control, 'control-present', new RegExp(`^${HEADCOUNT} /`)));
        expect(present).toEqual([HEADCOUNT, EVENT.points.reduce((sum, p) => sum + p.expectedDelegates, 0)]);

        // A delegate found by name typed without diacritics.
        await operator.fill('[data-testid=operator-roster-search]', fold(first!.fullName));
        const firstRow = operator.locator(`[data-testid=operator-roster] [data-code="${first!.code}"]`);
        await firstRow.locator('button').click();
        await waitForState(operator, `[data-code="${first!.code}"]`, 'checked-in');
        await waitForTestId(control, 'control-delegates-checked-in', /^1$/);
        await waitForTestId(operator, 'operator-delegates-checked-in', /\b1\b/);

        // Marked again by the code on the badge: the server already has it.
        await operator.fill('[data-testid=operator-delegate-code]', first!.code.toLowerCase());
        await operator.click('[data-testid=operator-delegate-submit]');
        await waitForState(operator, '[data-testid=operator-delegate-result]', 'already');

        if (SHOTS) {
          await operator.evaluate(() => window.scrollTo(0, 0));
          await operator.screenshot({ path: `${SHOTS}/operator-top.png` });
        }

        // Offline: the check-in waits in the outbox, then goes out once the network is back.
        await operator.fill('[data-testid=operator-roster-search]', '');
        const secondRow = operator.locator(`[data-testid=operator-roster] [data-code="${second!.code}"]`);
        await secondRow.waitFor();
        await phone.setOffline(true);
        await waitForState(operator, '[data-testid=operator-connection]', 'offline');
        await secondRow.locator('button').click();
        await operator.locator('[data-testid=operator-pending][data-count="1"]').waitFor();
        expect(await waitForTestId(operator, 'operator-pending', /1/)).toMatch(/Đang chờ gửi: 1/);
        await waitForState(operator, `[data-code="${second!.code}"]`, 'pending');
        expect(pair(await waitForTestId(control, 'control-delegates-checked-in', /^\d+$/))).toEqual([1]);
        if (SHOTS) await operator.screenshot({ path: `${SHOTS}/operator-offline.png` });

        await phone.setOffline(false);
        await operator.locator('[data-testid=operator-pending][data-count="0"]').waitFor({ timeout: 30_000 });
        await waitForState(operator, `[data-code="${second!.code}"]`, 'checked-in');
        await waitForTestId(control, 'control-delegates-checked-in', /^2$/);
        await waitForTestId(control, 'control-points-checked-in', /^1 \/ 3$/);
        await waitForState(operator, '[data-testid=operator-connection]', 'connected');

        // The server unreachable for this call only: the queued check-in survives a reload, then goes out.
        const attendanceUrl = `**/api/conferences/${conference.id}/attendance`;
        await operator.route(attendanceUrl, (route) => route.abort('connectionrefused'));
        await operator.fill('[data-testid=operator-delegate-code]', third!.code);
        await operator.click('[data-testid=operator-delegate-submit]');
        await waitForState(operator, '[data-testid=operator-delegate-result]', 'pending');
        await operator.locator('[data-testid=operator-pending][data-count="1"]').waitFor();
        await operator.reload();
        await operator.locator('[data-testid=operator-pending][data-count="1"]').waitFor();
        await waitForState(operator, `[data-code="${third!.code}"]`, 'pending');
        await operator.unroute(attendanceUrl);
        await operator.locator('[data-testid=operator-pending][data-count="0"]').waitFor({ timeout: 30_000 });
        await waitForState(operator, `[data-code="${third!.code}"]`, 'checked-in');
        await waitForTestId(control, 'control-delegates-checked-in', /^3$/);

        const summary = await organizer.json<{ delegates: { checkedIn: number } }>(
          'GET',
          `/conferences/${conference.id}/attendance/summary`,
        );
        expect(summary.delegates.checkedIn).toBe(3);
        // Every attempt of one check-in carries that check-in's key, across a reload too.
        expect(sent.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.key))).toBe(true);
        expect(new Set(keysOf(first!.code)).size).toBe(2);
        expect(new Set(keysOf(second!.code)).size).toBe(1);
        expect(new Set(keysOf(third!.code)).size).toBe(1);
        expect(keysOf(third!.code).length).toBeGreaterThanOrEqual(2);

        // The record as a file, fetched with the organizer's token and saved under the server's name.
        await control.selectOption('[data-testid=export-kind]', 'delegates');
        await control.selectOption('[data-testid=export-format]', 'csv');
        expect(await control.inputValue('[data-testid=export-lang]')).toBe('vi');
        await control.click('[data-testid=export-submit]');
        await control.locator('[data-testid=export-progress]').waitFor();
        const downloadButton = control.locator('[data-testid=export-download]');
        await downloadButton.waitFor({ timeout: 30_000 });
        const [download] = await Promise.all([control.waitForEvent('download'), downloadButton.click()]);
        expect(download.suggestedFilename()).toMatch(/^diem-danh-dai-bieu-.*\.csv$/);
        const csv = readFileSync(await download.path(), 'utf8');
        for (const delegate of [first!, second!, third!]) expect(csv).toContain(delegate.fullName);

        if (SHOTS) {
          await operator.screenshot({ path: `${SHOTS}/operator-back-online.png` });
          await operator.locator('[data-testid=operator-headcount-summary]').scrollIntoViewIfNeeded();
          await operator.screenshot({ path: `${SHOTS}/operator-headcount.png` });
          await control.screenshot({ path: `${SHOTS}/control.png`, fullPage: true });
        }
      } catch (error) {
        const stamp = Date.now();
        await control.screenshot({ path: `/tmp/bridgepoint-e2e-control-${stamp}.png`, fullPage: true }).catch(() => undefined);
        await operator.screenshot({ path: `/tmp/bridgepoint-e2e-operator-${stamp}.png`, fullPage: true }).catch(() => undefined);
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n` +
            `screenshots: /tmp/bridgepoint-e2e-{control,operator}-${stamp}.png\n` +
            `check-ins sent: ${sent.map((r) => `${r.code}=${r.key}`).join(', ')}\n` +
            `API output:\n${harness.apiOutput()}`,
        );
      }
    },
    180_000,
  );
});
