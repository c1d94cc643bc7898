import type { ConferenceDto, ConferencePointDto, MediaStats } from '@bridgepoint/contracts';
import type { BrowserContext, Page } from 'playwright-core';
import { delegatesCsv, pointsCsv } from '../../apps/api/src/demo/generate';
import { startHarness, type Harness } from './harness';
import { ApiClient, signInThroughForm, smallEvent, waitForState } from './helpers';

/**
 * The presenter goes live from `/conferences/:id/present` with Chromium's fake camera and microphone;
 * two bridge points play the broadcast through the embedded werift engine; when the presenter stops,
 * both show the no-signal state, and once everyone has left the engine holds nothing open.
 */

const EVENT = smallEvent();
const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

interface Received {
  framesDecoded: number;
  audioPackets: number;
}

async function received(page: Page): Promise<Received> {
  return page.evaluate(async () => {
    const pc = (window as unknown as { __bpBroadcastPc?: RTCPeerConnection | null }).__bpBroadcastPc;
    const out = { framesDecoded: 0, audioPackets: 0 };
    if (!pc) return out;
    (await pc.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
      if (report.type !== 'inbound-rtp') return;
      if (report.kind === 'video') out.framesDecoded = report.framesDecoded ?? 0;
      if (report.kind === 'audio') out.audioPackets = report.packetsReceived ?? 0;
    });
    return out;
  });
}

async function waitForGrowth(page: Page, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let first: Received | null = null;
  let last: Received = { framesDecoded: 0, audioPackets: 0 };
  while (Date.now() < deadline) {
    last = await received(page);
    if (last.framesDecoded > 0 && last.audioPackets > 0) {
      if (first && last.framesDecoded > first.framesDecoded + 10 && last.audioPackets > first.audioPackets + 10) return;
      first ??= last;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Media did not flow: first ${JSON.stringify(first)}, last ${JSON.stringify(last)}`);
}

describe('broadcast (browser)', () => {
  let harness: Harness;
  let points: BrowserContext[] = [];

  beforeAll(async () => {
    harness = await startHarness({ chromiumArgs: MEDIA_FLAGS });
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
  }, 60_000);

  it('plays the presenter’s camera and microphone at two points, and closes everything when they leave', async () => {
    try {
      const organizer = new ApiClient(harness.baseUrl);
      await organizer.signIn(harness.admin.username, harness.admin.password);
      const conference = await organizer.json<ConferenceDto>('POST', '/conferences', {
        title: 'Hội nghị trực tuyến kiểm thử phát sóng',
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      });
      await organizer.importFile('/bridge-points/import', 'diem-cau.csv', pointsCsv(EVENT), conference.id);
      await organizer.importFile('/delegates/import', 'dai-bieu.csv', delegatesCsv(EVENT));
      const [first, second] = await organizer.json<ConferencePointDto[]>('GET', `/conferences/${conference.id}/points`);

      const presenter = harness.page;
      await presenter.goto(`${harness.baseUrl}/conferences/${conference.id}/present`);
      await signInThroughForm(presenter, harness.admin.username, harness.admin.password, /\/present$/);

      const operators: Page[] = [];
      for (const point of [first!, second!]) {
        const context = await harness.newContext();
        points.push(context);
        const page = await context.newPage();
        await page.goto(`${harness.baseUrl}/point/${point.joinCode}/broadcast`);
        await waitForState(page, '[data-testid="broadcast-player"]', 'idle');
        await page.getByText('Chưa có tín hiệu').waitFor();
        operators.push(page);
      }

      await waitForState(presenter, '[data-testid="present"]', 'ready', 20_000);
      await presenter.getByRole('button', { name: 'Phát sóng' }).click();
      await waitForState(presenter, '[data-testid="present"]', 'live', 20_000);

      for (const page of operators) {
        await waitForState(page, '[data-testid="broadcast-player"]', 'playing', 20_000);
        await waitForGrowth(page);
      }
      expect(await organizer.json<MediaStats>('GET', '/media/stats')).toEqual({ engine: 'werift', rooms: 1, publishers: 1, subscribers: 2 });

      await presenter.getByRole('button', { name: 'Dừng' }).click();
      for (const page of operators) {
        await waitForState(page, '[data-testid="broadcast-player"]', 'idle', 15_000);
        await page.getByText('Chưa có tín hiệu').waitFor();
      }

      await presenter.goto('about:blank');
      for (const context of points) await context.close();
      points = [];
      const deadline = Date.now() + 10_000;
      let stats = await organizer.json<MediaStats>('GET', '/media/stats');
      while (stats.rooms + stats.publishers + stats.subscribers > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        stats = await organizer.json<MediaStats>('GET', '/media/stats');
      }
      expect(stats).toEqual({ engine: 'werift', rooms: 0, publishers: 0, subscribers: 0 });
      const health = await (await fetch(`${harness.baseUrl}/api/health`)).json();
      expect(health.media).toEqual({ engine: 'werift', workers: 0 });
    } catch (error) {
      throw new Error(`${(error as Error).stack ?? String(error)}\n--- API output ---\n${harness.apiOutput()}`);
    }
  }, 180_000);
});
