import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, Principal, UserRole } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { requestContext } from '../common/request-context';
import { ConferenceAccess, UUID } from './conference-access';
import { TokenService } from './token.service';
import { ALLOW_DELEGATE, ALLOW_POINT, CONFERENCE_PARAM, IS_PUBLIC, NO_USERS, ROLES } from './principal';

interface GuardedRequest {
  headers: Record<string, string | undefined>;
  params: Record<string, string | undefined>;
  principal?: Principal;
}

/**
 * Every route needs a valid, unrevoked token unless marked @Public(); roles, operator access and the
 * conference's staff are checked here, before any handler runs.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly access: ConferenceAccess,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw DomainError.unauthenticated('Sign in first: this request has no access token.');
    const principal = await this.tokens.verify(match[1]);
    req.principal = principal;
    const context = requestContext.getStore();
    if (context) context.principal = principal;

    if (principal.kind === 'point') {
      if (!this.reflector.getAllAndOverride<boolean>(ALLOW_POINT, targets)) {
        throw new DomainError(ErrorCode.Forbidden, 'A point operator cannot do this.', 403);
      }
    } else if (principal.kind === 'delegate') {
      if (!this.reflector.getAllAndOverride<boolean>(ALLOW_DELEGATE, targets)) {
        throw new DomainError(ErrorCode.Forbidden, 'A delegate cannot do this.', 403);
      }
    } else if (this.reflector.getAllAndOverride<boolean>(NO_USERS, targets)) {
      throw DomainError.forbidden(
        this.reflector.getAllAndOverride<boolean>(ALLOW_POINT, targets)
          ? 'Only a point operator can do this, for their own point.'
          : 'Only a delegate can do this, from their own phone.',
      );
    } else {
      const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
      if (roles && principal.role !== 'admin' && !roles.includes(principal.role)) {
        throw new DomainError(ErrorCode.Forbidden, `This needs one of these roles: ${roles.join(', ')}.`, 403);
      }
    }
    const param = this.reflector.getAllAndOverride<string | undefined>(CONFERENCE_PARAM, targets);
    const conferenceId = param ? req.params[param] : undefined;
    // A malformed id is left to the route's validation (400); it reaches no handler either way.
    if (conferenceId && UUID.test(conferenceId)) await this.access.assert(principal, conferenceId);
    return true;
  }
}
