import { MEDIA_LINK_FRESH_MS, type MediaLinkDto } from '@bridgepoint/contracts';

export type LinkHealth = 'good' | 'poor' | 'bad' | 'silent';

/** Thresholds an operator can act on: a few percent loss or half a second of round trip is felt. */
export function linkHealth(link: MediaLinkDto | undefined, now: number): LinkHealth {
  if (!link || now - Date.parse(link.at) > MEDIA_LINK_FRESH_MS) return 'silent';
  if (link.lossPercent >= 10 || (link.rttMs ?? 0) >= 1000 || link.recvKbps === 0) return 'bad';
  if (link.lossPercent >= 3 || (link.rttMs ?? 0) >= 400) return 'poor';
  return 'good';
}
