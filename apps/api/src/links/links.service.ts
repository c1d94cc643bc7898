import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  LinkChannel,
  LinkDelivery,
  OperatorLinkDto,
  OperatorLinksResponse,
  SendLinksAccepted,
  SendLinksRequest,
} from '@bridgepoint/contracts';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConferencePointsService } from '../conferences/conference-points.service';
import { JOB_RETENTION, LinksJobData, QUEUES } from '../jobs/queues';
import { LinkSenders } from './link-senders';
import { joinLink, publicUrlWarning } from './public-link';

interface DeliveryRow {
  point_id: string;
  channel: LinkChannel;
  status: LinkDelivery['status'];
  recipient: string;
  attempts: number;
  error: string | null;
  updated_at: Date;
}

/** Every point's join link on PUBLIC_URL, and what was sent to whom. */
@Injectable()
export class LinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly points: ConferencePointsService,
    private readonly senders: LinkSenders,
    @InjectQueue(QUEUES.links) private readonly queue: Queue<LinksJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `base`: the address links are built on when PUBLIC_URL is unset (the organizer's browser sends its own). */
  async list(conferenceId: string, base: string): Promise<OperatorLinksResponse> {
    const points = await this.points.list(conferenceId);
    const rows: DeliveryRow[] = await this.dataSource.query(
      'SELECT point_id, channel, status, recipient, attempts, error, updated_at FROM link_deliveries WHERE conference_id = $1',
      [conferenceId],
    );
    const deliveries = new Map(rows.map((r) => [`${r.point_id}|${r.channel}`, r]));
    const publicUrl = (this.config.publicUrl ?? base).replace(/\/+$/, '');
    return {
      publicUrl,
      publicUrlWarning: publicUrlWarning(this.config.publicUrl),
      channels: { email: this.senders.emailConfigured, sms: this.senders.smsConfigured },
      points: points.map(
        (p): OperatorLinkDto => ({
          pointId: p.id,
          code: p.code,
          name: p.name,
          district: p.district,
          operatorName: p.operatorName,
          operatorPhone: p.operatorPhone,
          operatorEmail: p.operatorEmail,
          link: joinLink(publicUrl, p.joinCode),
          joinCode: p.joinCode,
          email: toDelivery(deliveries.get(`${p.id}|email`)),
          sms: toDelivery(deliveries.get(`${p.id}|sms`)),
        }),
      ),
    };
  }

  /** Queues one message per chosen point that has an address for the channel; the job sends and records each. */
  async send(conferenceId: string, req: SendLinksRequest): Promise<SendLinksAccepted> {
    if (publicUrlWarning(this.config.publicUrl) !== null) {
      throw DomainError.conflict(
        ErrorCode.PublicUrlMissing,
        this.config.publicUrl
          ? `PUBLIC_URL is ${this.config.publicUrl}, an address only this machine can open: operators could not open their links.`
          : 'PUBLIC_URL is not set: the links would carry an address operators may not be able to open. Set PUBLIC_URL first.',
      );
    }
    const configured = req.channel === 'email' ? this.senders.emailConfigured : this.senders.smsConfigured;
    if (!configured) {
      throw DomainError.conflict(
        ErrorCode.ChannelNotConfigured,
        req.channel === 'email' ? 'No mail server is configured (SMTP_URL).' : 'No SMS gateway is configured (SMS_WEBHOOK_URL).',
      );
    }
    const wanted = req.pointIds ? new Set(req.pointIds.map((id) => id.toLowerCase())) : null;
    const listed = await this.list(conferenceId, this.config.publicUrl!);
    const chosen = listed.points.filter((p) => !wanted || wanted.has(p.pointId));
    const unknown = wanted ? [...wanted].filter((id) => !listed.points.some((p) => p.pointId === id)) : [];
    if (unknown.length) {
      throw DomainError.notFound(ErrorCode.PointNotInConference, `${unknown.length} of these points do not take part in this conference.`, { unknown });
    }
    const recipientOf = (p: OperatorLinkDto) => (req.channel === 'email' ? p.operatorEmail : p.operatorPhone);
    const sendable = chosen.filter((p) => recipientOf(p) && !(req.onlyUnsent && p[req.channel]?.status === 'sent'));
    const withoutAddress = chosen.filter((p) => !recipientOf(p)).length;
    if (sendable.length === 0) return { jobId: '', queued: 0, withoutAddress };
    for (let i = 0; i < sendable.length; i += 500) {
      const slice = sendable.slice(i, i + 500);
      const params: unknown[] = [conferenceId, req.channel];
      const values = slice.map((p) => {
        params.push(p.pointId, recipientOf(p));
        return `($1, $${params.length - 1}::uuid, $2, 'queued', $${params.length})`;
      });
      await this.dataSource.query(
        `INSERT INTO link_deliveries (conference_id, point_id, channel, status, recipient) VALUES ${values.join(', ')}
         ON CONFLICT (conference_id, point_id, channel)
         DO UPDATE SET status = 'queued', recipient = EXCLUDED.recipient, error = NULL, updated_at = now()`,
        params,
      );
    }
    const jobId = randomUUID();
    await this.queue.add(
      'send-links',
      { conferenceId, channel: req.channel, pointIds: sendable.map((p) => p.pointId) },
      { jobId, attempts: 1, ...JOB_RETENTION },
    );
    return { jobId, queued: sendable.length, withoutAddress };
  }
}

function toDelivery(r: DeliveryRow | undefined): LinkDelivery | null {
  if (!r) return null;
  return { status: r.status, recipient: r.recipient, at: r.updated_at.toISOString(), attempts: r.attempts, error: r.error };
}
