import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  type CreateUserInput,
  type ListUsersQuery,
  type Locale,
  type ResetPasswordInput,
  type UpdateUserInput,
} from '@pilot/domain';
import { hashPassword } from '@pilot/security';
import { AuditService } from '../platform/audit/audit.service.js';
import { LoginThrottle } from '../platform/auth/login-throttle.js';
import { SessionStore } from '../platform/auth/session.store.js';
import { assertAcceptablePassword } from '../auth/password-rules.js';
import { fieldError } from '../platform/validation/field-error.js';
import type { Principal } from '../platform/auth/principal.js';
import { ConflictError, NotFoundError } from '../platform/errors/api-errors.js';
import { isUniqueViolation } from '../platform/errors/database-errors.js';
import type { Page } from '../platform/pagination.js';
import { UserRepository, type InspectorEntry, type UserRow } from './user.repository.js';

@Injectable()
export class UserService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<UserRow>> {
    const { rows, total } = await this.users.list(query);
    return { items: rows, total, page: query.page, pageSize: query.pageSize };
  }

  inspectors(): Promise<InspectorEntry[]> {
    return this.users.activeInspectors();
  }

  async create(actor: Principal, input: CreateUserInput, locale: Locale): Promise<UserRow> {
    if (await this.users.usernameTaken(input.username)) throw usernameTaken(input.username, locale);
    if (input.firmId && !(await this.users.firmExists(input.firmId))) {
      throw fieldError('firmId', locale, {
        zh: `没有编号为「${input.firmId}」的物业企业`,
        en: `there is no property firm ${input.firmId}`,
      });
    }
    if (input.communityId) await this.assertCommunity(input.communityId, locale);
    assertAcceptablePassword('password', input.password, { ...input, phone: input.phone ?? null }, locale);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.audit.within(
        actor,
        (tx) =>
          this.users.create(tx, {
            id: `usr-${randomUUID()}`,
            username: input.username,
            displayName: input.displayName,
            role: input.role,
            firmId: input.role === 'firm' ? (input.firmId ?? null) : null,
            communityId: input.communityId ?? null,
            phone: input.phone ?? null,
            email: input.email ?? null,
            passwordHash,
            // The admin knows this password; the user replaces it at first log-in.
            mustChangePassword: true,
          }),
        (user) => ({
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          after: { ...user, createdAt: undefined },
        }),
      );
    } catch (error) {
      // A concurrent create of the same username won between the check and the insert.
      if (isUniqueViolation(error)) throw usernameTaken(input.username, locale);
      throw error;
    }
  }

  async update(actor: Principal, id: string, patch: UpdateUserInput, locale: Locale): Promise<UserRow> {
    const before = await this.users.find(id);
    if (!before) throw new NotFoundError(`user ${id}`);
    if (patch.communityId) await this.assertCommunity(patch.communityId, locale);
    const after = await this.audit.within(
      actor,
      (tx) => this.users.update(tx, id, patch),
      (user) => ({
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before: pick(before, patch),
        after: pick(user, patch),
      }),
    );
    // A deactivated account is signed out everywhere at once.
    if (patch.active === false) await this.sessions.revokeAllOf(id);
    return after;
  }

  private async assertCommunity(communityId: string, locale: Locale): Promise<void> {
    if (!(await this.users.communityExists(communityId))) {
      throw fieldError('communityId', locale, {
        zh: `没有编号为「${communityId}」的启用社区`,
        en: `there is no active community ${communityId}`,
      });
    }
  }

  /**
   * An admin sets a new password: every session of the user ends, the user must choose their own
   * at the next log-in, and guessing blocks on the account are lifted (the admin vouches for them).
   */
  async resetPassword(
    actor: Principal,
    id: string,
    input: ResetPasswordInput,
    locale: Locale,
  ): Promise<void> {
    const user = await this.users.find(id);
    if (!user) throw new NotFoundError(`user ${id}`);
    assertAcceptablePassword('newPassword', input.newPassword, user, locale);
    const passwordHash = await hashPassword(input.newPassword);
    await this.audit.within(
      actor,
      (tx) =>
        this.users.update(tx, id, { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() }),
      () => ({ action: 'user.reset_password', entityType: 'user', entityId: id }),
    );
    await this.sessions.revokeAllOf(id);
    await this.throttle.clearAccount(user.username);
  }
}

/** 409 like any unique violation (see database-errors.ts), in words naming the username. */
function usernameTaken(username: string, locale: Locale): ConflictError {
  const { issues } = fieldError('username', locale, {
    zh: `「${username}」已被使用，请换一个用户名`,
    en: `${username} is taken; choose another username`,
  });
  return new ConflictError(issues);
}

function pick(row: UserRow, patch: UpdateUserInput): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((key) => [key, row[key as keyof UserRow]]));
}
