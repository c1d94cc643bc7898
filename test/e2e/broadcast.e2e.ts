import { PRESENTER_SOURCE, pointSource, type ConferenceDto, type ConferencePointDto, type HealthResponse, type MediaStats } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { delegatesCsv, pointsCsv } from '../../apps/api/src/demo/generate';
import { findMediasoupWorker } from '../../apps/api/src/media/mediasoup/find-worker';
import { startHarness, type Harness } from './harness';
import { ApiClient, MEDIA_FLAGS, signInThroughForm, smallEvent, waitForState } from './helpers';

/**
 * The presenter goes live from `/conferences/:id/present` with Chromium's fake camera and microphone;
 * two operator pages play the broadcast; point A sends its camera, the control room sees it and gives
 * A the floor, point B sees and hears A; release; B reloads and receives again; when everyone has left
 * the engine holds nothing open. Runs on the engine the machine has (werift without a mediasoup worker).
 */

const EVENT = smallEvent();

interface Received {
  framesDecoded: number;
  audioPackets: number;
}

/** What the page's subscription to `source` has decoded (video frames) and received (audio packets). */
async function received(page: Page, source: string): Promise<Received> {
  return page.evaluate(async (src) => {
    type Sub = { stats(): Promise<RTCStatsReport[]> };
    const sub = (window as unknown as { __bpSubscriptions?: Map<string, Sub> }).__bpSubscriptions?.get(src);
    const out = { framesDecoded: 0, audioPackets: 0 };
    if (!sub) return out;
    for (const report of await sub.stats()) {
      report.forEach((r: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
        if (r.type !== 'inbound-rtp') return;
        if (r.kind === 'video') out.framesDecoded += r.framesDecoded ?? 0;
        if (r.kind === 'audio') out.audioPackets += r.packetsReceived ?? 0;
      });
    }
    return out;
  }, source);
}

/** Video frames decoded and audio packets received keep growing (media flows now, not just once). */
async function waitForGrowth(page: Page, source: string, { audio = true, timeoutMs = 20_000 } = {}): Promise<number> {
  const started = Date.now();
  let first: Received | null = null;
  let last: Received = { framesDecoded: 0, audioPackets: 0 };
  while (Date.now() - started < timeoutMs) {
    last = await received(page, source);
    if (last.framesDecoded > 0 && (!audio || last.audioPackets > 0)) {
      if (first && last.framesDecoded > first.framesDecoded + 10 && (!audio || last.audioPackets > first.audioPackets + 10)) return Date.now() - started;
      first ??= last;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Media of ${source} did not flow: first ${JSON.stringify(first)}, last ${JSON.stringify(last)}`);
}

async function mediaStats(organizer: ApiClient): Promise<MediaStats> {
  return organizer.json<MediaStats>('GET', '/media/stats');
}

/** werift always; mediasoup where a worker binary is found. */
const worker = findMediasoupWorker({ mediasoupWorkerBin: null });
const ENGINES: { engine: string; env: Record<string, string> }[] = [
  { engine: 'werift', env: { MEDIA_ENGINE: 'werift' } },
  ...('path' in worker ? [{ engine: 'mediasoup', env: { MEDIA_ENGINE: 'mediasoup', MEDIASOUP_WORKER_BIN: worker.path, MEDIASOUP_WORKERS: '2' } }] : []),
];
if (!('path' in worker)) console.log(`SKIPPED: no mediasoup worker (${worker.missing}): the broadcast end-to-end runs on werift only`);

describe.each(ENGINES)('broadcast on $engine (browser)', ({ engine, env }) => {
  let harness: Harness;
  let points: BrowserContext[] = [];

  beforeAll(async () => {
    harness = await startHarness({ chromiumArgs: MEDIA_FLAGS, env });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it('broadcasts to two points, gives the floor to one of them, survives a reload, and closes everything', async () => {
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const { media } = (await (await fetch(`${harness.baseUrl}/api/health`)).json()) as HealthResponse;
      expect(media.engine).toBe(engine);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị trực tuyến kiểm thử phát sóng',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));
      const [pointA, pointB] = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);

      const presenter = harness.page;
      await presenter.goto(`${harness.baseUrl}/conferences/${conference.id}/present`);
      await signInThroughForm(presenter, harness.admin.username, harness.admin.password, /\/present$/);

      const operators: Page[] = [];
      for (const point of [pointA!, pointB!]) {
        const context = await harness.newContext();
        points.push(context);
        const page = await context.newPage();
        await page.goto(`${harness.baseUrl}/point/${point.joinCode}`);
        await waitForState(page, '[data-testid="broadcast-player"]', 'idle', 20_000);
        await page.getByText('Chưa có tín hiệu').waitFor();
        operators.push(page);
      }
      const [operatorA, operatorB] = operators as [Page, Page];

      // The presenter goes live: both points decode the picture and receive the sound.
      await waitForState(presenter, '[data-testid="present"]', 'ready', 20_000);
      await presenter.getByRole('button', { name: 'Phát sóng' }).click();
      await waitForState(presenter, '[data-testid="present"]', 'live', 20_000);
      for (const page of operators) {
        await waitForState(page, '[data-testid="broadcast-player"]', 'playing', 20_000);
        await waitForGrowth(page, PRESENTER_SOURCE);
      }
      // werift: one peer connection per publication and subscription; mediasoup adds pipe transports between its workers.
      const open = await mediaStats(organizer);
      expect(open).toMatchObject({ engine: media.engine, rooms: 1, producers: 2, consumers: 4 });
      if (engine === 'werift') expect(open.transports).toBe(3);
      else expect(open.transports).toBeGreaterThanOrEqual(3);

      // Point A sends its camera back; the control room sees it in the grid.
      await operatorA.getByTestId('uplink-toggle').click();
      await waitForState(operatorA, '[data-testid="uplink"]', 'sending', 20_000);
      const control = await (await harness.newContext()).newPage();
      await control.goto(`${harness.baseUrl}/conferences/${conference.id}/control`);
      await signInThroughForm(control, harness.admin.username, harness.admin.password, /\/control$/);
      const tileA = control.locator(`[data-testid="uplink-tile"][data-point-id="${pointA!.id}"]`);
      await tileA.locator('[data-live="true"], video').first().waitFor({ timeout: 20_000 });
      await waitForGrowth(control, pointSource(pointA!.id), { audio: false });

      // The floor goes to A: B sees and hears A beside the presenter; A does not receive itself.
      await tileA.getByTestId('uplink-grant').click();
      await operatorB.locator(`[data-testid="broadcast-player"][data-floor="${pointA!.id}"]`).waitFor({ timeout: 20_000 });
      await waitForGrowth(operatorB, pointSource(pointA!.id));
      await operatorA.getByText('Điểm cầu đang được phát biểu').waitFor();
      expect((await received(operatorA, pointSource(pointA!.id))).framesDecoded).toBe(0);

      // Released: B returns to the presenter alone.
      await tileA.getByTestId('uplink-release').click();
      await operatorB.locator('[data-testid="broadcast-player"][data-floor=""]').waitFor({ timeout: 20_000 });
      await operatorB.getByTestId('broadcast-floor').waitFor({ state: 'detached' });

      // B reloads: the broadcast is back within seconds, without anyone doing anything.
      const reloaded = Date.now();
      await operatorB.reload();
      await waitForState(operatorB, '[data-testid="broadcast-player"]', 'playing', 20_000);
      await waitForGrowth(operatorB, PRESENTER_SOURCE);
      const reloadMs = Date.now() - reloaded;
      expect(reloadMs).toBeLessThan(15_000);

      await presenter.getByRole('button', { name: 'Dừng' }).click();
      await presenter.getByRole('dialog').getByRole('button', { name: 'Dừng phát sóng' }).click();
      for (const page of operators) {
        await waitForState(page, '[data-testid="broadcast-player"]', 'idle', 15_000);
        await page.getByText('Chưa có tín hiệu').waitFor();
      }

      // Everyone leaves: the engine holds nothing.
      await presenter.goto('about:blank');
      await control.context().close();
      for (const context of points) await context.close();
      points = [];
      const deadline = Date.now() + 10_000;
      let stats = await mediaStats(organizer);
      while (stats.rooms + stats.transports + stats.producers + stats.consumers > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        stats = await mediaStats(organizer);
      }
      expect(stats).toEqual({ engine: media.engine, workers: media.workers, rooms: 0, transports: 0, producers: 0, consumers: 0 });
    } catch (error) {
      throw new Error(`${(error as Error).stack ?? String(error)}\n--- API output ---\n${harness.apiOutput()}`);
    }
  }, 240_000);
});
