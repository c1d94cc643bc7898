import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ErrorCode, Principal, UserRole } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';

export const IS_PUBLIC = 'bp:public';
export const ROLES = 'bp:roles';
export const ALLOW_POINT = 'bp:allow-point';
export const CONFERENCE_PARAM = 'bp:conference-param';
export const ALLOW_DELEGATE = 'bp:allow-delegate';
export const NO_USERS = 'bp:no-users';

/** No token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Signed-in users with one of these roles (admin always passes). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);
/** Point operator tokens may also call this route; the handler checks the point. */
export const AllowPointOperator = () => SetMetadata(ALLOW_POINT, true);
/** A delegate's own token may call this route (their own conference; the handler checks the rest). */
export const AllowDelegate = () => SetMetadata(ALLOW_DELEGATE, true);
/** Signed-in users, admins included, may not call this route: it acts as a point or a delegate. */
export const NoUsers = () => SetMetadata(NO_USERS, true);
/**
 * The route acts on the conference named by this path parameter: the guard lets through only its staff
 * (and admins), and operators of its points.
 */
export const ConferenceScoped = (param = 'id') => SetMetadata(CONFERENCE_PARAM, param);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);

/** Operators act only inside their own conference (the guard checks users' staff membership). */
export function assertConferenceScope(principal: Principal, conferenceId: string) {
  if (principal.kind !== 'user' && principal.conferenceId !== conferenceId) {
    throw new DomainError(ErrorCode.Forbidden, 'This join code is for another conference.', 403);
  }
}
