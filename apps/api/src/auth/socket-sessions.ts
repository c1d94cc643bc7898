import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ErrorCode, Principal } from '@bridgepoint/contracts';
import type { Socket } from 'socket.io';
import { DomainError } from '../common/domain-error';
import { ConferenceAccess, UUID } from './conference-access';
import { PrincipalStates, Revocation } from './principal-states';
import { TokenService } from './token.service';

export interface SocketSession {
  principal: Principal;
  conferenceId: string;
  expiresAt: number;
}

/** How a gateway tells its client why it is being disconnected (its own error event), then closes it. */
export type Kick = (code: string, message: string) => void;

interface Tracked {
  socket: Socket;
  namespace: string;
  token: string;
  session: SocketSession;
  kick: Kick;
  openedAt: number;
}

const SWEEP_MS = 5000;

const principalKey = (p: Principal) =>
  p.kind === 'user' ? `user:${p.userId}` : p.kind === 'point' ? `point:${p.conferenceId}:${p.pointId}` : `delegate:${p.conferenceId}:${p.delegateId}`;

/**
 * The sockets of every namespace, by who opened them. A socket is authenticated once, at its handshake,
 * and then watched: it is closed when its token expires, when its session is revoked (signed out,
 * role changed, disabled, join code rotated, removed from the staff) and, past a cap per point, when a
 * newer one of the same point takes its place.
 */
@Injectable()
export class SocketSessions implements OnModuleInit, OnModuleDestroy {
  private readonly byPrincipal = new Map<string, Set<Tracked>>();
  private readonly handshakes = new WeakMap<Socket, { session?: SocketSession & { token: string }; refusal?: unknown }>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly tokens: TokenService,
    private readonly access: ConferenceAccess,
    private readonly states: PrincipalStates,
  ) {}

  onModuleInit() {
    this.states.onRevoked((r) => void this.revoked(r));
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  onModuleDestroy() {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /**
   * socket.io namespace middleware: checks the handshake before the client is told it is connected, so
   * the gateway's `handleConnection` runs synchronously and no client event can race the check. A
   * refusal is kept for the gateway to send as its own error event.
   */
  middleware() {
    return (socket: Socket, next: (err?: Error) => void) => {
      this.authenticate(socket.handshake.auth).then(
        (session) => {
          this.handshakes.set(socket, { session });
          next();
        },
        (refusal: unknown) => {
          this.handshakes.set(socket, { refusal });
          next();
        },
      );
    };
  }

  /** The session the middleware established for this socket; throws the reason it was refused. */
  sessionOf(socket: Socket): SocketSession & { token: string } {
    const h = this.handshakes.get(socket);
    this.handshakes.delete(socket);
    if (h?.session) return h.session;
    throw h?.refusal ?? DomainError.unauthenticated('Send {token, conferenceId} in the handshake auth.');
  }

  /** Checks a handshake's `{token, conferenceId}`: a valid token of someone allowed in that conference. */
  async authenticate(auth: unknown): Promise<SocketSession & { token: string }> {
    const { token, conferenceId } = (auth ?? {}) as { token?: unknown; conferenceId?: unknown };
    if (typeof token !== 'string' || token === '' || token.length > 4096) {
      throw DomainError.unauthenticated('Send {token, conferenceId} in the handshake auth.');
    }
    if (typeof conferenceId !== 'string' || !UUID.test(conferenceId)) {
      throw DomainError.badRequest(ErrorCode.ValidationFailed, 'conferenceId must be a conference id (UUID).');
    }
    const { principal, expiresAt } = await this.tokens.authenticate(token);
    await this.access.assert(principal, conferenceId.toLowerCase());
    return { token, principal, conferenceId: conferenceId.toLowerCase(), expiresAt };
  }

  /**
   * Watches an authenticated socket until it disconnects. `capPerPoint`: at most this many sockets of
   * one point in this namespace on this process; the oldest beyond it is closed.
   */
  track(socket: Socket, namespace: string, session: SocketSession & { token: string }, kick: Kick, capPerPoint?: number) {
    const key = principalKey(session.principal);
    let set = this.byPrincipal.get(key);
    if (!set) this.byPrincipal.set(key, (set = new Set()));
    const tracked: Tracked = { socket, namespace, token: session.token, session, kick, openedAt: Date.now() };
    set.add(tracked);
    socket.once('disconnect', () => {
      set.delete(tracked);
      if (set.size === 0 && this.byPrincipal.get(key) === set) this.byPrincipal.delete(key);
    });
    if (capPerPoint !== undefined && session.principal.kind === 'point') {
      const same = [...set].filter((t) => t.namespace === namespace).sort((a, b) => a.openedAt - b.openedAt);
      for (const old of same.slice(0, Math.max(0, same.length - capPerPoint))) {
        old.kick(ErrorCode.ConnectionReplaced, 'This point opened the page again elsewhere: this window was disconnected.');
      }
    }
  }

  /** Sockets open on this process (for metrics and tests). */
  count(): number {
    let n = 0;
    for (const set of this.byPrincipal.values()) n += set.size;
    return n;
  }

  private async revoked(r: Revocation) {
    if (r.kind === 'conference') return;
    const key =
      r.kind === 'point' ? `point:${r.conferenceId}:${r.pointId}` : r.kind === 'delegate' ? `delegate:${r.conferenceId}:${r.delegateId}` : `user:${r.userId}`;
    const affected = [...(this.byPrincipal.get(key) ?? [])].filter((t) => r.kind === 'user' || t.session.conferenceId === r.conferenceId);
    for (const t of affected) {
      try {
        // The cache was just cleared: this reads the new state.
        const { principal } = await this.tokens.authenticate(t.token);
        await this.access.assert(principal, t.session.conferenceId);
      } catch (e) {
        const err = e instanceof DomainError ? e : null;
        t.kick(err?.code ?? ErrorCode.SessionEnded, err?.message ?? 'Your session ended.');
      }
    }
  }

  private sweep() {
    const now = Date.now();
    for (const set of this.byPrincipal.values()) {
      for (const t of set) {
        if (t.session.expiresAt <= now) t.kick(ErrorCode.Unauthenticated, 'Your session has expired: sign in again.');
      }
    }
  }
}
