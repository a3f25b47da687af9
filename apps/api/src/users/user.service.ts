import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CreateUserInput, ListUsersQuery, ResetPasswordInput, UpdateUserInput } from '@pilot/domain';
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

  async create(actor: Principal, input: CreateUserInput): Promise<UserRow> {
    if (await this.users.usernameTaken(input.username)) {
      throw new InvalidInputError([{ path: 'username', message: `username ${input.username} is taken` }]);
    }
    if (input.firmId && !(await this.users.firmExists(input.firmId))) {
      throw new InvalidInputError([{ path: 'firmId', message: `no firm ${input.firmId}` }]);
    }
    const passwordHash = await hashPassword(input.password);
    return this.audit.within(
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

function pick(row: UserRow, patch: UpdateUserInput): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((key) => [key, row[key as keyof UserRow]]));
}
