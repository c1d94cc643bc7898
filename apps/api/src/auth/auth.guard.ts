import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, Principal, UserRole } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { TokenService } from './token.service';
import { ALLOW_POINT, IS_PUBLIC, ROLES } from './principal';

/** Every route needs a valid token unless marked @Public(); roles and operator access are opt-in per route. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly tokens: TokenService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw DomainError.unauthenticated('Sign in first: this request has no access token.');
    const principal = await this.tokens.verify(match[1]);
    req.principal = principal;

    if (principal.kind === 'point') {
      if (this.reflector.getAllAndOverride<boolean>(ALLOW_POINT, targets)) return true;
      throw new DomainError(ErrorCode.Forbidden, 'A point operator cannot do this.', 403);
    }
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (!roles || principal.role === 'admin' || roles.includes(principal.role)) return true;
    throw new DomainError(ErrorCode.Forbidden, `This needs one of these roles: ${roles.join(', ')}.`, 403);
  }
}
