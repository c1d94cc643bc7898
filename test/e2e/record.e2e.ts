import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConferenceDto, ConferencePointDto } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { delegatesCsv, pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState, waitForTestId } from './helpers';

/**
 * The official record in two browsers: an operator marks a delegate by mistake and unmarks them with a
 * reason; the control room makes the record (PDF), downloads it, locks it and (as admin) unlocks it.
 */

const EVENT = smallEvent();
const SHOTS = process.env.E2E_SCREENSHOTS;
const REASON = 'Bấm nhầm, đại biểu vắng mặt';

describe('the official record (browser)', () => {
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

  it('lets an operator unmark a delegate with a reason, and the organizer make, download and lock the record', async () => {
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị kiểm thử biên bản',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));
      await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'scheduled' });
      await organizer.json('PATCH', `/conferences/${conference.id}`, { status: 'live' });
      const points = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);
      const point = points.find((p) => p.code === EVENT.points[0]!.code)!;
      const [first] = EVENT.delegates.filter((d) => d.pointCode === point.code);

      await control.setViewportSize({ width: 1600, height: 1000 });
      await control.goto(`${harness.baseUrl}/conferences/${conference.id}/control`);
      await signInThroughForm(control, harness.admin.username, harness.admin.password, /\/control$/);
      await waitForState(control, '[data-testid=control-connection]', 'connected');

      // The operator marks a delegate present, then takes it back with a reason.
      await operator.goto(`${harness.baseUrl}/point/${point.joinCode}`);
      await waitForState(operator, '[data-testid=operator-connection]', 'connected');
      const row = operator.locator(`[data-testid=operator-roster] [data-code="${first!.code}"]`);
      await row.locator('.btn-present').click();
      await waitForState(operator, `[data-code="${first!.code}"]`, 'checked-in');
      await waitForTestId(control, 'control-delegates-checked-in', /^1$/);
      await row.locator('[data-testid=operator-unmark]').click();
      await row.locator('[data-testid=operator-unmark-confirm]').click();
      await row.locator('.field-error').waitFor();
      await row.locator('[data-testid=operator-unmark-reason]').fill(REASON);
      await row.locator('[data-testid=operator-unmark-confirm]').click();
      await waitForState(operator, `[data-code="${first!.code}"]`, 'none');
      await waitForTestId(control, 'control-delegates-checked-in', /^0$/);
      await waitForTestId(operator, 'operator-delegates-checked-in', /\b0\b/);

      // The control room makes the record and downloads it.
      const panel = control.locator('[data-testid=record-panel]');
      await panel.scrollIntoViewIfNeeded();
      await waitForTestId(control, 'record-state', /Chưa khóa/);
      await control.click('[data-testid=record-submit]');
      expect(await waitForTestId(control, 'record-result', /phiên bản 1/, 30_000)).toMatch(/^bien-ban-diem-danh-v1-.*\.pdf/);
      const [download] = await Promise.all([control.waitForEvent('download'), control.click('[data-testid=record-download]')]);
      const pdf = readFileSync(await download.path());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf);
      if (text !== null) {
        expect(text).toContain('BIÊN BẢN ĐIỂM DANH');
        expect(text).toContain(REASON);
      }
      if (SHOTS) await panel.screenshot({ path: `${SHOTS}/record-panel.png` });

      // Locked: the operator's next check-in is refused; the admin unlocks it.
      control.on('dialog', (dialog) => void dialog.accept());
      await control.click('[data-testid=record-lock]');
      await control.locator('[data-testid=record-state][data-locked=true]').waitFor();
      await row.locator('.btn-present').click();
      await waitForState(operator, `[data-code="${first!.code}"]`, 'failed');
      expect(await row.locator('.field-error').innerText()).toContain('khóa');
      await control.click('[data-testid=record-unlock]');
      await control.locator('[data-testid=record-state][data-locked=false]').waitFor();

      // After the fact, the organizer marks that delegate present after all, with a reason: listed, and counted.
      await control.selectOption('[data-testid=correction-kind]', 'delegate');
      await control.fill('[data-testid=correction-delegate]', first!.code);
      await control.selectOption('[data-testid=correction-value]', 'true');
      await control.fill('[data-testid=correction-reason]', 'Đại biểu có mặt, điểm cầu xác nhận lại');
      await control.click('[data-testid=correction-submit]');
      await waitForTestId(control, 'correction-saved', /Đã lưu/);
      await waitForTestId(control, 'corrections-list', /Đánh dấu có mặt.*Đại biểu có mặt, điểm cầu xác nhận lại/s);
      await waitForTestId(control, 'control-delegates-checked-in', /^1$/);
      if (SHOTS) await panel.screenshot({ path: `${SHOTS}/record-corrections.png` });
    } catch (error) {
      console.error(harness.apiOutput());
      throw error;
    }
  });
});

/** The PDF's text with poppler's pdftotext, or null where it is not installed. */
function pdfText(pdf: Buffer): string | null {
  if (spawnSync('pdftotext', ['-v']).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'bp-e2e-pdf-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
