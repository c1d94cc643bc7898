import type { Page } from 'playwright-core';
import { generateDemo, pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';

/**
 * The organizer's registry flow in a real browser: sign in, create a conference, import the
 * 649-point Hà Nội file, watch the progress bar reach 100 %, find the points on the points page.
 */

const demo = generateDemo();
const POINTS_CSV = Buffer.from(pointsCsv(demo), 'utf8');
const POINT_COUNT = demo.points.length;
const KNOWN_POINT = demo.points.find((point) => point.ward !== null) ?? demo.points[0]!;

/** "649", "1.234" or "1,234" → number. */
function digits(text: string | null): number {
  return Number((text ?? '').replace(/\D/g, ''));
}

async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? '';
}

describe('registry (browser)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it(
    'signs in, creates a conference, imports 649 points and lists them',
    async () => {
      const progressSeen: number[] = [];
      try {
        await page.goto(`${harness.baseUrl}/conferences`);
        await page.waitForURL(/\/login/);
        await page.fill('input[name=username]', harness.admin.username);
        await page.fill('input[name=password]', harness.admin.password);
        await page.click('button[type=submit]');
        await page.waitForURL(/\/conferences$/);

        await page.locator('a[href="/conferences/new"]').first().click();
        const title = `Hội nghị kiểm thử ${Date.now()}`;
        await page.fill('input[name=title]', title);
        await page.fill('input[name=startsAt]', '2030-03-15T08:00');
        await page.fill('input[name=endsAt]', '2030-03-15T11:30');
        await page.click('button[type=submit]');
        await page.waitForURL(/\/conferences\/[^/]+$/);
        await page.locator('h1', { hasText: title }).waitFor();

        await page.locator('a.tab[href$="/import"]').click();
        await page.setInputFiles('[data-testid=import-points-file]', {
          name: 'diem-cau.csv',
          mimeType: 'text/csv',
          buffer: POINTS_CSV,
        });
        await page.click('[data-testid=import-points-submit]');

        // A preview first: the columns as mapped and the counts; nothing is written before the confirmation.
        const preview = page.locator('[data-testid=import-points-preview]');
        await preview.waitFor({ timeout: 120_000 });
        expect(digits(await preview.locator('[data-stat=created] dd').textContent())).toBe(POINT_COUNT);
        expect(await page.locator('[data-testid=import-points-mapping]').textContent()).toContain('Mã điểm cầu');
        await page.click('[data-testid=import-points-confirm]');

        const progress = page.locator('[data-testid=import-points-progress]');
        await progress.waitFor({ timeout: 30_000 });
        await page.exposeFunction('reportProgress', (value: number) => progressSeen.push(value));
        await progress.evaluate((bar) => {
          const report = (window as unknown as { reportProgress: (v: number) => void }).reportProgress;
          report(Number(bar.getAttribute('aria-valuenow')));
          new MutationObserver(() => report(Number(bar.getAttribute('aria-valuenow')))).observe(bar, {
            attributes: true,
            attributeFilter: ['aria-valuenow'],
          });
        });
        await page.waitForSelector('[data-testid=import-points-progress][aria-valuenow="100"]', { timeout: 120_000 });

        const result = page.locator('[data-testid=import-points-result]');
        await result.waitFor({ timeout: 30_000 });
        expect(digits(await result.locator('[data-stat=created] dd').textContent())).toBe(POINT_COUNT);
        expect(digits(await result.locator('[data-stat=total] dd').textContent())).toBe(POINT_COUNT);
        expect(await result.textContent()).not.toContain('undefined');

        await page.locator('a.tab[href$="/points"]').first().click();
        // Every point is listed, but only the rows in the window are drawn; scrolling to the end draws the last.
        await page.waitForSelector(`[data-testid=points-rows][aria-rowcount="${POINT_COUNT}"]`, { timeout: 30_000 });
        expect(digits(await textOf(page, '[data-testid=points-count] strong'))).toBe(POINT_COUNT);
        const drawn = await page.locator('.points-table tbody tr:not([data-spacer])').count();
        expect(drawn).toBeGreaterThan(5);
        expect(drawn).toBeLessThan(POINT_COUNT);
        // As a user pressing End until the list stops growing (row heights are learnt while scrolling).
        await page.waitForFunction(
          () => {
            window.scrollTo(0, document.documentElement.scrollHeight);
            const rows = document.querySelectorAll('.points-table tbody tr:not([data-spacer])');
            const last = rows[rows.length - 1]?.getBoundingClientRect();
            return !!last && last.bottom <= window.innerHeight + 1 && document.querySelector('.points-table tbody tr:last-child[data-spacer]') === null;
          },
          undefined,
          { timeout: 10_000, polling: 250 },
        );
        await page.evaluate(() => window.scrollTo(0, 0));

        const withoutDiacritics = KNOWN_POINT.name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[đĐ]/g, 'd')
          .toLowerCase();
        await page.fill('input[type=search]', withoutDiacritics);
        await page.waitForFunction(
          (count) => {
            const rows = Number(document.querySelector('[data-testid=points-rows]')?.getAttribute('aria-rowcount'));
            return rows > 0 && rows < count;
          },
          POINT_COUNT,
          { timeout: 10_000 },
        );
        await page.locator('.points-table td', { hasText: KNOWN_POINT.name }).first().waitFor();
        expect(await page.locator('.points-table').textContent()).toContain(KNOWN_POINT.code);
      } catch (error) {
        const shot = `/tmp/bridgepoint-e2e-registry-${Date.now()}.png`;
        await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
        throw new Error(
          `${error instanceof Error ? error.message : String(error)}\n` +
            `screenshot: ${shot}\nprogress seen: ${progressSeen.join(', ')}\nAPI output:\n${harness.apiOutput()}`,
        );
      }

      expect(progressSeen.at(-1)).toBe(100);
      expect(progressSeen.every((value) => value >= 0 && value <= 100)).toBe(true);
    },
    240_000,
  );
});
