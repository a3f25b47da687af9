import { formatInstant } from '@pilot/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import type { LoginInput, UserRole } from '@pilot/domain';
import { hashPassword, needsRehash, newToken, verifyPassword } from '@pilot/security';
import { AuditService } from '../platform/audit/audit.service.js';
import { InvalidCredentialsError, LockedError } from '../platform/errors/api-errors.js';
import type { Principal } from '../platform/auth/principal.js';
import { SessionStore } from '../platform/auth/session.store.js';
import { PRISMA } from '../platform/tokens.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface SessionView {
  token: string;
  expiresAt: string;
  user: UserView;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  firmId: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /**
   * Checks the password; after MAX_FAILED_LOGINS failures in a row the account is locked for
   * LOCKOUT_MS. An unknown user costs the same hash work as a known one, so timing tells nothing.
   */
  async login(input: LoginInput, userAgent: string | null, requestId: string): Promise<SessionView> {
    const user = await this.prisma.user.findUnique({ where: { username: input.username } });
    if (!user || !user.active) {
      await verifyPassword(input.password, DUMMY_HASH);
      throw new InvalidCredentialsError();
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw new LockedError(user.lockedUntil);
    const actor = { userId: user.id, role: user.role, requestId };
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      const failed = user.failedLogins + 1;
      const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(Date.now() + LOCKOUT_MS) : null;
      await this.audit.within(
        actor,
        (tx) =>
          tx.user.update({
            where: { id: user.id },
            data: { failedLogins: lockedUntil ? 0 : failed, lockedUntil },
          }),
        () => ({
          action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: { failedLogins: failed },
        }),
      );
      if (lockedUntil) throw new LockedError(lockedUntil);
      throw new InvalidCredentialsError();
    }
    const rehash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
    await this.audit.within(
      actor,
      (tx) =>
        tx.user.update({
          where: { id: user.id },
          data: { failedLogins: 0, lockedUntil: null, ...(rehash ? { passwordHash: rehash } : {}) },
        }),
      () => ({ action: 'auth.login', entityType: 'user', entityId: user.id }),
    );
    const session = await this.sessions.create(user.id, userAgent);
    return { token: session.token, expiresAt: formatInstant(session.expiresAt), user: toUserView(user) };
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
  }

  /** Rotation: a fresh token replaces the current one, which stops working at once. */
  async refresh(principal: Principal, userAgent: string | null): Promise<SessionView> {
    const session = await this.sessions.create(principal.userId, userAgent, principal.sessionId);
    await this.sessions.revoke(principal.sessionId);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
    return { token: session.token, expiresAt: formatInstant(session.expiresAt), user: toUserView(user) };
  }

  async me(principal: Principal): Promise<UserView> {
    return toUserView(await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } }));
  }
}

/** A real scrypt hash of a random password, verified against when the user does not exist. */
const DUMMY_HASH = await hashPassword(newToken());

export function toUserView(user: {
  id: string;
  username: string;
  displayName: string;
  role: string;
  firmId: string | null;
}): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as UserRole,
    firmId: user.firmId,
  };
}
