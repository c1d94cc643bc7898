import { Injectable } from '@nestjs/common';
import { ErrorCode, type PointReadiness, type PointReadinessDto, type PreflightMeasurements, type ReadinessReport } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { ReadinessRelay } from './readiness-relay';

interface Row {
  readiness: PointReadiness;
  readiness_detail: string | null;
  readiness_at: Date | null;
  readiness_measurements: PreflightMeasurements | null;
}

const notInConference = () => DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');

/** Each point's pre-flight result (devices and a network test through the media server), as its operator stored it. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: ReadinessRelay,
  ) {}

  async get(conferenceId: string, pointId: string): Promise<PointReadinessDto> {
    const rows = (await this.dataSource.query(
      `SELECT coalesce(pp.readiness, 'untested') AS readiness, pp.readiness_detail, pp.readiness_at, pp.readiness_measurements
         FROM conference_points cp
         LEFT JOIN point_presence pp ON pp.conference_id = cp.conference_id AND pp.point_id = cp.point_id
        WHERE cp.conference_id = $1 AND cp.point_id = $2`,
      [conferenceId, pointId],
    )) as Row[];
    if (rows.length === 0) throw notInConference();
    return toDto(pointId, rows[0]);
  }

  /**
   * Stores the result (a failure needs its reason) and tells the control room. A point without a presence
   * row yet gets one dated at the epoch, so the presence transitions that follow still apply.
   */
  async store(conferenceId: string, pointId: string, report: ReadinessReport): Promise<PointReadinessDto> {
    const detail = report.result === 'failed' ? (report.detail ?? null) : null;
    if (report.result === 'failed' && !detail) {
      throw DomainError.badRequest(ErrorCode.ValidationFailed, 'Invalid request: a failed pre-flight needs its reason in detail.');
    }
    const rows = (await this.dataSource.query(
      `INSERT INTO point_presence AS pp (conference_id, point_id, changed_at, readiness, readiness_detail, readiness_at, readiness_measurements)
       SELECT cp.conference_id, cp.point_id, 'epoch', $3, $4, now(), $5::jsonb
         FROM conference_points cp WHERE cp.conference_id = $1 AND cp.point_id = $2
       ON CONFLICT (conference_id, point_id) DO UPDATE
         SET readiness = EXCLUDED.readiness, readiness_detail = EXCLUDED.readiness_detail,
             readiness_at = EXCLUDED.readiness_at, readiness_measurements = EXCLUDED.readiness_measurements
       RETURNING pp.readiness, pp.readiness_detail, pp.readiness_at, pp.readiness_measurements`,
      [conferenceId, pointId, report.result, detail, JSON.stringify(measurementsOf(report.measurements))],
    )) as Row[];
    if (rows.length === 0) throw notInConference();
    const dto = toDto(pointId, rows[0]);
    this.relay.publish({ conferenceId, pointId, readiness: dto.readiness, readinessDetail: dto.readinessDetail, at: dto.readinessAt! });
    return dto;
  }
}

/** Only the known fields, rounded: what is kept is what the board may show. */
function measurementsOf(m: PreflightMeasurements): PreflightMeasurements {
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
  return {
    sendKbps: round(m.sendKbps, 1),
    receiveKbps: round(m.receiveKbps, 1),
    lossPercent: round(m.lossPercent, 2),
    rttMs: m.rttMs === null ? null : round(m.rttMs, 1),
    ...(m.audioLevel !== undefined ? { audioLevel: m.audioLevel === null ? null : round(m.audioLevel, 2) } : {}),
    ...(m.camera !== undefined ? { camera: m.camera } : {}),
    ...(m.microphone !== undefined ? { microphone: m.microphone } : {}),
  };
}

function toDto(pointId: string, r: Row): PointReadinessDto {
  return {
    pointId,
    readiness: r.readiness,
    readinessDetail: r.readiness_detail,
    readinessAt: r.readiness_at ? new Date(r.readiness_at).toISOString() : null,
    measurements: r.readiness_measurements,
  };
}
