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

/** Who may call a route, from its decorators (the method's own, else its controller's). */
export interface RouteAccess {
  public: boolean;
  /** Signed-in users may call it (with `roles`, only those; admins always). */
  users: boolean;
  roles: UserRole[] | null;
  pointOperator: boolean;
  delegate: boolean;
  /** The path parameter naming the conference the route acts on (see ConferenceScoped), or null. */
  conferenceParam: string | null;
}

export function routeAccess(handler: object, controller: object): RouteAccess {
  const read = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller);
  return {
    public: read<boolean>(IS_PUBLIC) === true,
    users: read<boolean>(NO_USERS) !== true,
    roles: read<UserRole[]>(ROLES) ?? null,
    pointOperator: read<boolean>(ALLOW_POINT) === true,
    delegate: read<boolean>(ALLOW_DELEGATE) === true,
    conferenceParam: read<string>(CONFERENCE_PARAM) ?? null,
  };
}

/** The auth guard's decision on a signed-in principal's kind and role (the conference's staff is checked apart). */
export function assertAllowed(principal: Principal, access: RouteAccess): void {
  if (principal.kind === 'point') {
    if (!access.pointOperator) throw new DomainError(ErrorCode.Forbidden, 'A point operator cannot do this.', 403);
  } else if (principal.kind === 'delegate') {
    if (!access.delegate) throw new DomainError(ErrorCode.Forbidden, 'A delegate cannot do this.', 403);
  } else if (!access.users) {
    throw DomainError.forbidden(access.pointOperator ? 'Only a point operator can do this, for their own point.' : 'Only a delegate can do this, from their own phone.');
  } else if (access.roles && principal.role !== 'admin' && !access.roles.includes(principal.role)) {
    throw new DomainError(ErrorCode.Forbidden, `This needs one of these roles: ${access.roles.join(', ')}.`, 403);
  }
}

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);

/** Operators act only inside their own conference (the guard checks users' staff membership). */
export function assertConferenceScope(principal: Principal, conferenceId: string) {
  if (principal.kind !== 'user' && principal.conferenceId !== conferenceId) {
    throw new DomainError(ErrorCode.Forbidden, 'This join code is for another conference.', 403);
  }
}
