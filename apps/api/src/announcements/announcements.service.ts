import { Injectable } from '@nestjs/common';
import { type AnnouncementDto, ErrorCode, type Principal } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { AnnouncementsRelay } from './announcements-relay';

interface Row {
  id: string;
  conference_id: string;
  text: string;
  district_id: string | null;
  district_name: string | null;
  created_at: Date;
  created_by: string | null;
  recipients: number;
  acknowledged: number;
  acknowledged_at: Date | null;
}

/** The district of a point (aliased `p`, its unit `u`): its own unit, or its ward's parent; null for city agencies. */
const DISTRICT_OF_POINT = `CASE WHEN u.kind = 'district' THEN u.id WHEN u.kind = 'ward' THEN u.parent_id END`;

/** A notice (aliased `a`) with its counts; `$2` is the asking point (null for staff). */
const SELECT_NOTICES = `
  SELECT a.id, a.conference_id, a.text, a.district_id, a.district_name, a.created_at, us.display_name AS created_by,
         (SELECT count(*) FROM conference_points cp
            JOIN bridge_points p ON p.id = cp.point_id
            LEFT JOIN units u ON u.id = p.unit_id
           WHERE cp.conference_id = a.conference_id
             AND (a.district_id IS NULL OR ${DISTRICT_OF_POINT} = a.district_id))::int AS recipients,
         (SELECT count(*) FROM announcement_acks k
            JOIN conference_points cp ON cp.conference_id = a.conference_id AND cp.point_id = k.point_id
           WHERE k.announcement_id = a.id)::int AS acknowledged,
         (SELECT k.acknowledged_at FROM announcement_acks k WHERE k.announcement_id = a.id AND k.point_id = $2::uuid) AS acknowledged_at
    FROM announcements a
    LEFT JOIN users us ON us.id = a.created_by`;

/** The latest notices a list shows. */
const LIST_LIMIT = 200;

/**
 * Notices from the organizers to the points of a conference: all of them, or one district's. Each is
 * kept with its acknowledgements; the counts are read from Postgres and pushed to the `/live` sockets
 * after every change (see AnnouncementsRelay).
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly relay: AnnouncementsRelay,
  ) {}

  async create(conferenceId: string, text: string, districtId: string | null, by: Principal): Promise<AnnouncementDto> {
    let districtName: string | null = null;
    if (districtId) {
      const unit = (await this.dataSource.query(`SELECT name FROM units WHERE id = $1 AND kind = 'district'`, [districtId])) as { name: string }[];
      if (unit.length === 0) throw DomainError.notFound(ErrorCode.UnitNotFound, 'No district with this id.');
      districtName = unit[0].name;
    }
    const userId = by.kind === 'user' ? by.userId : null;
    const rows = (await this.dataSource.query(
      `INSERT INTO announcements (conference_id, district_id, district_name, text, created_by)
       SELECT c.id, $2, $3, $4, (SELECT id FROM users WHERE id = $5::uuid) FROM conferences c WHERE c.id = $1
       RETURNING id`,
      [conferenceId, districtId, districtName, text, userId],
    )) as { id: string }[];
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    const notice = await this.one(conferenceId, rows[0].id, null);
    await this.audit.record({
      action: 'announcement.send',
      conferenceId,
      targetType: 'announcement',
      targetId: notice.id,
      before: null,
      after: { text, districtId, district: districtName },
    });
    this.relay.sent(notice, await this.addressedPoints(notice));
    return notice;
  }

  /** Staff: every notice of the conference, newest first. An operator: those addressed to its point. */
  async list(conferenceId: string, asker: Principal): Promise<AnnouncementDto[]> {
    const pointId = asker.kind === 'point' ? asker.pointId : null;
    const district = pointId ? await this.districtOf(conferenceId, pointId) : null;
    const rows = (await this.dataSource.query(
      `${SELECT_NOTICES}
       WHERE a.conference_id = $1 ${pointId ? 'AND (a.district_id IS NULL OR a.district_id = $3::uuid)' : ''}
       ORDER BY a.created_at DESC, a.id LIMIT ${LIST_LIMIT}`,
      pointId ? [conferenceId, pointId, district] : [conferenceId, null],
    )) as Row[];
    return rows.map(toDto);
  }

  /** The point's operator acknowledges the notice; acknowledging again changes nothing. */
  async acknowledge(conferenceId: string, announcementId: string, pointId: string): Promise<AnnouncementDto> {
    const notice = await this.one(conferenceId, announcementId, pointId);
    if (notice.districtId && notice.districtId !== (await this.districtOf(conferenceId, pointId))) {
      throw DomainError.forbidden('This notice is not addressed to your point.');
    }
    const inserted = (await this.dataSource.query(
      `INSERT INTO announcement_acks (announcement_id, point_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING acknowledged_at`,
      [announcementId, pointId],
    )) as unknown[];
    const after = await this.one(conferenceId, announcementId, pointId);
    if (inserted.length > 0) this.relay.changed({ ...after, acknowledgedAt: null }, { pointId, notice: after });
    return after;
  }

  private async one(conferenceId: string, id: string, pointId: string | null): Promise<AnnouncementDto> {
    const rows = (await this.dataSource.query(`${SELECT_NOTICES} WHERE a.id = $1 AND a.conference_id = $3`, [id, pointId, conferenceId])) as Row[];
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.NotFound, 'No notice with this id in this conference.');
    return toDto(rows[0]);
  }

  /** The district of a point of the conference (null: a city agency, or not a point of it). */
  private async districtOf(conferenceId: string, pointId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${DISTRICT_OF_POINT} AS district_id FROM conference_points cp
         JOIN bridge_points p ON p.id = cp.point_id LEFT JOIN units u ON u.id = p.unit_id
        WHERE cp.conference_id = $1 AND cp.point_id = $2`,
      [conferenceId, pointId],
    )) as { district_id: string | null }[];
    return rows[0]?.district_id ?? null;
  }

  private async addressedPoints(notice: AnnouncementDto): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT cp.point_id FROM conference_points cp
         JOIN bridge_points p ON p.id = cp.point_id LEFT JOIN units u ON u.id = p.unit_id
        WHERE cp.conference_id = $1 AND ($2::uuid IS NULL OR ${DISTRICT_OF_POINT} = $2::uuid)`,
      [notice.conferenceId, notice.districtId],
    )) as { point_id: string }[];
    return rows.map((r) => r.point_id);
  }
}

function toDto(r: Row): AnnouncementDto {
  return {
    id: r.id,
    conferenceId: r.conference_id,
    text: r.text,
    districtId: r.district_id,
    district: r.district_name,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    recipients: r.recipients,
    acknowledged: r.acknowledged,
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
  };
}
