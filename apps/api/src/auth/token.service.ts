import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { ErrorCode, Principal } from '@bridgepoint/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { SecretsService } from '../common/secrets.service';
import { PrincipalStates } from './principal-states';
import { VerifiedTokens } from './verified-tokens';

/** A user token names the user and the token version it was issued under; the role is read, not trusted. */
interface UserClaims { typ: 'user'; sub: string; ver: number }
/** An operator token names the point, the conference and the join-code generation it was opened with. */
interface PointClaims { typ: 'point'; sub: string; cid: string; gen: number }
/** A delegate's token: the delegate, their code, the room's point and conference, the session generation. */
interface DelegateClaims { typ: 'delegate'; sub: string; dc: string; cid: string; pid: string; gen: number }
type Claims = Partial<Omit<UserClaims, 'typ'> & Omit<PointClaims, 'typ'> & Omit<DelegateClaims, 'typ'>> & { typ?: string; exp?: number; iat?: number };
/** Claims of a token signed with our key, with an expiry and a subject. */
type Verified = Claims & { exp: number; sub: string };

export interface Authenticated {
  principal: Principal;
  /** When the token stops being valid (ms since the epoch): sockets are closed then. */
  expiresAt: number;
}

const invalid = () => new DomainError(ErrorCode.Unauthenticated, 'The access token is not valid: sign in again.', 401);

/**
 * Signs and checks access tokens (HS256). A valid signature is not enough: the token's version (users)
 * or join-code generation (operators) must still be the current one, so signing out, a password or
 * role change, disabling an account or rotating a join code ends its tokens at once.
 */
@Injectable()
export class TokenService {
  private readonly verified = new VerifiedTokens<Verified>();

  constructor(
    private readonly secrets: SecretsService,
    private readonly states: PrincipalStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signUser(user: { id: string; tokenVersion: number }): Promise<string> {
    const claims: UserClaims = { typ: 'user', sub: user.id, ver: user.tokenVersion };
    return this.sign(claims, this.config.jwtUserTtlSeconds);
  }

  async signPoint(conferenceId: string, pointId: string, generation: number): Promise<string> {
    const claims: PointClaims = { typ: 'point', sub: pointId, cid: conferenceId, gen: generation };
    return this.sign(claims, this.config.jwtPointTtlSeconds);
  }

  async signDelegate(d: { delegateId: string; delegateCode: string; conferenceId: string; pointId: string; generation: number }): Promise<string> {
    const claims: DelegateClaims = { typ: 'delegate', sub: d.delegateId, dc: d.delegateCode, cid: d.conferenceId, pid: d.pointId, gen: d.generation };
    return this.sign(claims, this.config.jwtPointTtlSeconds);
  }

  private async sign(claims: object, ttlSeconds: number): Promise<string> {
    const token = jwt.sign(claims, await this.secrets.jwtKey(), { algorithm: 'HS256', expiresIn: ttlSeconds });
    // Its first use (a phone connecting right after opening its session) needs no signature check here.
    this.verified.remember(token, jwt.decode(token) as Verified);
    return token;
  }

  async verify(token: string): Promise<Principal> {
    return (await this.authenticate(token)).principal;
  }

  async authenticate(token: string): Promise<Authenticated> {
    const claims = this.verified.get(token) ?? (await this.checkSignature(token));
    const expiresAt = claims.exp * 1000;
    if (claims.typ === 'user' && typeof claims.ver === 'number') {
      const user = await this.states.user(claims.sub);
      if (!user) throw new DomainError(ErrorCode.SessionEnded, 'This account no longer exists.', 401);
      if (user.disabled) throw new DomainError(ErrorCode.SessionEnded, 'This account has been disabled. Ask an administrator.', 401);
      if (user.tokenVersion !== claims.ver) throw new DomainError(ErrorCode.SessionEnded, 'You were signed out: sign in again.', 401);
      return { principal: { kind: 'user', userId: claims.sub, username: user.username, role: user.role }, expiresAt };
    }
    if (claims.typ === 'point' && typeof claims.cid === 'string' && typeof claims.gen === 'number') {
      const conference = await this.states.conference(claims.cid, { pointId: claims.sub, issuedAt: (claims.iat ?? 0) * 1000 });
      const generation = conference?.generations.get(claims.sub);
      if (generation === undefined) {
        throw new DomainError(ErrorCode.JoinCodeInvalid, 'This point no longer takes part in this conference. Check with the organizers.', 401);
      }
      if (generation !== claims.gen) {
        throw new DomainError(ErrorCode.JoinCodeRotated, 'The join code of this point was changed: open the new link from the organizers.', 401);
      }
      return { principal: { kind: 'point', pointId: claims.sub, conferenceId: claims.cid }, expiresAt };
    }
    if (claims.typ === 'delegate' && typeof claims.cid === 'string' && typeof claims.pid === 'string' && typeof claims.dc === 'string' && typeof claims.gen === 'number') {
      const generation = await this.states.delegateGeneration(claims.cid, claims.sub, (claims.iat ?? 0) * 1000);
      if (generation !== claims.gen) {
        throw new DomainError(ErrorCode.SessionEnded, 'This phone was signed out of the conference: scan the room\'s code again.', 401);
      }
      return {
        principal: { kind: 'delegate', delegateId: claims.sub, delegateCode: claims.dc, pointId: claims.pid, conferenceId: claims.cid },
        expiresAt,
      };
    }
    throw invalid();
  }

  /** The claims of a token signed with our key that has not expired (remembered until it does). */
  private async checkSignature(token: string): Promise<Verified> {
    let claims: Claims;
    try {
      claims = jwt.verify(token, await this.secrets.jwtKey(), { algorithms: ['HS256'] }) as Claims;
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError') {
        throw new DomainError(ErrorCode.Unauthenticated, 'Your session has expired: sign in again.', 401);
      }
      throw invalid();
    }
    // A token that never expires is not one we issued.
    if (typeof claims.exp !== 'number' || typeof claims.sub !== 'string') throw invalid();
    const checked = claims as Verified;
    this.verified.remember(token, checked);
    return checked;
  }
}
