import { Injectable } from '@nestjs/common';
import { ConferencePointDto, ErrorCode, foldText, PointSessionResponse, PointStatus } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { returned } from '../common/returned';
import { SecretsService } from '../common/secrets.service';
import { TokenService } from '../auth/token.service';
import { PrincipalStates } from '../auth/principal-states';
import { AuditService } from '../audit/audit.service';
import { ConferencesService } from './conferences.service';
import { generateJoinCode, hashJoinCode, normalizeJoinCode, openJoinCode, sealJoinCode } from './join-codes';
import { POINT_DISTRICT, POINT_UNITS_JOIN } from '../units/unit-sql';

interface PointRowSql {
  id: string;
  code: string;
  name: string;
  unit_id: string | null;
  unit_name: string | null;
  district_name: string | null;
  address: string | null;
  expected_delegates: number;
  operator_name: string | null;
  operator_phone: string | null;
  operator_email: string | null;
  join_code_sealed: string;
  status: PointStatus;
}

/** Which points take part in a conference, and the join codes that let their operators in. */
@Injectable()
export class ConferencePointsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly conferences: ConferencesService,
    private readonly secrets: SecretsService,
    private readonly tokens: TokenService,
    private readonly states: PrincipalStates,
    private readonly audit: AuditService,
  ) {}

  async list(conferenceId: string, filter: { search?: string; unitId?: string } = {}): Promise<ConferencePointDto[]> {
    await this.conferences.require(conferenceId);
    const params: unknown[] = [conferenceId];
    let unitClause = '';
    if (filter.unitId) {
      params.push(filter.unitId);
      unitClause = 'AND (u.id = $2 OR u.parent_id = $2)';
    }
    const rows: PointRowSql[] = await this.dataSource.query(
      `SELECT p.id, p.code, p.name, p.unit_id, u.name AS unit_name,
              ${POINT_DISTRICT} AS district_name,
              p.address, p.expected_delegates, p.operator_name, p.operator_phone, p.operator_email, cp.join_code_sealed, cp.status
         FROM conference_points cp
         JOIN bridge_points p ON p.id = cp.point_id
         ${POINT_UNITS_JOIN}
        WHERE cp.conference_id = $1 ${unitClause}
        ORDER BY p.code`,
      params,
    );
    const needle = filter.search ? foldText(filter.search) : '';
    const key = await this.secrets.joinCodeKey();
    return rows
      .filter((r) => !needle || foldText(`${r.code} ${r.name}`).includes(needle))
      .map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        unit: r.unit_name,
        district: r.district_name,
        unitId: r.unit_id,
        address: r.address,
        expectedDelegates: r.expected_delegates,
        operatorName: r.operator_name,
        operatorPhone: r.operator_phone,
        operatorEmail: r.operator_email,
        joinCode: openJoinCode(r.join_code_sealed, key),
        status: r.status,
      }));
  }

  /** Adds points to a conference; points already in it keep their join codes. Returns how many were added. */
  async addPoints(conferenceId: string, pointIds: string[], manager: EntityManager = this.dataSource.manager): Promise<number> {
    if (pointIds.length === 0) return 0;
    const existing: { point_id: string }[] = await manager.query(
      'SELECT point_id FROM conference_points WHERE conference_id = $1',
      [conferenceId],
    );
    const have = new Set(existing.map((r) => r.point_id));
    const fresh = [...new Set(pointIds)].filter((id) => !have.has(id));
    const key = await this.secrets.joinCodeKey();
    let added = 0;
    for (let i = 0; i < fresh.length; i += 500) {
      const params: unknown[] = [conferenceId];
      const values = fresh.slice(i, i + 500).map((pointId) => {
        const code = generateJoinCode();
        params.push(pointId, hashJoinCode(code), sealJoinCode(code, key));
        const n = params.length;
        return `($1, $${n - 2}::uuid, $${n - 1}, $${n})`;
      });
      const res: unknown[] = await manager.query(
        `INSERT INTO conference_points (conference_id, point_id, join_code_hash, join_code_sealed)
         VALUES ${values.join(', ')} ON CONFLICT (conference_id, point_id) DO NOTHING RETURNING point_id`,
        params,
      );
      added += res.length;
    }
    return added;
  }

  async addByCodes(conferenceId: string, codes: string[]): Promise<{ added: number; unknown: string[] }> {
    await this.conferences.require(conferenceId);
    const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
    if (wanted.length === 0) return { added: 0, unknown: [] };
    const rows: { id: string; code: string }[] = await this.dataSource.query(
      `SELECT id, code FROM bridge_points WHERE code = ANY(string_to_array($1, E'\\x1f'))`,
      [wanted.join('\x1f')],
    );
    const found = new Set(rows.map((r) => r.code));
    const added = await this.addPoints(conferenceId, rows.map((r) => r.id));
    await this.audit.record({ action: 'conference.points.add', conferenceId, after: { codes: [...found], added } });
    return { added, unknown: wanted.filter((c) => !found.has(c)) };
  }

  /** Takes a point out of a conference; its operator's sessions end. */
  async remove(conferenceId: string, pointId: string): Promise<void> {
    const res = returned(
      await this.dataSource.query('DELETE FROM conference_points WHERE conference_id = $1 AND point_id = $2 RETURNING point_id', [
        conferenceId,
        pointId,
      ]),
    );
    if (res.length === 0) throw this.notInConference();
    await this.states.revoke({ kind: 'point', conferenceId, pointId, reason: 'point removed from the conference' });
    await this.audit.record({ action: 'conference.points.remove', conferenceId, targetType: 'point', targetId: pointId });
  }

  /**
   * A new code for the point; the old one stops working at once, and so do the operator sessions opened
   * with it (their tokens carry the code's generation): their pages must open the new link.
   */
  async rotate(conferenceId: string, pointId: string): Promise<string> {
    const code = generateJoinCode();
    const key = await this.secrets.joinCodeKey();
    const res = returned<{ join_code_generation: number }>(
      await this.dataSource.query(
        `UPDATE conference_points
            SET join_code_hash = $3, join_code_sealed = $4, join_code_generation = join_code_generation + 1
          WHERE conference_id = $1 AND point_id = $2 RETURNING join_code_generation`,
        [conferenceId, pointId, hashJoinCode(code), sealJoinCode(code, key)],
      ),
    );
    if (res.length === 0) throw this.notInConference();
    await this.states.revoke({ kind: 'point', conferenceId, pointId, reason: 'join code rotated' });
    await this.audit.record({
      action: 'point.join_code.rotate',
      conferenceId,
      targetType: 'point',
      targetId: pointId,
      after: { generation: res[0].join_code_generation },
    });
    return code;
  }

  /** Exchanges a join code for an operator token scoped to that point and conference (not once it has ended). */
  async openSession(joinCode: string): Promise<PointSessionResponse> {
    const code = normalizeJoinCode(joinCode);
    const rows: { conference_id: string; point_id: string; status: string; join_code_generation: number }[] = code
      ? await this.dataSource.query(
          `SELECT cp.conference_id, cp.point_id, c.status, cp.join_code_generation FROM conference_points cp
             JOIN conferences c ON c.id = cp.conference_id WHERE cp.join_code_hash = $1`,
          [hashJoinCode(code)],
        )
      : [];
    if (rows.length === 0) {
      throw new DomainError(ErrorCode.JoinCodeInvalid, 'This join code is not valid. Check it with the organizers.', 401);
    }
    const { conference_id: conferenceId, point_id: pointId, status, join_code_generation: generation } = rows[0];
    if (status === 'ended') throw DomainError.conflict(ErrorCode.ConferenceEnded, 'This conference has ended: its join links no longer open.');
    return { accessToken: await this.tokens.signPoint(conferenceId, pointId, generation), conferenceId, pointId };
  }

  private notInConference() {
    return DomainError.notFound(ErrorCode.PointNotInConference, 'This point does not take part in this conference.');
  }
}
