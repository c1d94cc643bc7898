import { Injectable } from '@nestjs/common';
import { ErrorCode, type PointRehearsalDto, type RehearsalReport } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { LiveNotifier } from '../live/live-notifier';
import { RehearsalRelay } from './rehearsal-relay';

interface AnswerRow {
  rehearsal: PointRehearsalDto['rehearsal'];
  rehearsal_problem: PointRehearsalDto['problem'];
  rehearsal_note: string | null;
  rehearsal_at: Date | null;
}

/** Each point's answer during a rehearsal: "picture and sound received", or what was missing. */
@Injectable()
export class RehearsalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: RehearsalRelay,
    private readonly live: LiveNotifier,
  ) {}

  async report(conferenceId: string, pointId: string, report: RehearsalReport): Promise<PointRehearsalDto> {
    const rows: (AnswerRow & { status: string | null; in_conference: boolean })[] = await this.dataSource.query(
      `WITH target AS (
         SELECT c.status, cp.point_id IS NOT NULL AS in_conference
           FROM conferences c
           LEFT JOIN conference_points cp ON cp.conference_id = c.id AND cp.point_id = $2
          WHERE c.id = $1
       ), answer AS (
         INSERT INTO point_presence (conference_id, point_id, rehearsal, rehearsal_problem, rehearsal_note, rehearsal_at)
         SELECT $1, $2, $3, $4, $5, now() FROM target WHERE status = 'rehearsal' AND in_conference
         ON CONFLICT (conference_id, point_id) DO UPDATE
           SET rehearsal = EXCLUDED.rehearsal, rehearsal_problem = EXCLUDED.rehearsal_problem,
               rehearsal_note = EXCLUDED.rehearsal_note, rehearsal_at = EXCLUDED.rehearsal_at
         RETURNING rehearsal, rehearsal_problem, rehearsal_note, rehearsal_at
       )
       SELECT t.status, t.in_conference, a.* FROM target t LEFT JOIN answer a ON true`,
      [conferenceId, pointId, report.received ? 'confirmed' : 'problem', report.received ? null : report.problem, report.note?.trim() || null],
    );
    const row = rows[0];
    if (!row) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    if (!row.in_conference) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
    if (!row.rehearsal_at) {
      throw DomainError.conflict(
        ErrorCode.ConferenceNotInRehearsal,
        'The conference is not in rehearsal: picture and sound are confirmed during a rehearsal.',
        { status: row.status },
      );
    }
    const answer = toDto(conferenceId, pointId, row);
    this.relay.publish(answer);
    this.live.changed(conferenceId, pointId);
    return answer;
  }
}

function toDto(conferenceId: string, pointId: string, r: AnswerRow): PointRehearsalDto {
  return {
    conferenceId,
    pointId,
    rehearsal: r.rehearsal,
    problem: r.rehearsal_problem,
    note: r.rehearsal_note,
    at: r.rehearsal_at ? new Date(r.rehearsal_at).toISOString() : null,
  };
}
