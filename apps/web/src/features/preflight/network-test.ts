import { preflightSource, type MediaLinkReport } from '@bridgepoint/contracts';
import type { MediaClient, Publication, Subscription } from '../broadcast/media-client';
import { linkReport, measureLinks } from '../broadcast/useLinkReports';
import { adapterFor } from '../broadcast/useMediaSession';
import { connectMedia, request } from '../broadcast/signaling';

/** How long the test sends and receives. */
export const NETWORK_TEST_MS = 10_000;
/** The loopback must connect within this long, or the test fails. */
const CONNECT_TIMEOUT_MS = 15_000;
/** The same picture size and bitrate as the point's uplink, so the test measures what the conference needs. */
const TEST_OPTIONS = { simulcast: false, maxVideoKbps: 300 };

export interface NetworkProgress {
  /** Seconds of the test done so far. */
  elapsedMs: number;
  /** The link over the last second. */
  now: MediaLinkReport | null;
}

export interface NetworkResult {
  /** Over the whole test. */
  link: MediaLinkReport;
  /** The loopback never connected (or the media server refused it): why. */
  error: Error | null;
}

const ZERO: MediaLinkReport = { recvKbps: 0, sendKbps: 0, lossPercent: 0, rttMs: null };

function connected(link: Publication | Subscription, ms: number): Promise<void> {
  if (link.state === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The media server did not connect in time.')), ms);
    link.onState((s) => {
      if (s === 'connected') {
        clearTimeout(timer);
        resolve();
      } else if (s === 'failed') {
        clearTimeout(timer);
        reject(new Error('The connection to the media server failed.'));
      }
    });
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The point's camera and microphone sent to the media server as its pre-flight source and received back
 * (a loopback through the server, on its own `/media` connection) for NETWORK_TEST_MS: kbit/s each way,
 * loss on the way back and the round trip, from the connections' WebRTC stats. Everything it opened is
 * closed when it ends, whatever happened.
 */
export async function runNetworkTest(
  conferenceId: string,
  token: string,
  pointId: string,
  stream: MediaStream,
  onProgress: (p: NetworkProgress) => void,
  signal: AbortSignal,
): Promise<NetworkResult> {
  const socket = connectMedia(token, conferenceId);
  let publication: Publication | null = null;
  let subscription: Subscription | null = null;
  let client: MediaClient | null = null;
  try {
    if (!socket.connected) {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (e) => reject(e));
      });
    }
    const joined = await request(socket, 'media.join', {});
    client = await (await adapterFor(joined.engine))(socket, joined);
    const source = preflightSource(pointId);
    publication = await client.publish(source, stream.getTracks(), TEST_OPTIONS);
    await connected(publication, CONNECT_TIMEOUT_MS);
    subscription = await client.subscribe(source, ['audio', 'video']);
    await connected(subscription, CONNECT_TIMEOUT_MS);

    const receiving = [subscription];
    const first = await measureLinks(receiving, publication);
    let previous = first;
    const rtts: number[] = [];
    while (!signal.aborted && performance.now() - first.at < NETWORK_TEST_MS) {
      await sleep(1000);
      const now = await measureLinks(receiving, publication);
      if (now.rttMs !== null) rtts.push(now.rttMs);
      onProgress({ elapsedMs: Math.min(NETWORK_TEST_MS, now.at - first.at), now: linkReport(previous, now) });
      previous = now;
    }
    // kbit/s and loss over the whole test; the round trip is the median of the seconds (one slow answer is not the link).
    return { link: { ...linkReport(first, previous), rttMs: median(rtts) }, error: null };
  } catch (e) {
    return { link: ZERO, error: e instanceof Error ? e : new Error(String(e)) };
  } finally {
    await subscription?.close().catch(() => undefined);
    await publication?.close().catch(() => undefined);
    client?.close();
    socket.disconnect();
  }
}
