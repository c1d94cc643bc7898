import { Inject, Injectable } from '@nestjs/common';
import { MEDIA_LINK_FRESH_MS, type MediaAudienceDto, type MediaLinkDto, type MediaLinkReport } from '@bridgepoint/contracts';
import { LINK_REPORTS, type LinkReportStore } from './link-reports';

/**
 * The last link report of each point (bitrates, loss, round trip), kept in Redis so every api process
 * serves the same view (in this process's memory with in-process coordination). Reports are measurements,
 * not records: losing them loses nothing that matters.
 */
@Injectable()
export class MediaLinksService {
  constructor(@Inject(LINK_REPORTS) private readonly store: LinkReportStore) {}

  async report(conferenceId: string, pointId: string, report: MediaLinkReport, at = new Date()) {
    const dto: MediaLinkDto = { pointId, ...report, at: at.toISOString() };
    await this.store.put(conferenceId, dto);
  }

  async list(conferenceId: string): Promise<MediaLinkDto[]> {
    return (await this.store.list(conferenceId)).sort((a, b) => a.pointId.localeCompare(b.pointId));
  }
}

/** Checks a `media.link` payload: four finite, non-negative numbers (rtt may be null). */
export function linkReportOf(payload: unknown): MediaLinkReport | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const num = (v: unknown, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max;
  if (Object.keys(p).some((k) => !['recvKbps', 'sendKbps', 'lossPercent', 'rttMs'].includes(k))) return null;
  if (!num(p.recvKbps, 1e6) || !num(p.sendKbps, 1e6) || !num(p.lossPercent, 100)) return null;
  if (p.rttMs !== null && !num(p.rttMs, 60_000)) return null;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    recvKbps: round(p.recvKbps as number),
    sendKbps: round(p.sendKbps as number),
    lossPercent: round(p.lossPercent as number),
    rttMs: p.rttMs === null ? null : Math.round(p.rttMs as number),
  };
}

/** Points whose last report is fresh, and those of them that receive the broadcast. */
export function audienceOf(links: MediaLinkDto[], now: number): MediaAudienceDto {
  const fresh = links.filter((l) => now - Date.parse(l.at) <= MEDIA_LINK_FRESH_MS);
  return { reporting: fresh.length, receiving: fresh.filter((l) => l.recvKbps > 0).length };
}
