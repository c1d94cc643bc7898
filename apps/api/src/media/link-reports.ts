import type { MediaLinkDto } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { TtlMap } from '../coordination/ttl-map';

/** A conference's link reports are forgotten this long after the last one. */
export const LINK_REPORTS_KEEP_SECONDS = 12 * 3600;

/** The last link report of each point of a conference. */
export interface LinkReportStore {
  put(conferenceId: string, report: MediaLinkDto): Promise<void>;
  /** Every point's last report, in no particular order. */
  list(conferenceId: string): Promise<MediaLinkDto[]>;
}

export const LINK_REPORTS = Symbol('LINK_REPORTS');

/** One Redis hash per conference (a field per point), so every api process serves the same view. */
export class RedisLinkReports implements LinkReportStore {
  constructor(
    private readonly redis: Redis,
    private readonly config: Pick<AppConfig, 'redisPrefix'>,
  ) {}

  private key(conferenceId: string) {
    return `${this.config.redisPrefix}:media:links:${conferenceId}`;
  }

  async put(conferenceId: string, report: MediaLinkDto) {
    const key = this.key(conferenceId);
    await this.redis.multi().hset(key, report.pointId, JSON.stringify(report)).expire(key, LINK_REPORTS_KEEP_SECONDS).exec();
  }

  async list(conferenceId: string): Promise<MediaLinkDto[]> {
    const all = await this.redis.hgetall(this.key(conferenceId));
    return Object.values(all).map((raw) => JSON.parse(raw) as MediaLinkDto);
  }
}

/** In-process coordination: the reports in this process's memory (points come from operator tokens, so a conference holds at most its points). */
export class MemoryLinkReports implements LinkReportStore {
  private readonly conferences: TtlMap<Map<string, MediaLinkDto>>;

  constructor(maxConferences = 10_000, now: () => number = Date.now) {
    this.conferences = new TtlMap(maxConferences, now);
  }

  async put(conferenceId: string, report: MediaLinkDto) {
    const reports = this.conferences.get(conferenceId) ?? new Map<string, MediaLinkDto>();
    reports.set(report.pointId, report);
    this.conferences.set(conferenceId, reports, LINK_REPORTS_KEEP_SECONDS * 1000);
  }

  async list(conferenceId: string): Promise<MediaLinkDto[]> {
    return [...(this.conferences.get(conferenceId)?.values() ?? [])];
  }
}
