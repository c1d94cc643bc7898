import { MEDIA_LINK_REPORT_EVERY_MS, type MediaLinkReport } from '@bridgepoint/contracts';
import { useEffect, useRef } from 'react';
import type { Publication, Subscription } from './media-client';
import type { MediaSession } from './useMediaSession';

export interface Counters {
  at: number;
  recvBytes: number;
  sendBytes: number;
  received: number;
  lost: number;
}

/** Sums what the connections' stats say since they opened. */
export async function measureLinks(receiving: Subscription[], sending: Publication | null): Promise<Counters & { rttMs: number | null }> {
  const out = { at: performance.now(), recvBytes: 0, sendBytes: 0, received: 0, lost: 0, rttMs: null as number | null };
  const rtts: number[] = [];
  const reports = [...(await Promise.all(receiving.map((s) => s.stats()))).flat(), ...(sending ? await sending.stats() : [])];
  for (const report of reports) {
    report.forEach((s: Record<string, unknown> & { type: string }) => {
      if (s.type === 'inbound-rtp') {
        out.recvBytes += Number(s.bytesReceived ?? 0);
        out.received += Number(s.packetsReceived ?? 0);
        out.lost += Math.max(0, Number(s.packetsLost ?? 0));
      } else if (s.type === 'outbound-rtp') {
        out.sendBytes += Number(s.bytesSent ?? 0);
      } else if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') {
        rtts.push(s.currentRoundTripTime * 1000);
      }
    });
  }
  if (rtts.length > 0) out.rttMs = Math.max(...rtts);
  return out;
}

/** What happened on the links between two measurements: kbit/s each way, loss, the latest round trip. */
export function linkReport(before: Counters, now: Counters & { rttMs: number | null }): MediaLinkReport {
  const seconds = Math.max(0.001, (now.at - before.at) / 1000);
  const kbps = (bytes: number) => Math.max(0, (bytes * 8) / 1000 / seconds);
  const received = Math.max(0, now.received - before.received);
  const lost = Math.max(0, now.lost - before.lost);
  return {
    recvKbps: kbps(now.recvBytes - before.recvBytes),
    sendKbps: kbps(now.sendBytes - before.sendBytes),
    lossPercent: received + lost > 0 ? Math.min(100, (100 * lost) / (received + lost)) : 0,
    rttMs: now.rttMs,
  };
}

/**
 * Every few seconds, tells the server how this point's links are doing: the broadcast it receives, the
 * uplink it sends, loss and round trip. The control room and the presenter's audience count read these.
 */
export function useLinkReports(session: MediaSession, receiving: () => Subscription[], sending: () => Publication | null) {
  const last = useRef<Counters | null>(null);
  const { client, socket } = session;
  useEffect(() => {
    if (!client || !socket) return;
    last.current = null;
    const timer = setInterval(() => {
      void measureLinks(receiving(), sending()).then((now) => {
        const before = last.current;
        last.current = now;
        if (!before) return;
        if (socket?.connected) socket.emit('media.link', linkReport(before, now), () => undefined);
      });
    }, MEDIA_LINK_REPORT_EVERY_MS);
    return () => clearInterval(timer);
  }, [client, socket, receiving, sending]);
}
