import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Principal } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { requestContext } from '../common/request-context';
import { ConferenceAccess, UUID } from './conference-access';
import { TokenService } from './token.service';
import { assertAllowed, routeAccess } from './principal';

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
    private readonly tokens: TokenService,
    private readonly access: ConferenceAccess,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const route = routeAccess(ctx.getHandler(), ctx.getClass());
    if (route.public) return true;
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw DomainError.unauthenticated('Sign in first: this request has no access token.');
    const principal = await this.tokens.verify(match[1]);
    req.principal = principal;
    const context = requestContext.getStore();
    if (context) context.principal = principal;

    assertAllowed(principal, route);
    const conferenceId = route.conferenceParam ? req.params[route.conferenceParam] : undefined;
    // A malformed id is left to the route's validation (400); it reaches no handler either way.
    if (conferenceId && UUID.test(conferenceId)) await this.access.assert(principal, conferenceId);
    return true;
  }
}
