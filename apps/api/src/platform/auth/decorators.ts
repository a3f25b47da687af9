import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@pilot/domain';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';

export const ROLES_KEY = 'pilot:roles';
export const PUBLIC_KEY = 'pilot:public';
export const BEFORE_PASSWORD_CHANGE_KEY = 'pilot:before-password-change';

/** The roles allowed on a route; every non-public route must say (the guard refuses routes that do not). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without logging in (health, log-in, the API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A route open to a user who must still replace an admin-set password (修改密码, 我的信息, 退出). */
export const OpenBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The caller the guard authenticated. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentUser on a route without authentication');
  return request.principal;
});
