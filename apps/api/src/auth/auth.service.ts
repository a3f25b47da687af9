import { formatInstant } from '@pilot/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import type { ChangePasswordInput, Locale, LoginInput, UserRole } from '@pilot/domain';
import { hashPassword, needsRehash, newToken, verifyPassword } from '@pilot/security';
import { AuditService } from '../platform/audit/audit.service.js';
import { InvalidCredentialsError, ThrottledError } from '../platform/errors/api-errors.js';
import { LoginThrottle, type Attempt } from '../platform/auth/login-throttle.js';
import type { Principal } from '../platform/auth/principal.js';
import { SessionStore } from '../platform/auth/session.store.js';
import { PRISMA } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import { assertAcceptablePassword } from './password-rules.js';

export interface SessionView {
  token: string;
  /** When the token stops working if unused (each request moves it on, never past `endsAt`). */
  expiresAt: string;
  /** When the sign-in ends however busy: log in again then. */
  endsAt: string;
  user: UserView;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  firmId: string | null;
  /** The password was set by an admin (or is the demo one): choose your own before anything else. */
  mustChangePassword: boolean;
}

/** Who is asking, as the controller sees the request. */
export interface ClientInfo {
  /** The client's address (X-Forwarded-For from a trusted proxy, else the peer). */
  address: string;
  userAgent: string | null;
  requestId: string;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Counts the attempt before checking it (see LoginThrottle), so neither parallel nor sequential
   * guessing gets past the limits; an unknown username costs the same hash work and is counted the
   * same way as a known one, so neither the answer nor its timing tells which accounts exist.
   */
  async login(input: LoginInput, client: ClientInfo): Promise<SessionView> {
    const attempt = await this.throttle.begin(input.username, client.address);
    if (attempt.blockedUntil) throw new ThrottledError(attempt.blockedUntil);
    const user = await this.prisma.user.findUnique({ where: { username: input.username } });
    const known = user !== null && user.active;
    const right = await verifyPassword(input.password, known ? user.passwordHash : DUMMY_HASH);
    if (!known || !right) {
      await this.refused(attempt, known ? user : null, client);
      throw new InvalidCredentialsError();
    }
    await this.throttle.succeeded(attempt);
    const rehash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
    const actor = { userId: user.id, role: user.role, requestId: client.requestId };
    const entry = {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { address: client.address },
    };
    if (rehash) {
      await this.audit.within(
        actor,
        (tx) => tx.user.update({ where: { id: user.id }, data: { passwordHash: rehash } }),
        () => entry,
      );
    } else {
      await this.audit.record(actor, entry);
    }
    const session = await this.sessions.create(user.id, client.userAgent);
    return sessionView(session, user);
  }

  /** A wrong password: blocks keys at their limit and records the failure against a real account. */
  private async refused(
    attempt: Attempt,
    user: { id: string; role: UserRole } | null,
    client: ClientInfo,
  ): Promise<void> {
    const blockedUntil = await this.throttle.failed(attempt);
    if (user) {
      await this.audit.record(
        { userId: user.id, role: user.role, requestId: client.requestId },
        {
          action: blockedUntil ? 'auth.locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          after: {
            address: client.address,
            ...(blockedUntil ? { blockedUntil: formatInstant(blockedUntil) } : {}),
          },
        },
      );
    }
    if (blockedUntil) throw new ThrottledError(blockedUntil);
  }

  /**
   * 修改密码: proven with the current password (counted like a log-in, so a stolen session cannot
   * guess it), held to the policy, then every other session of the user ends.
   */
  async changePassword(principal: Principal, input: ChangePasswordInput, client: ClientInfo, locale: Locale) {
    const attempt = await this.throttle.begin(principal.username, client.address);
    if (attempt.blockedUntil) throw new ThrottledError(attempt.blockedUntil);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      const blockedUntil = await this.throttle.failed(attempt);
      if (blockedUntil) throw new ThrottledError(blockedUntil);
      throw fieldError('currentPassword', locale, {
        zh: '当前密码不正确',
        en: 'is not your current password',
      });
    }
    await this.throttle.succeeded(attempt);
    assertAcceptablePassword('newPassword', input.newPassword, user, locale);
    const passwordHash = await hashPassword(input.newPassword);
    await this.audit.within(
      principal,
      (tx) =>
        tx.user.update({
          where: { id: user.id },
          data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
        }),
      () => ({ action: 'auth.password_changed', entityType: 'user', entityId: user.id }),
    );
    await this.sessions.revokeAllOf(user.id, principal.sessionId);
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
  }

  /** Rotation: a fresh token replaces the current one, which stops working at once; the end stays. */
  async refresh(principal: Principal, userAgent: string | null): Promise<SessionView> {
    const session = await this.sessions.create(principal.userId, userAgent, {
      from: principal.sessionId,
      endsAt: principal.sessionEndsAt,
    });
    await this.sessions.revoke(principal.sessionId);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } });
    return sessionView(session, user);
  }

  async me(principal: Principal): Promise<UserView> {
    return toUserView(await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } }));
  }
}

/** A real scrypt hash of a random password, verified against when the user does not exist. */
const DUMMY_HASH = await hashPassword(newToken());

function sessionView(
  session: { token: string; expiresAt: Date; endsAt: Date },
  user: Parameters<typeof toUserView>[0],
): SessionView {
  return {
    token: session.token,
    expiresAt: formatInstant(session.expiresAt),
    endsAt: formatInstant(session.endsAt),
    user: toUserView(user),
  };
}

export function toUserView(user: {
  id: string;
  username: string;
  displayName: string;
  role: string;
  firmId: string | null;
  mustChangePassword: boolean;
}): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    // The column is the Role enum, whose values are USER_ROLES.
    role: user.role as UserRole,
    firmId: user.firmId,
    mustChangePassword: user.mustChangePassword,
  };
}
