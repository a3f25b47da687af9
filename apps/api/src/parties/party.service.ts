import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  PARTY_KIND_LABELS,
  fieldLabel,
  type CreatePartyInput,
  type Locale,
  type UpdatePartyInput,
} from '@pilot/domain';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { ConflictError, NotFoundError } from '../platform/errors/api-errors.js';
import { PRISMA } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import type { PartyList, PartyView } from './party.dto.js';

type PartyRow = Prisma.PartyGetPayload<object>;

function view(row: PartyRow): PartyView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: { code: row.kind, label: PARTY_KIND_LABELS[row.kind] },
    communityId: row.communityId,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    active: row.active,
  };
}

/** The fields a change touched, before or after, for the audit entry. */
function picked(row: PartyRow, patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((key) => [key, row[key as keyof PartyRow]]));
}

/**
 * 1+4+N 联动单位: the partner units matters are assigned to and joined by. Admins keep them
 * (deactivated, never deleted: matters point at them); every change is audited.
 */
@Injectable()
export class PartyService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(includeInactive: boolean): Promise<PartyList> {
    const rows = await this.prisma.party.findMany({
      where: includeInactive ? {} : { active: true },
      orderBy: [{ kind: 'asc' }, { code: 'asc' }],
    });
    return { items: rows.map(view) };
  }

  async create(actor: Principal, input: CreatePartyInput, locale: Locale): Promise<PartyView> {
    return this.prisma.$transaction(async (tx) => {
      await this.assertFree(tx, input, null, locale);
      await this.assertCommunity(tx, input.communityId, locale);
      const row = await tx.party.create({
        data: {
          id: `pty-${randomUUID()}`,
          code: input.code,
          name: input.name,
          kind: input.kind,
          communityId: input.communityId ?? null,
          contactName: input.contactName ?? null,
          contactPhone: input.contactPhone ?? null,
        },
      });
      await this.audit.append(tx, actor, {
        action: 'party.create',
        entityType: 'party',
        entityId: row.id,
        after: { code: row.code, name: row.name, kind: row.kind, communityId: row.communityId },
      });
      return view(row);
    });
  }

  async update(actor: Principal, id: string, patch: UpdatePartyInput, locale: Locale): Promise<PartyView> {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.party.findUnique({ where: { id } });
      if (!before) throw new NotFoundError(`party ${id}`);
      await this.assertFree(tx, patch, id, locale);
      if (patch.communityId !== undefined) await this.assertCommunity(tx, patch.communityId, locale);
      const after = await tx.party.update({ where: { id }, data: patch });
      await this.audit.append(tx, actor, {
        action: patch.active === false ? 'party.deactivate' : 'party.update',
        entityType: 'party',
        entityId: id,
        before: picked(before, patch),
        after: picked(after, patch),
      });
      return view(after);
    });
  }

  /** Code and name are unique: say which field repeats another unit's, as a 409 per field. */
  private async assertFree(
    tx: Prisma.TransactionClient,
    input: { code?: string | undefined; name?: string | undefined },
    except: string | null,
    locale: Locale,
  ): Promise<void> {
    const clashes = await tx.party.findMany({
      where: {
        OR: [
          ...(input.code !== undefined ? [{ code: input.code }] : []),
          ...(input.name !== undefined ? [{ name: input.name }] : []),
        ],
        ...(except ? { id: { not: except } } : {}),
      },
      select: { code: true, name: true },
    });
    const taken = (['code', 'name'] as const).filter((field) =>
      clashes.some((row) => input[field] !== undefined && row[field] === input[field]),
    );
    if (taken.length === 0) return;
    throw new ConflictError(
      taken.map((field) => {
        const label = field === 'code' ? { zh: '单位编码', en: 'Unit code' } : fieldLabel([field]);
        return {
          path: field,
          message:
            locale === 'en'
              ? `${label.en}: another unit has it already`
              : `「${label.zh}」：已被其他单位使用`,
        };
      }),
    );
  }

  private async assertCommunity(
    tx: Prisma.TransactionClient,
    communityId: string | null | undefined,
    locale: Locale,
  ): Promise<void> {
    if (communityId === null || communityId === undefined) return;
    const community = await tx.community.findUnique({ where: { id: communityId }, select: { id: true } });
    if (!community)
      throw fieldError('communityId', locale, { zh: '没有这个社区。', en: 'No such community.' });
  }
}
