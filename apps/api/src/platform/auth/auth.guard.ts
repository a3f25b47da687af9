import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@pilot/domain';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from '../errors/api-errors.js';
import {
  BEFORE_PASSWORD_CHANGE_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  type AuthenticatedRequest,
} from './decorators.js';

/** `Bearer <token>`, the scheme in any case (RFC 7235: auth schemes are case-insensitive). */
const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;
import { SessionStore } from './session.store.js';

/**
 * Global guard: every route is closed unless marked @Public; an open route needs a valid session
 * and one of the roles it declares with @Roles. A route that declares no roles is refused, so a
 * forgotten decorator fails closed. A user whose password an admin set reaches only the routes
 * marked @OpenBeforePasswordChange until they choose their own.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionStore) private readonly sessions: SessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = BEARER.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
    if (!token) throw new UnauthenticatedError('missing bearer token');
    const principal = await this.sessions.authenticate(token, String(request.id));
    if (!principal) throw new UnauthenticatedError('session expired or unknown');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(principal.role))
      throw new ForbiddenError(`role ${principal.role} may not call this route`);
    if (
      principal.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)
    )
      throw new PasswordChangeRequiredError('the password an admin set must be changed first');
    return true;
  }
}
