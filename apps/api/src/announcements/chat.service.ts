import { Injectable } from '@nestjs/common';
import { type ChatMessageDto, type ChatSide, type ChatThreadDto, type ChatThreadSummaryDto, ErrorCode, type Principal } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AnnouncementsRelay } from './announcements-relay';

interface Row {
  seq: string;
  id: string;
  conference_id: string;
  point_id: string;
  from_side: ChatSide;
  author: string | null;
  text: string;
  created_at: Date;
}

/** The latest messages a thread shows. */
const THREAD_LIMIT = 200;
const COLUMNS = 'm.seq, m.id, m.conference_id, m.point_id, m.from_side, m.author, m.text, m.created_at';
/** Messages of the thread (conference `$1`, point `$2`) from the other side than `$3`, after what `$3` read. */
const UNREAD = `(SELECT count(*) FROM chat_messages u
   WHERE u.conference_id = $1 AND u.point_id = $2 AND u.from_side <> $3
     AND u.seq > COALESCE((SELECT r.last_read_seq FROM chat_reads r WHERE r.conference_id = $1 AND r.point_id = $2 AND r.side = $3), 0))::int`;

const sideOf = (p: Principal): ChatSide => (p.kind === 'point' ? 'point' : 'control');

/**
 * The thread between the control room (organizers and moderators, as one side) and each point's operators.
 * Kept in Postgres with how far each side has read; every message and read is pushed to `/live`.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: AnnouncementsRelay,
  ) {}

  async thread(conferenceId: string, pointId: string, asker: Principal): Promise<ChatThreadDto> {
    await this.assertParticipant(conferenceId, pointId, asker);
    const rows = (await this.dataSource.query(
      `SELECT * FROM (SELECT ${COLUMNS} FROM chat_messages m WHERE m.conference_id = $1 AND m.point_id = $2 ORDER BY m.seq DESC LIMIT ${THREAD_LIMIT}) t ORDER BY seq`,
      [conferenceId, pointId],
    )) as Row[];
    const [{ unread }] = (await this.dataSource.query(`SELECT ${UNREAD} AS unread`, [conferenceId, pointId, sideOf(asker)])) as { unread: number }[];
    return { pointId, messages: rows.map(toDto), unread };
  }

  async post(conferenceId: string, pointId: string, text: string, by: Principal): Promise<ChatMessageDto> {
    await this.assertParticipant(conferenceId, pointId, by);
    const side = sideOf(by);
    const rows = (await this.dataSource.query(
      `WITH m AS (
         INSERT INTO chat_messages (conference_id, point_id, from_side, author, text)
         VALUES ($1, $2, $3, (SELECT display_name FROM users WHERE id = $4::uuid), $5)
         RETURNING *
       ), r AS (
         INSERT INTO chat_reads (conference_id, point_id, side, last_read_seq) SELECT conference_id, point_id, from_side, seq FROM m
         ON CONFLICT (conference_id, point_id, side) DO UPDATE SET last_read_seq = GREATEST(chat_reads.last_read_seq, EXCLUDED.last_read_seq)
       )
       SELECT ${COLUMNS} FROM m`,
      [conferenceId, pointId, side, by.kind === 'user' ? by.userId : null, text],
    )) as Row[];
    const message = toDto(rows[0]);
    this.relay.publish({ kind: 'chat', message });
    return message;
  }

  /** The asker's side has read the thread up to its latest message. */
  async read(conferenceId: string, pointId: string, asker: Principal): Promise<ChatThreadDto> {
    await this.assertParticipant(conferenceId, pointId, asker);
    const side = sideOf(asker);
    const changed = (await this.dataSource.query(
      `INSERT INTO chat_reads (conference_id, point_id, side, last_read_seq)
       SELECT $1::uuid, $2::uuid, $3::varchar, max(seq) FROM chat_messages WHERE conference_id = $1 AND point_id = $2 HAVING max(seq) IS NOT NULL
       ON CONFLICT (conference_id, point_id, side) DO UPDATE SET last_read_seq = EXCLUDED.last_read_seq
         WHERE chat_reads.last_read_seq < EXCLUDED.last_read_seq
       RETURNING last_read_seq`,
      [conferenceId, pointId, side],
    )) as unknown[];
    if (changed.length > 0) this.relay.publish({ kind: 'read', read: { conferenceId, pointId, side } });
    return this.thread(conferenceId, pointId, asker);
  }

  /** The control room's list: every point with a thread, latest message first, with its unread count. */
  async threads(conferenceId: string): Promise<ChatThreadSummaryDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS}, p.code, p.name,
              (SELECT count(*) FROM chat_messages u
                WHERE u.conference_id = m.conference_id AND u.point_id = m.point_id AND u.from_side = 'point'
                  AND u.seq > COALESCE(r.last_read_seq, 0))::int AS unread
         FROM (SELECT DISTINCT ON (point_id) * FROM chat_messages WHERE conference_id = $1 ORDER BY point_id, seq DESC) m
         JOIN bridge_points p ON p.id = m.point_id
         LEFT JOIN chat_reads r ON r.conference_id = m.conference_id AND r.point_id = m.point_id AND r.side = 'control'
        ORDER BY m.seq DESC`,
      [conferenceId],
    )) as (Row & { code: string; name: string; unread: number })[];
    return rows.map((r) => ({ pointId: r.point_id, code: r.code, name: r.name, unread: r.unread, last: toDto(r) }));
  }

  private async assertParticipant(conferenceId: string, pointId: string, p: Principal) {
    if (p.kind === 'point' && p.pointId !== pointId) throw DomainError.forbidden('This join code is for another point.');
    const rows = (await this.dataSource.query('SELECT 1 FROM conference_points WHERE conference_id = $1 AND point_id = $2', [conferenceId, pointId])) as unknown[];
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
  }
}

function toDto(r: Row): ChatMessageDto {
  return {
    id: r.id,
    conferenceId: r.conference_id,
    pointId: r.point_id,
    from: r.from_side,
    author: r.author,
    text: r.text,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
