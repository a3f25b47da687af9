import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@pilot/db';
import { catalogueVersionSchema, type CatalogueVersion as CatalogueContent } from '@pilot/domain';
import { PRISMA } from '../platform/tokens.js';

export type CatalogueStatus = 'draft' | 'published' | 'retired';

export interface CatalogueRow {
  id: string;
  title: string;
  status: CatalogueStatus;
  fingerprint: string;
  createdAt: Date;
  createdById: string | null;
  publishedAt: Date | null;
  firstUsedAt: Date | null;
}

export interface CatalogueListRow extends CatalogueRow {
  effectiveFrom: number;
  categories: number;
  standards: number;
  weeklyItems: number;
  keyParts: number;
}

export interface CatalogueFullRow extends CatalogueRow {
  content: CatalogueContent;
}

const columns = {
  id: true,
  title: true,
  status: true,
  fingerprint: true,
  createdAt: true,
  createdById: true,
  publishedAt: true,
  firstUsedAt: true,
} as const;

/** The state a version must still be in for its content or status to change. */
export interface ExpectedState {
  fingerprint: string;
}

@Injectable()
export class CatalogueRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * A page of versions without their content: the sizes come from the JSON in the database, so a
   * list does not ship every 107-standard document to the API.
   */
  async list(
    statuses: readonly CatalogueStatus[],
    page: { skip: number; take: number },
  ): Promise<{ rows: CatalogueListRow[]; total: number }> {
    const allowed = Prisma.join(statuses.map((status) => Prisma.sql`${status}`));
    const [rows, total] = await Promise.all([
      this.prisma.$queryRaw<CatalogueListRow[]>`
        SELECT id, title, status::text AS status, fingerprint, "createdAt", "createdById", "publishedAt", "firstUsedAt",
               COALESCE((content->>'effectiveFrom')::float8, 0) AS "effectiveFrom",
               COALESCE(jsonb_array_length(content->'categories'), 0)::int AS categories,
               COALESCE(jsonb_array_length(content->'standards'), 0)::int AS standards,
               COALESCE(jsonb_array_length(content->'weeklyChecklist'), 0)::int AS "weeklyItems",
               COALESCE(jsonb_array_length(content->'keyParts'), 0)::int AS "keyParts"
        FROM catalogue_version
        WHERE status::text IN (${allowed})
        ORDER BY "createdAt" DESC, id DESC
        LIMIT ${page.take} OFFSET ${page.skip}`,
      this.prisma.catalogueVersion.count({ where: { status: { in: [...statuses] } } }),
    ]);
    return { rows, total };
  }

  async find(id: string): Promise<CatalogueFullRow | null> {
    const row = await this.prisma.catalogueVersion.findUnique({
      where: { id },
      select: { ...columns, content: true },
    });
    // The column is any JSON to the database; the schema is what makes it a catalogue again.
    return row ? { ...row, content: catalogueVersionSchema.parse(row.content) } : null;
  }

  async exists(id: string): Promise<boolean> {
    return Boolean(await this.prisma.catalogueVersion.findUnique({ where: { id }, select: { id: true } }));
  }

  create(
    tx: Prisma.TransactionClient,
    data: { content: CatalogueContent; fingerprint: string; createdById: string },
  ): Promise<CatalogueRow> {
    return tx.catalogueVersion.create({
      data: {
        id: data.content.version,
        title: data.content.title,
        status: 'draft',
        content: data.content,
        fingerprint: data.fingerprint,
        createdById: data.createdById,
      },
      select: columns,
    });
  }

  /**
   * Replaces a draft's content only if it is still the unused draft the caller read (compare and
   * set): a concurrent edit, publication or first use makes this change nothing (false).
   */
  async replaceDraft(
    tx: Prisma.TransactionClient,
    id: string,
    expected: ExpectedState,
    data: { content: CatalogueContent; fingerprint: string },
  ): Promise<boolean> {
    const { count } = await tx.catalogueVersion.updateMany({
      where: { id, status: 'draft', firstUsedAt: null, fingerprint: expected.fingerprint },
      data: {
        title: data.content.title,
        content: data.content,
        fingerprint: data.fingerprint,
      },
    });
    return count === 1;
  }

  /** Publishes the draft only if its content is still the one reviewed (same compare and set). */
  async publish(
    tx: Prisma.TransactionClient,
    id: string,
    expected: ExpectedState,
    at: Date,
  ): Promise<boolean> {
    const { count } = await tx.catalogueVersion.updateMany({
      where: { id, status: 'draft', firstUsedAt: null, fingerprint: expected.fingerprint },
      data: { status: 'published', publishedAt: at },
    });
    return count === 1;
  }
}
