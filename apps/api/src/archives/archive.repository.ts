import { Inject, Injectable } from '@nestjs/common';
import type { BlobStorage, Prisma, PrismaClient } from '@pilot/db';
import type { ExportArchivesQuery, ListArchivesQuery } from '@pilot/domain';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA, STORAGE } from '../platform/tokens.js';
import { enrollmentWhere, type Viewer } from '../reporting/scope.js';

const archiveSelect = {
  id: true,
  enrollmentId: true,
  storageKey: true,
  contentHash: true,
  index: true,
  itemCount: true,
  createdAt: true,
  bookStorageKey: true,
  bookHash: true,
  bookBytes: true,
  round: { select: { id: true, number: true, kind: true, score: true, starRating: true } },
  enrollment: {
    select: {
      compound: { select: { id: true, name: true } },
      firm: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.ArchiveSelect;

export type ArchiveRow = Prisma.ArchiveGetPayload<{ select: typeof archiveSelect }>;

@Injectable()
export class ArchiveRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(STORAGE) private readonly storage: BlobStorage,
  ) {}

  async list(viewer: Viewer, query: ListArchivesQuery): Promise<{ rows: ArchiveRow[]; total: number }> {
    const where: Prisma.ArchiveWhereInput = {
      enrollment: {
        AND: [
          enrollmentWhere(viewer, { pilotId: query.pilotId }),
          ...(query.compoundId ? [{ compoundId: query.compoundId }] : []),
        ],
      },
    };
    const [rows, total] = await Promise.all([
      this.prisma.archive.findMany({
        where,
        select: archiveSelect,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        ...pageArgs(query),
      }),
      this.prisma.archive.count({ where }),
    ]);
    return { rows, total };
  }

  /** Every archive the filter selects (for the index as a file), up to `limit` + 1 to tell "too many". */
  all(viewer: Viewer, query: ExportArchivesQuery, limit: number): Promise<ArchiveRow[]> {
    return this.prisma.archive.findMany({
      where: {
        enrollment: {
          AND: [
            enrollmentWhere(viewer, { pilotId: query.pilotId }),
            ...(query.compoundId ? [{ compoundId: query.compoundId }] : []),
          ],
        },
      },
      select: archiveSelect,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: limit + 1,
    });
  }

  /** The archive if the caller may see its pilot; otherwise as if it did not exist. */
  find(viewer: Viewer, id: string): Promise<ArchiveRow | null> {
    return this.prisma.archive.findFirst({
      where: { id, enrollment: enrollmentWhere(viewer) },
      select: archiveSelect,
    });
  }

  /** The stored bytes, or null when the file is gone (or removed while being read). */
  async read(storageKey: string): Promise<Uint8Array | null> {
    if (!(await this.storage.exists(storageKey))) return null;
    return this.storage.get(storageKey).catch(() => null);
  }
}
