import { ErrorCode, type QuestionDto, type SpeakRequestDto } from '@bridgepoint/contracts';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { POINT_DISTRICT, POINT_UNITS_JOIN } from '../units/unit-sql';

/** Questions with their point, unit and district, in the shape of QuestionDto. */
export const QUESTION_SELECT = `
  SELECT q.id, q.conference_id, q.point_id, p.code AS point_code, p.name AS point_name, u.name AS unit,
         ${POINT_DISTRICT} AS district,
         q.asked_by, q.agenda_item_id, q.text, q.original_text, q.status, q.reject_reason, q.merged_into,
         q.position, q.version, q.created_at, q.updated_at,
         (SELECT count(*)::int FROM questions m WHERE m.merged_into = q.id) AS merged_count
    FROM questions q
    JOIN bridge_points p ON p.id = q.point_id
    ${POINT_UNITS_JOIN}`;

export const QUESTION_ORDER = `ORDER BY (q.status = 'approved') DESC, q.position NULLS LAST, q.created_at, q.id`;

/** The fields questions and requests to speak share: themselves, their conference, their point. */
function pointFields(r: Record<string, unknown>) {
  return {
    id: r.id as string,
    conferenceId: r.conference_id as string,
    pointId: r.point_id as string,
    pointCode: r.point_code as string,
    pointName: r.point_name as string,
    unit: (r.unit as string | null) ?? null,
  };
}

export function toQuestionDto(r: Record<string, unknown>): QuestionDto {
  return {
    ...pointFields(r),
    district: (r.district as string | null) ?? null,
    askedBy: (r.asked_by as string | null) ?? null,
    agendaItemId: (r.agenda_item_id as string | null) ?? null,
    text: r.text as string,
    originalText: (r.original_text as string | null) ?? null,
    status: r.status as QuestionDto['status'],
    rejectReason: (r.reject_reason as string | null) ?? null,
    mergedInto: (r.merged_into as string | null) ?? null,
    position: r.status === 'approved' ? (r.position as number | null) : null,
    mergedCount: r.merged_count as number,
    createdAt: (r.created_at as Date).toISOString(),
    updatedAt: (r.updated_at as Date).toISOString(),
    version: r.version as number,
  };
}

const SPEAK_COLUMNS = `s.id, s.conference_id, s.point_id, p.code AS point_code, p.name AS point_name, u.name AS unit,
         s.topic, s.status, s.seq, s.requested_at, s.decided_at`;
const SPEAK_FROM = `FROM speak_requests s
    JOIN bridge_points p ON p.id = s.point_id
    LEFT JOIN units u ON u.id = p.unit_id`;

/** Requests to speak with their point, in the shape of SpeakRequestDto. */
export const SPEAK_SELECT = `SELECT ${SPEAK_COLUMNS} ${SPEAK_FROM}`;
/** The latest request of each point. */
export const SPEAK_LATEST_SELECT = `SELECT DISTINCT ON (s.point_id) ${SPEAK_COLUMNS} ${SPEAK_FROM}`;

export function toSpeakDto(r: Record<string, unknown>): SpeakRequestDto {
  return {
    ...pointFields(r),
    topic: (r.topic as string | null) ?? null,
    status: r.status as SpeakRequestDto['status'],
    seq: Number(r.seq),
    requestedAt: (r.requested_at as Date).toISOString(),
    decidedAt: r.decided_at ? (r.decided_at as Date).toISOString() : null,
  };
}

/** A point may send questions and ask for the floor while it takes part in a conference that has not ended. */
export async function assertPointMayAsk(m: EntityManager, conferenceId: string, pointId: string): Promise<void> {
  const rows: { status: string }[] = await m.query(
    `SELECT c.status FROM conference_points cp JOIN conferences c ON c.id = cp.conference_id
      WHERE cp.conference_id = $1 AND cp.point_id = $2`,
    [conferenceId, pointId],
  );
  if (rows.length === 0) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
  if (rows[0].status === 'ended') throw DomainError.conflict(ErrorCode.ConferenceEnded, 'The conference has ended: questions and requests to speak are closed.');
}
