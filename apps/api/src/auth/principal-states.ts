import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ConferenceStatus, UserRole } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MESSAGE_BUS, type MessageBus, type Subscription } from '../coordination/message-bus';

/** How long a cached answer stands without a notice: the worst delay of a revocation while Redis is down. */
export const STATE_TTL_MS = 30_000;
/** A cached conference that does not know a staff member is read again if at least this old. */
const RELOAD_AFTER_MISS_MS = 250;

export interface UserState { username: string; role: UserRole; tokenVersion: number; disabled: boolean }
interface ConferenceState { status: ConferenceStatus; generations: Map<string, number>; staff: Set<string> }

/** Something that ends sessions: every process drops what it cached and closes the matching sockets. */
export type Revocation =
  | { kind: 'user'; userId: string; reason: string }
  | { kind: 'point'; conferenceId: string; pointId: string; reason: string }
  | { kind: 'staff'; conferenceId: string; userId: string; reason: string }
  | { kind: 'delegate'; conferenceId: string; delegateId: string; reason: string }
  | { kind: 'conference'; conferenceId: string; reason: string };

interface Entry<T> { at: number; value: Promise<T> }

/**
 * What a token is checked against on every request and handshake: a user's role, token version and
 * whether it is disabled; a conference's status, its points' join-code generations and its staff.
 * Read from PostgreSQL once and cached per process (concurrent readers share one query, so 23,000
 * handshakes after a restart cost one query per conference); a change is announced on the message bus (Redis,
 * or this process alone), so every process forgets it at once and closes the sockets it ends.
 */
@Injectable()
export class PrincipalStates implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrincipalStates.name);
  private readonly users = new Map<string, Entry<UserState | null>>();
  private readonly conferences = new Map<string, Entry<ConferenceState | null>>();
  /** Per conference: each delegate's session generation (23,041 entries for the reference event, one query). */
  private readonly delegates = new Map<string, Entry<Map<string, number>>>();
  private readonly listeners: ((r: Revocation) => void)[] = [];
  private readonly channel: string;
  private subscription: Subscription | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.channel = `${config.redisPrefix}:auth:revoked`;
  }

  async onModuleInit() {
    this.subscription = this.bus.subscribe(
      this.channel,
      (raw) => {
        try {
          this.apply(JSON.parse(raw) as Revocation);
        } catch {
          // not ours
        }
      },
      // Cached answers could be stale after a gap in notices: forget them all whenever the subscription (re)starts.
      () => {
        this.users.clear();
        this.conferences.clear();
        this.delegates.clear();
      },
    );
    await this.subscription.ready.catch((e: Error) => this.logger.warn(`Revocation notices off until Redis answers: ${e.message}`));
  }

  onModuleDestroy() {
    this.subscription?.close();
  }

  onRevoked(listener: (r: Revocation) => void) {
    this.listeners.push(listener);
  }

  /** Announces a revocation to every process (this one included, at once). Call after the change is committed. */
  async revoke(r: Revocation): Promise<void> {
    this.apply(r);
    await this.bus.publish(this.channel, JSON.stringify(r)).catch((e: Error) => {
      this.logger.warn(`Revocation not announced (Redis: ${e.message}); other processes apply it within ${STATE_TTL_MS / 1000} s`);
    });
  }

  user(userId: string): Promise<UserState | null> {
    return this.cached(this.users, userId, async () => {
      const rows: { username: string; role: UserRole; token_version: number; disabled_at: Date | null }[] = await this.dataSource.query(
        'SELECT username, role, token_version, disabled_at FROM users WHERE id = $1',
        [userId],
      );
      const r = rows[0];
      return r ? { username: r.username, role: r.role, tokenVersion: r.token_version, disabled: r.disabled_at !== null } : null;
    });
  }

  /**
   * A conference's state. `mustKnow` names a point (with when its token was issued) or a user that a
   * cached copy does not know: when that copy may predate it (loaded before the token was issued, or a
   * moment ago for a staff member), the state is read again once, so a point added or a staff member
   * named just now is not refused.
   */
  async conference(conferenceId: string, mustKnow?: { pointId?: string; issuedAt?: number; userId?: string }): Promise<ConferenceState | null> {
    const state = await this.loadConference(conferenceId);
    const hit = this.conferences.get(conferenceId);
    if (!mustKnow || !state || !hit) return state;
    const missingPoint = mustKnow.pointId !== undefined && !state.generations.has(mustKnow.pointId);
    const missingUser = mustKnow.userId !== undefined && !state.staff.has(mustKnow.userId);
    const stale =
      (missingPoint && hit.at <= (mustKnow.issuedAt ?? Date.now()) + 1000) || (missingUser && Date.now() - hit.at > RELOAD_AFTER_MISS_MS);
    if (!stale) return state;
    this.conferences.delete(conferenceId);
    return this.loadConference(conferenceId);
  }

  /** The current session generation of a delegate (undefined: no open session), read again once if the cache may predate the token. */
  async delegateGeneration(conferenceId: string, delegateId: string, issuedAt: number): Promise<number | undefined> {
    const load = () =>
      this.cached(this.delegates, conferenceId, async () => {
        const rows: { delegate_id: string; generation: number }[] = await this.dataSource.query(
          'SELECT delegate_id, generation FROM delegate_sessions WHERE conference_id = $1 AND released_at IS NULL',
          [conferenceId],
        );
        return new Map(rows.map((r) => [r.delegate_id, r.generation]));
      });
    const generations = await load();
    const hit = this.delegates.get(conferenceId);
    if (generations.has(delegateId) || !hit || hit.at > issuedAt + 1000) return generations.get(delegateId);
    this.delegates.delete(conferenceId);
    return (await load()).get(delegateId);
  }

  private loadConference(conferenceId: string): Promise<ConferenceState | null> {
    return this.cached(this.conferences, conferenceId, async () => {
      const [conf]: { status: ConferenceStatus }[] = await this.dataSource.query('SELECT status FROM conferences WHERE id = $1', [conferenceId]);
      if (!conf) return null;
      const [points, staff]: [{ point_id: string; join_code_generation: number }[], { user_id: string }[]] = await Promise.all([
        this.dataSource.query('SELECT point_id, join_code_generation FROM conference_points WHERE conference_id = $1', [conferenceId]),
        this.dataSource.query('SELECT user_id FROM conference_staff WHERE conference_id = $1', [conferenceId]),
      ]);
      return {
        status: conf.status,
        generations: new Map(points.map((p) => [p.point_id, p.join_code_generation])),
        staff: new Set(staff.map((s) => s.user_id)),
      };
    });
  }

  private apply(r: Revocation) {
    if (r.kind === 'user') this.users.delete(r.userId);
    else if (r.kind === 'delegate') this.delegates.delete(r.conferenceId);
    else this.conferences.delete(r.conferenceId);
    for (const l of this.listeners) {
      try {
        l(r);
      } catch (e) {
        this.logger.error((e as Error).stack ?? String(e));
      }
    }
  }

  private cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && Date.now() - hit.at < STATE_TTL_MS) return hit.value;
    const value = load();
    const entry = { at: Date.now(), value };
    map.set(key, entry);
    // A failed read is not remembered.
    value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    if (map.size > 50_000) map.delete(map.keys().next().value!);
    return value;
  }
}
