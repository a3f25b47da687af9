import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import {
  formatInstant,
  formatInstantOrNull,
  reason,
  type ListResidentApplicationsQuery,
  type Locale,
  type RegisterResidentInput,
  type RejectResidentApplicationInput,
} from '@pilot/domain';
import { hashPassword } from '@pilot/security';
import { assertAcceptablePassword } from '../auth/password-rules.js';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { ConflictError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { isUniqueViolation } from '../platform/errors/database-errors.js';
import { PRISMA } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import type {
  RegistrationReceipt,
  ResidentApplicationPage,
  ResidentApplicationView,
} from './resident-application.dto.js';
import { ResidentApplicationRepository, type StoredApplication } from './resident-application.repository.js';
import { ResidentScope } from './resident-scope.js';

/** Another decision on the same application committed first; the transaction is rolled back. */
class DecidedMeanwhile extends Error {}

const REJECTED_ALREADY = reason(
  'resident_application_rejected',
  '该注册申请已不予通过，不能再通过；请居民重新提交申请。',
  'This application was rejected; the resident applies again.',
);
const APPROVED_ALREADY = reason(
  'resident_application_approved',
  '该注册申请已通过，账号已开通，不能再不予通过；如需停用请到用户管理。',
  'This application was approved and the account exists; deactivate it under users instead.',
);

function view(row: StoredApplication): ResidentApplicationView {
  return {
    id: row.id,
    status: row.status,
    compound: { id: row.compound.id, name: row.compound.name },
    community: row.compound.community,
    displayName: row.displayName,
    phone: row.phone,
    residence: row.residence,
    username: row.username,
    reason: row.reason,
    createdAt: formatInstant(row.createdAt),
    decidedAt: formatInstantOrNull(row.decidedAt),
    decidedById: row.decidedById,
    userId: row.userId,
  };
}

/** The audit log keeps what was asked and decided, never the password hash. */
function audited(row: StoredApplication): Record<string, unknown> {
  const { passwordHash: _hash, compound: _compound, ...rest } = row;
  return rest;
}

/** 409 like the users' own, so the form marks the field; the applicant picks another name. */
function usernameTaken(username: string, locale: Locale): ConflictError {
  const { issues } = fieldError('username', locale, {
    zh: `「${username}」已被使用，请换一个用户名`,
    en: `${username} is taken; choose another username`,
  });
  return new ConflictError(issues);
}

/**
 * 居民注册: a resident applies for an account bound to their compound; the community's staff (a
 * coordinator, or the community's own unit) approve it, which makes the account, or reject it.
 */
@Injectable()
export class ResidentApplicationService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(ResidentApplicationRepository) private readonly applications: ResidentApplicationRepository,
    @Inject(ResidentScope) private readonly scope: ResidentScope,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async register(input: RegisterResidentInput, locale: Locale): Promise<RegistrationReceipt> {
    const compound = await this.applications.activeCompound(input.compoundId);
    if (!compound) {
      throw fieldError('compoundId', locale, {
        zh: '没有这个小区，或该小区已停用；请重新扫描小区张贴的二维码',
        en: 'there is no such active compound; scan the code posted in the compound again',
      });
    }
    assertAcceptablePassword('password', input.password, input, locale);
    // Two applicants asking for the same name at the same moment both get in here; the second
    // approval then finds the name taken and is refused, so no account is ever doubled.
    if (await this.applications.usernameTaken(input.username)) throw usernameTaken(input.username, locale);
    const passwordHash = await hashPassword(input.password);
    const created = await this.audit.within(
      null,
      (tx) =>
        this.applications.create(tx, {
          id: `rap-${randomUUID()}`,
          compoundId: compound.id,
          displayName: input.displayName,
          phone: input.phone,
          residence: input.residence,
          username: input.username,
          passwordHash,
          status: 'pending',
          createdAt: new Date(),
        }),
      (row) => ({
        action: 'resident_application.create',
        entityType: 'resident_application',
        entityId: row.id,
        after: audited(row),
      }),
    );
    return { id: created.id, status: 'pending', compoundName: compound.name };
  }

  async list(principal: Principal, query: ListResidentApplicationsQuery): Promise<ResidentApplicationPage> {
    const { rows, total } = await this.applications.list(query, await this.scope.applications(principal));
    return { items: rows.map(view), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * 通过: makes the resident account with the password the applicant chose (they log in with it at
   * once, no change forced). Approving an approved application answers the same account again.
   */
  async approve(principal: Principal, id: string, locale: Locale): Promise<ResidentApplicationView> {
    const found = await this.find(principal, id);
    if (found.status === 'approved') return view(found);
    if (found.status === 'rejected') throw new RefusedError([REJECTED_ALREADY]);
    const userId = `usr-${randomUUID()}`;
    try {
      await this.audit.within(
        principal,
        async (tx) => {
          if (await this.applications.userWithName(tx, found.username))
            throw usernameTaken(found.username, locale);
          const decided = await this.applications.decide(tx, id, {
            status: 'approved',
            decidedAt: new Date(),
            decidedById: principal.userId,
            userId,
          });
          if (!decided) throw new DecidedMeanwhile();
          const user = await tx.user.create({
            data: {
              id: userId,
              username: found.username,
              displayName: found.displayName,
              role: 'resident',
              compoundId: found.compoundId,
              residence: found.residence,
              phone: found.phone,
              passwordHash: found.passwordHash,
              // The applicant chose this password themselves; nobody else has seen it.
              mustChangePassword: false,
            },
            select: {
              id: true,
              username: true,
              displayName: true,
              role: true,
              compoundId: true,
              residence: true,
              phone: true,
              active: true,
              mustChangePassword: true,
            },
          });
          await this.audit.append(tx, principal, {
            action: 'resident_application.approve',
            entityType: 'resident_application',
            entityId: id,
            before: { status: 'pending' },
            after: { status: 'approved', userId },
          });
          return user;
        },
        (user) => ({ action: 'user.create', entityType: 'user', entityId: user.id, after: user }),
      );
    } catch (error) {
      if (error instanceof DecidedMeanwhile) return this.approve(principal, id, locale);
      // An account with the name was made between the check and the insert.
      if (isUniqueViolation(error)) throw usernameTaken(found.username, locale);
      throw error;
    }
    return view(await this.find(principal, id));
  }

  /** 不予通过, with the reason; rejecting a rejected application answers it again. */
  async reject(
    principal: Principal,
    id: string,
    input: RejectResidentApplicationInput,
  ): Promise<ResidentApplicationView> {
    const found = await this.find(principal, id);
    if (found.status === 'rejected') return view(found);
    if (found.status === 'approved') throw new RefusedError([APPROVED_ALREADY]);
    try {
      await this.audit.within(
        principal,
        async (tx) => {
          const decided = await this.applications.decide(tx, id, {
            status: 'rejected',
            reason: input.reason,
            decidedAt: new Date(),
            decidedById: principal.userId,
          });
          if (!decided) throw new DecidedMeanwhile();
        },
        () => ({
          action: 'resident_application.reject',
          entityType: 'resident_application',
          entityId: id,
          before: { status: 'pending' },
          after: { status: 'rejected', reason: input.reason },
        }),
      );
    } catch (error) {
      if (error instanceof DecidedMeanwhile) return this.reject(principal, id, input);
      throw error;
    }
    return view(await this.find(principal, id));
  }

  private async find(principal: Principal, id: string): Promise<StoredApplication> {
    const row = await this.applications.find(this.prisma, id, await this.scope.applications(principal));
    if (!row) throw new NotFoundError(`resident application ${id}`);
    return row;
  }
}
