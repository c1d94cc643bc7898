import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DelegateConfirmation,
  DelegateMe,
  DelegateSessionRequest,
  DelegateSessionResponse,
  ErrorCode,
  foldText,
  Principal,
  RoomCodeResponse,
  RoomInfo,
  RoomRosterEntry,
} from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { PrincipalStates } from '../auth/principal-states';
import { TokenService } from '../auth/token.service';
import { DomainError } from '../common/domain-error';
import { returned } from '../common/returned';
import { RateLimiter } from '../common/rate-limit';
import { SecretsService } from '../common/secrets.service';
import { openRoomCode, periodAt, RoomCode, roomCodeExpiry, roomCodeFor } from './room-codes';

interface DelegateRow {
  id: string;
  code: string;
  full_name: string;
  point_id: string | null;
  birth_year: number | null;
  phone: string | null;
}

/** Wrong confirmations of one delegate allowed per 15 minutes (a birth year has ~80 plausible values). */
const CONFIRMATION_FAILURES = 5;
/** Unknown delegate codes and refs per address per minute. */
const LOOKUP_FAILURES_PER_MINUTE = 30;
const ROSTER_LIMIT = 20;

const roomInvalid = () =>
  new DomainError(ErrorCode.RoomCodeInvalid, 'This check-in code has expired or is not valid: scan the code on the room\'s screen again.', 401);

/**
 * Delegates on their own phones. A room's screen shows a code that changes every minute; a phone that
 * scanned it proves it is in the room, says which delegate it is (the code on the invitation, or a name
 * from the room's roster plus a confirmation), and gets a token of its own. One phone per delegate.
 */
@Injectable()
export class DelegateSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretsService,
    private readonly tokens: TokenService,
    private readonly states: PrincipalStates,
    private readonly limiter: RateLimiter,
  ) {}

  /** The code the room's screen shows now (its operator asks for it every minute). */
  async roomCode(conferenceId: string, pointId: string): Promise<RoomCodeResponse> {
    const conference = await this.states.conference(conferenceId, { pointId, issuedAt: Date.now() });
    if (!conference?.generations.has(pointId)) {
      throw DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
    }
    const period = periodAt(Date.now());
    return { roomCode: roomCodeFor(await this.secrets.roomCodeKey(), conferenceId, pointId, period), expiresAt: roomCodeExpiry(period).toISOString() };
  }

  async room(code: string): Promise<RoomInfo> {
    const room = await this.open(code);
    const [row]: { title: string; status: RoomInfo['conferenceStatus']; code: string; name: string }[] = await this.dataSource.query(
      `SELECT c.title, c.status, p.code, p.name FROM conference_points cp
         JOIN conferences c ON c.id = cp.conference_id JOIN bridge_points p ON p.id = cp.point_id
        WHERE cp.conference_id = $1 AND cp.point_id = $2`,
      [room.conferenceId, room.pointId],
    );
    if (!row) throw roomInvalid();
    return {
      conferenceId: room.conferenceId,
      conferenceTitle: row.title,
      conferenceStatus: row.status,
      pointId: room.pointId,
      pointCode: row.code,
      pointName: row.name,
      expiresAt: roomCodeExpiry(room.period).toISOString(),
    };
  }

  /** Delegates of the room's point whose name matches (with or without diacritics); at least two letters. */
  async roster(code: string, search: string): Promise<RoomRosterEntry[]> {
    const room = await this.open(code);
    const needle = foldText(search);
    if (needle.length < 2) {
      throw DomainError.badRequest(ErrorCode.ValidationFailed, 'Type at least two letters of your name.');
    }
    const rows: (DelegateRow & { title: string | null; unit: string | null; checked_in: boolean })[] = await this.dataSource.query(
      `SELECT d.id, d.code, d.full_name, d.point_id, d.birth_year, d.phone, d.title, d.unit,
              (dc.delegate_id IS NOT NULL) AS checked_in
         FROM delegates d
         LEFT JOIN delegate_checkins dc ON dc.conference_id = $1 AND dc.delegate_id = d.id
        WHERE d.point_id = $2 AND d.search_name LIKE '%' || $3 || '%'
        ORDER BY d.full_name LIMIT $4`,
      [room.conferenceId, room.pointId, needle, ROSTER_LIMIT],
    );
    const key = await this.secrets.roomCodeKey();
    return rows.map((r) => ({
      ref: refFor(key, room, r.id),
      fullName: r.full_name,
      title: r.title,
      unit: r.unit,
      confirm: confirmationOf(r),
      checkedIn: r.checked_in,
    }));
  }

  async openSession(req: DelegateSessionRequest, ip: string): Promise<DelegateSessionResponse> {
    const room = await this.open(req.roomCode);
    const [conference]: { status: string; allow_cross: boolean }[] = await this.dataSource.query(
      'SELECT status, allow_cross_point_checkin AS allow_cross FROM conferences WHERE id = $1',
      [room.conferenceId],
    );
    if (!conference) throw roomInvalid();
    if (conference.status === 'ended') throw DomainError.conflict(ErrorCode.ConferenceEnded, 'The conference has ended.');

    const lookup = `delegate-lookup-fail:${ip}`;
    await this.limiter.check([lookup], LOOKUP_FAILURES_PER_MINUTE, 60, 'Too many unknown codes from this network. Wait a minute and try again.');
    const delegate = await this.findDelegate(req, room);
    if (!delegate) {
      await this.limiter.count([lookup], 60);
      throw DomainError.notFound(ErrorCode.DelegateNotFound, 'No delegate with this code. Check the code on your invitation, or find your name.');
    }
    if (req.ref) await this.confirm(delegate, req.confirmation, room.conferenceId);
    if (delegate.point_id !== room.pointId && !conference.allow_cross) {
      throw new DomainError(ErrorCode.DelegateOfAnotherPoint, 'You are registered at another bridge point: check in there.', 403);
    }

    // A client that names no device gets a new one each time: a second request is a second phone.
    const device = req.deviceId ?? `anonymous:${randomUUID()}`;
    const rows: { generation: number }[] = await this.dataSource.query(
      `INSERT INTO delegate_sessions (conference_id, delegate_id, point_id, device_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conference_id, delegate_id) DO UPDATE
         SET point_id = EXCLUDED.point_id, device_id = EXCLUDED.device_id, released_at = NULL, opened_at = now(),
             generation = CASE WHEN delegate_sessions.released_at IS NULL THEN delegate_sessions.generation
                               ELSE delegate_sessions.generation + 1 END
       WHERE delegate_sessions.released_at IS NOT NULL OR delegate_sessions.device_id = EXCLUDED.device_id
       RETURNING generation`,
      [room.conferenceId, delegate.id, room.pointId, device],
    );
    if (rows.length === 0) {
      throw DomainError.conflict(
        ErrorCode.DelegateSignedInElsewhere,
        'You already opened the conference on another phone. Use that phone, or ask the room\'s operator to release it.',
      );
    }
    const accessToken = await this.tokens.signDelegate({
      delegateId: delegate.id,
      delegateCode: delegate.code,
      conferenceId: room.conferenceId,
      pointId: room.pointId,
      generation: rows[0].generation,
    });
    return { accessToken, delegateId: delegate.id, pointId: room.pointId, conferenceId: room.conferenceId };
  }

  async me(p: Principal & { kind: 'delegate' }): Promise<DelegateMe> {
    const [row]: { code: string; full_name: string; title: string | null; unit: string | null; point_name: string; checked_in_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT d.code, d.full_name, d.title, d.unit, p.name AS point_name, dc.checked_in_at
           FROM delegates d JOIN bridge_points p ON p.id = $3
           LEFT JOIN delegate_checkins dc ON dc.conference_id = $1 AND dc.delegate_id = d.id
          WHERE d.id = $2`,
        [p.conferenceId, p.delegateId, p.pointId],
      );
    if (!row) throw DomainError.unauthenticated('This delegate no longer exists.');
    return {
      delegateId: p.delegateId,
      code: row.code,
      fullName: row.full_name,
      title: row.title,
      unit: row.unit,
      pointId: p.pointId,
      pointName: row.point_name,
      checkedInAt: row.checked_in_at?.toISOString() ?? null,
    };
  }

  /** A lost or changed phone: the operator of the room (or an organizer) releases the delegate's session. */
  async release(conferenceId: string, delegateCode: string, operatorPointId: string | null): Promise<void> {
    const rows = returned<{ delegate_id: string }>(
      await this.dataSource.query(
      `UPDATE delegate_sessions s SET released_at = now(), device_id = NULL, generation = generation + 1
         FROM delegates d
        WHERE s.conference_id = $1 AND s.delegate_id = d.id AND d.code = $2 AND s.released_at IS NULL
          AND ($3::uuid IS NULL OR s.point_id = $3)
        RETURNING s.delegate_id`,
        [conferenceId, delegateCode.trim().toUpperCase(), operatorPointId],
      ),
    );
    if (rows.length === 0) throw DomainError.notFound(ErrorCode.DelegateNotFound, 'This delegate has no open session in this room.');
    await this.states.revoke({ kind: 'delegate', conferenceId, delegateId: rows[0].delegate_id, reason: 'released by the room' });
  }

  private async open(code: string): Promise<RoomCode> {
    const room = openRoomCode(await this.secrets.roomCodeKey(), code, Date.now());
    if (!room) throw roomInvalid();
    return room;
  }

  private async findDelegate(req: DelegateSessionRequest, room: RoomCode): Promise<DelegateRow | null> {
    const select = 'SELECT id, code, full_name, point_id, birth_year, phone FROM delegates';
    if (req.delegateCode) {
      const [row]: DelegateRow[] = await this.dataSource.query(`${select} WHERE code = $1`, [req.delegateCode.trim().toUpperCase()]);
      return row ?? null;
    }
    const id = req.ref ? openRef(await this.secrets.roomCodeKey(), room, req.ref) : null;
    if (!id) return null;
    const [row]: DelegateRow[] = await this.dataSource.query(`${select} WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** Found by name: the birth year, or the last four digits of the phone, when the registry has them. */
  private async confirm(d: DelegateRow, answer: string | undefined, conferenceId: string): Promise<void> {
    const kind = confirmationOf(d);
    if (!kind) return;
    if (!answer) {
      throw DomainError.badRequest(
        ErrorCode.DelegateConfirmationRequired,
        kind === 'birthYear' ? 'Enter your year of birth.' : 'Enter the last four digits of your phone number.',
        { confirm: kind },
      );
    }
    const bucket = `delegate-confirm-fail:${conferenceId}:${d.id}`;
    await this.limiter.check([bucket], CONFIRMATION_FAILURES, 900, 'Too many wrong answers for this delegate. Ask the room\'s operator.');
    const expected = kind === 'birthYear' ? String(d.birth_year) : d.phone!.replace(/\D/g, '').slice(-4);
    if (answer.trim() !== expected) {
      await this.limiter.count([bucket], 900);
      throw new DomainError(ErrorCode.DelegateConfirmationWrong, 'That does not match the registry. Try again, or ask the room\'s operator.', 401);
    }
  }
}

function confirmationOf(d: Pick<DelegateRow, 'birth_year' | 'phone'>): DelegateConfirmation | null {
  if (d.birth_year) return 'birthYear';
  if (d.phone && d.phone.replace(/\D/g, '').length >= 4) return 'phoneLast4';
  return null;
}

/** A delegate found by name in one room, without telling the phone their invitation code. */
function refFor(key: Buffer, room: RoomCode, delegateId: string): string {
  const id = Buffer.from(delegateId.replace(/-/g, ''), 'hex');
  const mac = createHmac('sha256', key).update(`ref|${room.conferenceId}|${room.pointId}|${delegateId}`).digest().subarray(0, 10);
  return Buffer.concat([id, mac]).toString('base64url');
}

function openRef(key: Buffer, room: RoomCode, ref: string): string | null {
  if (!/^[A-Za-z0-9_-]{35}$/.test(ref)) return null;
  const raw = Buffer.from(ref, 'base64url');
  if (raw.length !== 26) return null;
  const h = raw.subarray(0, 16).toString('hex');
  const delegateId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  const expected = Buffer.from(refFor(key, room, delegateId), 'base64url').subarray(16);
  return timingSafeEqual(expected, raw.subarray(16)) ? delegateId : null;
}
