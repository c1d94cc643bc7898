import { Injectable, Logger } from '@nestjs/common';
import type { AuditEntryDto, AuditPage } from '@bridgepoint/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { currentActor } from '../common/request-context';

export interface AuditInput {
  action: string;
  conferenceId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  conference_id: string | null;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** Keys never written to the log, whatever an action carries. */
const SECRET_KEYS = new Set(['password', 'passwordHash', 'currentPassword', 'newPassword', 'joinCode', 'accessToken', 'token']);

function scrub(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_KEYS.has(k)).map(([k, v]) => [k, scrub(v)]));
  }
  return value;
}

/** Organizer and admin actions: who, what, when, on what, before and after. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Records an action by whoever is acting now; inside `m`'s transaction when given (then it commits with the change). */
  async record(input: AuditInput, m: EntityManager = this.dataSource.manager): Promise<void> {
    const actor = currentActor();
    try {
      await m.query(
        `INSERT INTO audit_log (actor_id, actor, action, conference_id, target_type, target_id, before, after, ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          actor.id,
          actor.name,
          input.action,
          input.conferenceId ?? null,
          input.targetType ?? null,
          input.targetId ?? null,
          JSON.stringify(scrub(input.before)),
          JSON.stringify(scrub(input.after)),
          actor.ip,
        ],
      );
    } catch (e) {
      if (m !== this.dataSource.manager) throw e;
      this.logger.error(`Audit entry "${input.action}" not written: ${(e as Error).message}`);
    }
  }

  /** Newest first, `limit` per page; `before` is the id to continue below. */
  async list(filter: { conferenceId?: string; before?: string; limit: number }): Promise<AuditPage> {
    const params: unknown[] = [filter.limit + 1];
    const where: string[] = [];
    if (filter.conferenceId) {
      params.push(filter.conferenceId);
      where.push(`conference_id = $${params.length}`);
    }
    if (filter.before) {
      params.push(filter.before);
      where.push(`id < $${params.length}::bigint`);
    }
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT id::text, at, actor, action, conference_id, target_type, target_id, before, after, ip
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT $1`,
      params,
    );
    const more = rows.length > filter.limit;
    const items = rows.slice(0, filter.limit).map(toDto);
    return { items, nextBefore: more ? items[items.length - 1].id : null };
  }
}

function toDto(r: AuditRow): AuditEntryDto {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    conferenceId: r.conference_id,
    targetType: r.target_type,
    targetId: r.target_id,
    before: r.before,
    after: r.after,
    ip: r.ip,
  };
}
