import { Inject, Injectable } from '@nestjs/common';
import {
  verifyAudit,
  type AuditKeyring,
  type AuditVerification,
  type Prisma,
  type PrismaClient,
} from '@pilot/db';
import type { AuditAnchor } from '@pilot/domain';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  DAY_MS,
  auditCodesMatching,
  parseLocalDate,
  type ExportAuditLogQuery,
} from '@pilot/domain';
import { PRISMA } from '../platform/tokens.js';

export type AuditRow = Prisma.AuditLogGetPayload<object>;

/**
 * The filter of a search or an export; dates are whole Asia/Shanghai days, both ends included.
 * `text` matches codes and, through the label table, the words people see (管控, 自查, 检查任务).
 */
export function auditWhere(filter: ExportAuditLogQuery, text?: string): Prisma.AuditLogWhereInput {
  const from = filter.from ? parseLocalDate(filter.from) : null;
  const to = filter.to ? parseLocalDate(filter.to) : null;
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filter.actorId) and.push({ actorId: filter.actorId });
  // `catalogue` finds every catalogue.* action; `catalogue.publish` just that one.
  if (filter.action) {
    and.push({ OR: [{ action: filter.action }, { action: { startsWith: `${filter.action}.` } }] });
  }
  if (filter.entityType) and.push({ entityType: filter.entityType });
  if (filter.entityId) and.push({ entityId: filter.entityId });
  if (from !== null || to !== null) {
    and.push({
      at: {
        ...(from !== null ? { gte: new Date(from) } : {}),
        ...(to !== null ? { lt: new Date(to + DAY_MS) } : {}),
      },
    });
  }
  if (text) and.push(auditTextWhere(text));
  return and.length === 0 ? {} : { AND: and };
}

/** Labels live in code, not in the table: the words are turned into the codes they name first. */
function auditTextWhere(text: string): Prisma.AuditLogWhereInput {
  const match = auditCodesMatching(text);
  const or: Prisma.AuditLogWhereInput[] = [
    { action: { contains: text, mode: 'insensitive' } },
    { entityType: { contains: text, mode: 'insensitive' } },
  ];
  if (match.actions.length > 0) or.push({ action: { in: match.actions } });
  if (match.entityTypes.length > 0) or.push({ entityType: { in: match.entityTypes } });
  // "其他操作" is what an unknown code is shown as, so it finds the codes the table does not know.
  if (match.otherActions) or.push({ action: { notIn: [...AUDIT_ACTIONS] } });
  if (match.otherEntityTypes) or.push({ entityType: { notIn: [...AUDIT_ENTITY_TYPES] } });
  return { OR: or };
}

@Injectable()
export class AuditLogRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * Newest first; below `before` (a seq) when the search continues by cursor, which the primary key
   * serves whatever the depth. Fetches `take` as keysetOrPage says (one more than the page).
   */
  async search(
    where: Prisma.AuditLogWhereInput,
    before: bigint | null,
    page: { skip?: number; take: number },
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.prisma.auditLog.findMany({
        where: before === null ? where : { AND: [where, { seq: { lt: before } }] },
        orderBy: { seq: 'desc' },
        ...page,
      }),
      this.prisma.auditLog.count({ where }),
    ]);
    return { rows, total };
  }

  count(where: Prisma.AuditLogWhereInput): Promise<number> {
    return this.prisma.auditLog.count({ where });
  }

  /** Oldest first, in pages keyed by sequence number (stable while new entries are appended). */
  batchAfter(where: Prisma.AuditLogWhereInput, after: bigint | null, take: number): Promise<AuditRow[]> {
    return this.prisma.auditLog.findMany({
      where: after === null ? where : { AND: [where, { seq: { gt: after } }] },
      orderBy: { seq: 'asc' },
      take,
    });
  }

  /** Display names of the users among `ids`, in one query. */
  async displayNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.prisma.user.findMany({
      where: { id: { in: unique } },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  verify(keyring: AuditKeyring, anchors: readonly AuditAnchor[]): Promise<AuditVerification> {
    return verifyAudit(this.prisma, keyring, anchors);
  }
}
