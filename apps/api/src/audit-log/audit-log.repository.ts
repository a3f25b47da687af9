import { Inject, Injectable } from '@nestjs/common';
import { verifyAuditChain, type ChainCheck, type Prisma, type PrismaClient } from '@pilot/db';
import { DAY_MS, parseLocalDate, type ExportAuditLogQuery } from '@pilot/domain';
import { PRISMA } from '../platform/tokens.js';

export type AuditRow = Prisma.AuditLogGetPayload<object>;

/** The filter of a search or an export; dates are whole Asia/Shanghai days, both ends included. */
export function auditWhere(filter: ExportAuditLogQuery): Prisma.AuditLogWhereInput {
  const from = filter.from ? parseLocalDate(filter.from) : null;
  const to = filter.to ? parseLocalDate(filter.to) : null;
  return {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    // `catalogue` finds every catalogue.* action; `catalogue.publish` just that one.
    ...(filter.action
      ? { OR: [{ action: filter.action }, { action: { startsWith: `${filter.action}.` } }] }
      : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(from !== null || to !== null
      ? {
          at: {
            ...(from !== null ? { gte: new Date(from) } : {}),
            ...(to !== null ? { lt: new Date(to + DAY_MS) } : {}),
          },
        }
      : {}),
  };
}

@Injectable()
export class AuditLogRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async search(
    where: Prisma.AuditLogWhereInput,
    page: { skip: number; take: number },
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.prisma.auditLog.findMany({ where, orderBy: { seq: 'desc' }, ...page }),
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

  verify(): Promise<ChainCheck> {
    return verifyAuditChain(this.prisma);
  }
}
