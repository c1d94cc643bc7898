import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * Questions and the floor across three screens: a bridge point's operator (a phone), the moderators'
 * page (a moderator account, 1920 wide) and the hall screen (a presenter account, on a projector).
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;
const MODERATOR = { username: 'e2e-moderator', password: 'moderator-password-not-secret' };
const PRESENTER = { username: 'e2e-presenter', password: 'presenter-password-not-secret' };
/** Markup in a question is text to show, never HTML to render. */
const QUESTION = 'Đề nghị làm rõ lộ trình cải tạo chung cư cũ <b>tại phường</b> trong năm tới?';
const REJECTED = 'Câu hỏi ngoài phạm vi hội nghị';
const REASON = 'Không thuộc nội dung hội nghị';

describe('moderation (browser)', () => {
  let harness: Harness;
  let moderator: Page;
  let phone: BrowserContext;
  let operator: Page;
  let projector: BrowserContext;
  let hall: Page;

  beforeAll(async () => {
    harness = await startHarness();
    moderator = harness.page;
    phone = await harness.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    operator = await phone.newPage();
    projector = await harness.newContext({ viewport: { width: 1920, height: 1080 } });
    hall = await projector.newPage();
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it(
    'takes a question from a point to the hall screen, and gives the point the floor',
    async () => {
      try {
        const admin = new ApiClient(harness.baseUrl);
        await admin.signIn(harness.admin.username, harness.admin.password);
        for (const [user, role] of [
          [MODERATOR, 'moderator'],
          [PRESENTER, 'presenter'],
        ] as const) {
          await admin.json('POST', '/users', { ...user, displayName: `E2E ${role}`, role });
        }
        const conference = await admin.json<ConferenceDto>('POST', '/conferences', {
          title: 'Hội nghị kiểm thử điều phối câu hỏi',
          startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
          endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
          agenda: [{ title: 'Khai mạc', durationMinutes: 10 }, { title: 'Chỉnh trang đô thị', durationMinutes: 40 }],
        });
        // Moderators and presenters work only on the conferences they are staff of.
        for (const user of [MODERATOR, PRESENTER]) await admin.json('POST', `/conferences/${conference.id}/staff`, { username: user.username });
        const agendaItem = conference.agenda.find((item) => item.title === 'Chỉnh trang đô thị')!;
        await admin.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
        await admin.json('PATCH', `/conferences/${conference.id}`, { status: 'scheduled' });
        await admin.json('PATCH', `/conferences/${conference.id}`, { status: 'live' });
        const points = await admin.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
        const point = points.find((p) => p.code === EVENT.points[0]!.code)!;

        // The moderator signs in and lands on the moderation tab.
        await moderator.setViewportSize({ width: 1920, height: 1080 });
        await moderator.goto(`${harness.baseUrl}/conferences/${conference.id}`);
        await signInThroughForm(moderator, MODERATOR.username, MODERATOR.password, /\/moderation$/);
        await waitForState(moderator, '[data-testid=moderation-connection]', 'connected');

        // The hall screen, signed in as the presenter.
        await hall.goto(`${harness.baseUrl}/conferences/${conference.id}/hall`);
        await signInThroughForm(hall, PRESENTER.username, PRESENTER.password, /\/hall$/);
        await waitForState(hall, '[data-testid=hall-connection]', 'connected');

        // The operator writes a question.
        await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
        await waitForState(operator, '[data-testid=operator-connection]', 'connected');
        await operator.fill('[data-testid=operator-question-text]', QUESTION);
        expect(await waitForTestId(operator, 'operator-question-counter', /\//)).toMatch(new RegExp(`^${QUESTION.length}/1`));
        await operator.fill('[data-testid=operator-question-asked-by]', 'Nguyễn Văn An');
        await operator.selectOption('[data-testid=operator-question-agenda]', agendaItem.id);
        await operator.click('[data-testid=operator-question-submit]');
        await operator.dblclick('[data-testid=operator-question-submit]');
        const sent = operator.locator('[data-testid=operator-questions] [data-question-id]');
        await sent.first().waitFor();
        await waitForState(operator, '[data-testid=operator-questions] li', 'pending');
        const questionId = (await sent.first().getAttribute('data-question-id'))!;

        // The moderator sees it live, as plain text, and approves it.
        const card = moderator.locator(`[data-testid=moderation-questions] [data-question-id="${questionId}"]`);
        await card.waitFor();
        expect(await card.locator('.question-text').textContent()).toBe(QUESTION);
        expect(await card.locator('.question-text b').count()).toBe(0);
        expect(await card.textContent()).toContain('Nguyễn Văn An');
        expect(await card.textContent()).toContain('Chỉnh trang đô thị');
        await card.locator('[data-testid=question-approve]').click();
        await waitForState(operator, `[data-question-id="${questionId}"]`, 'approved');
        expect(await moderator.locator('[data-testid=moderation-questions] [data-question-id]').count()).toBe(0);

        // A second question, rejected with a reason the operator reads.
        await operator.fill('[data-testid=operator-question-text]', REJECTED);
        await operator.click('[data-testid=operator-question-submit]');
        const rejected = moderator.locator('[data-testid=moderation-questions] li[data-state=pending]');
        await rejected.waitFor();
        await rejected.locator('[data-testid=question-reject]').click();
        await moderator.fill('[data-testid=question-reject-reason]', REASON);
        await moderator.locator('dialog[open] .btn-danger').click();
        await operator.locator('[data-testid=operator-questions] li[data-state=rejected]').waitFor();
        expect(await operator.locator('[data-testid=operator-questions] li[data-state=rejected]').textContent()).toContain(REASON);
        // Sent once each, the double tap included.
        expect(await sent.count()).toBe(2);

        // Set as the question being answered: the hall shows it, large, with the point's name.
        const row = moderator.locator(`[data-testid=moderation-order] [data-question-id="${questionId}"]`);
        await row.locator('[data-testid=question-set-current]').click();
        await hall.locator(`[data-testid=hall-current][data-question-id="${questionId}"]`).waitFor();
        const current = (await hall.locator('[data-testid=hall-current]').textContent()) ?? '';
        expect(current).toContain(point.name);
        expect(current).toContain(QUESTION);

        // The point asks to speak, is first in the queue, and gets the floor.
        await operator.fill('[data-testid=operator-speak-topic]', 'Ý kiến về cải tạo chung cư');
        await operator.click('[data-testid=operator-speak-request]');
        await waitForTestId(operator, 'operator-speak-status', /Đang chờ — vị trí 1/);
        const request = moderator.locator(`[data-testid=moderation-speak-queue] [data-point-id="${point.id}"]`);
        await request.waitFor();
        expect(await request.textContent()).toMatch(/đã chờ \d+/);
        if (SHOTS) {
          await operator.screenshot({ path: `${SHOTS}/operator-questions.png`, fullPage: true });
          await moderator.screenshot({ path: `${SHOTS}/moderation.png` });
        }
        await request.locator('[data-testid=speak-grant]').click();
        // The point sends no sound (its camera and microphone are off): the moderator confirms the grant.
        await moderator.getByRole('button', { name: 'Vẫn giao quyền' }).click();
        expect(await waitForTestId(operator, 'operator-floor', /./)).toContain('Điểm cầu của bạn đang được phát biểu');
        // One clear action on the point's page: turn the microphone on.
        await operator.getByTestId('operator-floor-mic').waitFor();
        await hall.locator(`[data-testid=hall-floor][data-point-id="${point.id}"]`).waitFor();
        await moderator.locator(`[data-testid=moderation-floor][data-point-id="${point.id}"]`).waitFor();
        if (SHOTS) {
          await operator.screenshot({ path: `${SHOTS}/operator-floor.png` });
          await hall.screenshot({ path: `${SHOTS}/hall.png` });
          await moderator.screenshot({ path: `${SHOTS}/moderation-floor.png` });
        }

        // The turn ends: the banner goes, the hall shows the presidium again.
        await moderator.click('[data-testid=floor-release]');
        await operator.locator('[data-testid=operator-floor]').waitFor({ state: 'detached' });
        await hall.locator('[data-testid=hall-floor][data-point-id=""]').waitFor();

        // Answered: it leaves the answering order and the hall's current slot.
        await row.locator('[data-testid=question-answered]').click();
        await row.waitFor({ state: 'detached' });
        await hall.locator('[data-testid=hall-current][data-question-id=""]').waitFor();
        await waitForState(operator, `[data-question-id="${questionId}"]`, 'answered');
      } catch (error) {
        const stamp = Date.now();
        for (const [name, page] of [
          ['moderation', moderator],
          ['operator', operator],
          ['hall', hall],
        ] as const) {
          await page.screenshot({ path: `/tmp/bridgepoint-e2e-${name}-${stamp}.png`, fullPage: true }).catch(() => undefined);
        }
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n` +
            `screenshots: /tmp/bridgepoint-e2e-{moderation,operator,hall}-${stamp}.png\n` +
            `API output:\n${harness.apiOutput()}`,
        );
      }
    },
    180_000,
  );
});
