import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * A rehearsal as the host site runs it: the organizer starts it from the conference page, a point's
 * operator (on a phone) confirms picture and sound in one click and practises checking in, the readiness
 * board counts the confirmation, and starting the conference clears the practice check-in.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;

describe('rehearsal (browser)', () => {
  let harness: Harness;
  let organizerPage: Page;
  let phone: BrowserContext;

  beforeAll(async () => {
    harness = await startHarness();
    organizerPage = harness.page;
    phone = await harness.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it('collects a point\'s confirmation and forgets its practice check-in when the conference starts', async () => {
    const organizer = new ApiClient(harness.baseUrl);
    await organizer.signIn(harness.admin.username, harness.admin.password);
    const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
      title: 'Hội nghị tổng duyệt',
      startsAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
    });
    await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
    await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'scheduled' });
    const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
    const point = points.find((p) => p.code === EVENT.points[0]!.code)!;

    const operator = await phone.newPage();
    await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
    await waitForState(operator, '[data-testid=operator-connection]', 'connected');
    expect(await operator.locator('[data-testid=operator-rehearsal]').count()).toBe(0);

    // The organizer starts the rehearsal from the conference page.
    await organizerPage.setViewportSize({ width: 1440, height: 900 });
    await organizerPage.goto(`${harness.baseUrl}/conferences/${conference.id}`);
    await signInThroughForm(organizerPage, harness.admin.username, harness.admin.password, new RegExp(`/conferences/${conference.id}$`));
    await organizerPage.getByRole('button', { name: 'Bắt đầu tổng duyệt' }).click();
    await organizerPage.locator('.badge-rehearsal').first().waitFor();

    // The operator's page asks at once (pushed on its live connection, not at its next reload).
    await operator.locator('[data-testid=operator-rehearsal]').waitFor({ timeout: 10_000 });
    await operator.click('[data-testid=operator-check-in]');
    await waitForTestId(operator, 'operator-point-status', /Đã điểm danh/);
    await operator.click('[data-testid=rehearsal-confirm]');
    await waitForTestId(operator, 'rehearsal-answer', /nhận được hình và tiếng/);
    if (SHOTS) await operator.screenshot({ path: `${SHOTS}/operator-rehearsal-390.png`, fullPage: true });

    await organizerPage.goto(`${harness.baseUrl}/conferences/${conference.id}/readiness`);
    await waitForTestId(organizerPage, 'readiness-rehearsal', /Tổng duyệt: 1 đã xác nhận · 0 báo sự cố · 2 chưa trả lời/);
    const tile = organizerPage.locator(`[data-testid=readiness-tile][data-point-id="${point.id}"]`);
    // Online, checked in (practice), confirmed; devices not tested yet: amber, for that reason only.
    await tile.and(organizerPage.locator('[data-state=amber]')).waitFor();
    expect(await tile.locator('.ready-reason').textContent()).toBe('Chưa kiểm tra thiết bị');
    if (SHOTS) await organizerPage.screenshot({ path: `${SHOTS}/readiness-rehearsal.png` });

    // Starting the conference warns that practice check-ins go, then the point is expected again.
    await organizerPage.goto(`${harness.baseUrl}/conferences/${conference.id}`);
    await organizerPage.getByRole('button', { name: 'Bắt đầu hội nghị' }).click();
    const dialog = organizerPage.locator('dialog[open]');
    expect(await dialog.textContent()).toContain('mọi điểm danh của điểm cầu và đại biểu sẽ bị xoá');
    await dialog.locator('.btn-primary').click();
    await organizerPage.locator('.badge-live').first().waitFor();

    await operator.locator('[data-testid=operator-rehearsal]').waitFor({ state: 'detached', timeout: 10_000 });
    await waitForTestId(operator, 'operator-point-status', /Chưa điểm danh/);
    expect(await operator.locator('[data-testid=operator-check-in]').isEnabled()).toBe(true);
  }, 120_000);
});
