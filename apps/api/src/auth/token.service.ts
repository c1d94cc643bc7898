import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode, Principal, USER_ROLES, UserRole } from '@bridgepoint/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { SecretsService } from '../common/secrets.service';

interface UserClaims { typ: 'user'; sub: string; name: string; role: UserRole }
interface PointClaims { typ: 'point'; sub: string; cid: string }

/** Signs and checks access tokens (HS256) for users and for point operators. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly secrets: SecretsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signUser(user: { id: string; username: string; role: UserRole }): Promise<string> {
    const claims: UserClaims = { typ: 'user', sub: user.id, name: user.username, role: user.role };
    return this.jwt.signAsync(claims, {
      secret: await this.secrets.jwtSecret(),
      expiresIn: this.config.jwtUserTtlSeconds,
    });
  }

  async signPoint(conferenceId: string, pointId: string): Promise<string> {
    const claims: PointClaims = { typ: 'point', sub: pointId, cid: conferenceId };
    return this.jwt.signAsync(claims, {
      secret: await this.secrets.jwtSecret(),
      expiresIn: this.config.jwtPointTtlSeconds,
    });
  }

  async verify(token: string): Promise<Principal> {
    let claims: Partial<Omit<UserClaims, 'typ'> & Omit<PointClaims, 'typ'>> & { typ?: string };
    try {
      claims = await this.jwt.verifyAsync(token, { secret: await this.secrets.jwtSecret(), algorithms: ['HS256'] });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new DomainError(
        ErrorCode.Unauthenticated,
        expired ? 'Your session has expired: sign in again.' : 'The access token is not valid: sign in again.',
        401,
      );
    }
    if (claims.typ === 'user' && claims.sub && claims.name && USER_ROLES.includes(claims.role as UserRole)) {
      return { kind: 'user', userId: claims.sub, username: claims.name, role: claims.role as UserRole };
    }
    if (claims.typ === 'point' && claims.sub && claims.cid) {
      return { kind: 'point', pointId: claims.sub, conferenceId: claims.cid };
    }
    throw new DomainError(ErrorCode.Unauthenticated, 'The access token is not valid: sign in again.', 401);
  }
}
