import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  fieldLabel,
  type CreateUserInput,
  type ListUsersQuery,
  type Locale,
  type ResetPasswordInput,
  type UpdateUserInput,
} from '@pilot/domain';
import { hashPassword } from '@pilot/security';
import { AuditService } from '../platform/audit/audit.service.js';
import { SessionStore } from '../platform/auth/session.store.js';
import type { Principal } from '../platform/auth/principal.js';
import { InvalidInputError, NotFoundError } from '../platform/errors/api-errors.js';
import type { Page } from '../platform/pagination.js';
import { UserRepository, type InspectorEntry, type UserRow } from './user.repository.js';

@Injectable()
export class UserService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SessionStore) private readonly sessions: SessionStore,
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
      throw fieldError(
        'firmId',
        locale,
        `没有编号为「${input.firmId}」的物业企业`,
        `there is no property firm ${input.firmId}`,
      );
    }
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
            phone: input.phone ?? null,
            passwordHash,
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

  async update(actor: Principal, id: string, patch: UpdateUserInput): Promise<UserRow> {
    const before = await this.users.find(id);
    if (!before) throw new NotFoundError(`user ${id}`);
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

  async resetPassword(actor: Principal, id: string, input: ResetPasswordInput): Promise<void> {
    if (!(await this.users.find(id))) throw new NotFoundError(`user ${id}`);
    const passwordHash = await hashPassword(input.newPassword);
    await this.audit.within(
      actor,
      (tx) => this.users.update(tx, id, { passwordHash, failedLogins: 0, lockedUntil: null }),
      () => ({ action: 'user.reset_password', entityType: 'user', entityId: id }),
    );
    await this.sessions.revokeAllOf(id);
  }
}

/** A 400 on one field, worded like the schema's own messages (「用户名」：…). */
function fieldError(path: string, locale: Locale, zh: string, en: string): InvalidInputError {
  const label = fieldLabel([path]);
  return new InvalidInputError([
    { path, message: locale === 'en' ? `${label.en}: ${en}` : `「${label.zh}」：${zh}` },
  ]);
}

function usernameTaken(username: string, locale: Locale): InvalidInputError {
  return fieldError(
    'username',
    locale,
    `「${username}」已被使用，请换一个用户名`,
    `${username} is taken; choose another username`,
  );
}

/** Prisma's "unique constraint failed". */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

function pick(row: UserRow, patch: UpdateUserInput): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((key) => [key, row[key as keyof UserRow]]));
}
