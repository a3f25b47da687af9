import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import { catalogueVersionSchema } from '@pilot/domain';
import { PRISMA } from '../platform/tokens.js';
import type { RoundFigures, StandardInfo } from '../printing/file-book-data.js';

/** The round's category scores as evaluation stored them (the column is any JSON to the database). */
function categoryScores(value: Prisma.JsonValue | null): RoundFigures['categoryScores'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
    const { category, score, passed, failed } = entry;
    if (typeof category !== 'string') return [];
    return [
      {
        category,
        score: typeof score === 'number' ? score : null,
        ...(typeof passed === 'number' ? { passed } : {}),
        ...(typeof failed === 'number' ? { failed } : {}),
      },
    ];
  });
}

export interface BookContext {
  community: string | null;
  round: RoundFigures;
  people: Map<string, string>;
  standards: Map<string, StandardInfo>;
  categories: Map<string, string>;
}

/** What the file book needs besides the archived document, and recording the book once it is stored. */
@Injectable()
export class ArchiveBookRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async context(input: {
    roundId: string;
    enrollmentId: string;
    userIds: readonly string[];
    catalogueVersionIds: readonly string[];
  }): Promise<BookContext> {
    const [round, enrollment, users, catalogues] = await Promise.all([
      this.prisma.round.findUnique({
        where: { id: input.roundId },
        select: {
          categoryScores: true,
          complianceRate: true,
          operationRate: true,
          passed: true,
          focusCategories: true,
          evaluatedAt: true,
          startsAt: true,
          endsAt: true,
        },
      }),
      this.prisma.enrollment.findUnique({
        where: { id: input.enrollmentId },
        select: { catalogueVersionId: true, compound: { select: { community: { select: { name: true } } } } },
      }),
      this.prisma.user.findMany({
        where: { id: { in: [...new Set(input.userIds)] } },
        select: { id: true, displayName: true },
      }),
      this.prisma.catalogueVersion.findMany({
        where: { id: { in: [...new Set(input.catalogueVersionIds)] } },
        select: { id: true, content: true },
      }),
    ]);
    const pilotCatalogue =
      enrollment && !input.catalogueVersionIds.includes(enrollment.catalogueVersionId)
        ? await this.prisma.catalogueVersion.findMany({
            where: { id: enrollment.catalogueVersionId },
            select: { id: true, content: true },
          })
        : [];
    const standards = new Map<string, StandardInfo>();
    const categories = new Map<string, string>();
    // Later versions first would rename a standard in an older inspection; the inspections' own come first.
    for (const row of [...catalogues, ...pilotCatalogue]) {
      const parsed = catalogueVersionSchema.safeParse(row.content);
      if (!parsed.success) continue;
      for (const category of parsed.data.categories) {
        if (!categories.has(category.code)) categories.set(category.code, category.name.zh);
      }
      for (const standard of parsed.data.standards) {
        if (!standards.has(standard.code)) {
          standards.set(standard.code, { title: standard.title.zh, category: standard.category });
        }
      }
    }
    return {
      community: enrollment?.compound.community.name ?? null,
      round: {
        categoryScores: categoryScores(round?.categoryScores ?? null),
        complianceRate: round?.complianceRate ?? null,
        operationRate: round?.operationRate ?? null,
        passed: round?.passed ?? null,
        focusCategories: round?.focusCategories ?? [],
        evaluatedAt: round?.evaluatedAt ?? null,
        startsAt: round?.startsAt ?? null,
        endsAt: round?.endsAt ?? null,
      },
      people: new Map(users.map((user) => [user.id, user.displayName])),
      standards,
      categories,
    };
  }

  /**
   * Records the stored book unless another request recorded one first (compare and set on the
   * empty column): true when this one is now the archive's book.
   */
  async record(
    tx: Prisma.TransactionClient,
    archiveId: string,
    book: { storageKey: string; sha256: string; sizeBytes: number },
  ): Promise<boolean> {
    const { count } = await tx.archive.updateMany({
      where: { id: archiveId, bookStorageKey: null },
      data: { bookStorageKey: book.storageKey, bookHash: book.sha256, bookBytes: book.sizeBytes },
    });
    return count === 1;
  }

  transaction<T>(run: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(run);
  }

  book(archiveId: string) {
    return this.prisma.archive.findUnique({
      where: { id: archiveId },
      select: { bookStorageKey: true, bookHash: true, bookBytes: true },
    });
  }
}
