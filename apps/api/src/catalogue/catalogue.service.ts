import { Inject, Injectable } from '@nestjs/common';
import {
  catalogueFingerprint,
  draftCatalogueVersionSchema,
  formatInstant,
  formatInstantOrNull,
  parseInput,
  reason,
  type CatalogueVersion as CatalogueContent,
  type CreateCatalogueDraftInput,
  type DraftCatalogueVersionInput,
  type ListCatalogueVersionsQuery,
  type Locale,
  type PublishCatalogueVersionInput,
  type Reason,
  type UpdateCatalogueDraftInput,
} from '@pilot/domain';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { InvalidInputError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { pageArgs } from '../platform/pagination.js';
import {
  applyCatalogueChanges,
  catalogueContent,
  diffCatalogues,
  type CataloguePatch,
} from './catalogue-changes.js';
import type {
  CatalogueVersionDetail,
  CatalogueVersionPage,
  CatalogueVersionSummary,
} from './catalogue.dto.js';
import {
  CatalogueRepository,
  type CatalogueFullRow,
  type CatalogueRow,
  type CatalogueStatus,
} from './catalogue.repository.js';

/** Why a version's content or status may not change, or [] when it is an unused draft. */
function frozenReasons(row: CatalogueRow): Reason[] {
  if (row.firstUsedAt) {
    return [
      reason(
        'catalogue_version_used',
        `评价标准版本 ${row.id} 已被检查使用，内容不可再修改；请基于它起草新版本。`,
        `Catalogue version ${row.id} has been used by an inspection and can no longer change; draft a new version from it.`,
      ),
    ];
  }
  if (row.status !== 'draft') {
    return [
      reason(
        'catalogue_version_not_draft',
        `评价标准版本 ${row.id} 已${row.status === 'published' ? '发布' : '停用'}，不可再修改；请基于它起草新版本。`,
        `Catalogue version ${row.id} is ${row.status} and can no longer change; draft a new version from it.`,
      ),
    ];
  }
  return [];
}

function draftChangedConcurrently(id: string): Reason {
  return reason(
    'catalogue_draft_changed',
    `评价标准草稿 ${id} 刚被修改、发布或使用，请刷新后重试。`,
    `Catalogue draft ${id} was just changed, published or used; reload it and try again.`,
  );
}

/** Prisma's "unique constraint failed": a concurrent create of the same version id won. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}

/**
 * 评价标准目录版本: admins draft a new version from a published one, edit it while nobody uses
 * it, and publish it after review. A version an inspection has used, or that is published, never
 * changes again; every change is audited with what changed.
 */
@Injectable()
export class CatalogueService {
  constructor(
    @Inject(CatalogueRepository) private readonly catalogues: CatalogueRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Admins see drafts too; everyone else only versions that were published. */
  async list(
    viewer: Pick<Principal, 'role'>,
    query: ListCatalogueVersionsQuery,
  ): Promise<CatalogueVersionPage> {
    const visible: CatalogueStatus[] =
      viewer.role === 'admin' ? ['draft', 'published', 'retired'] : ['published', 'retired'];
    const statuses = query.status ? visible.filter((status) => status === query.status) : visible;
    const { rows, total } = await this.catalogues.list(statuses, pageArgs(query));
    return {
      items: rows.map((row) =>
        summary(row, {
          effectiveFrom: row.effectiveFrom,
          categories: row.categories,
          standards: row.standards,
          weeklyItems: row.weeklyItems,
          keyParts: row.keyParts,
        }),
      ),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(viewer: Pick<Principal, 'role'>, id: string): Promise<CatalogueVersionDetail> {
    const row = await this.catalogues.find(id);
    // A draft is an admin's work in progress: to anyone else it does not exist yet.
    if (!row || (row.status === 'draft' && viewer.role !== 'admin'))
      throw new NotFoundError(`catalogue version ${id}`);
    return detail(row);
  }

  async createDraft(
    actor: Principal,
    input: CreateCatalogueDraftInput,
    locale: Locale,
  ): Promise<CatalogueVersionDetail> {
    const base = await this.catalogues.find(input.basedOn);
    if (!base) throw new NotFoundError(`catalogue version ${input.basedOn}`);
    if (base.status === 'draft') {
      throw new RefusedError([
        reason(
          'catalogue_base_is_draft',
          `只能基于已发布的版本起草，${base.id} 仍是草稿。`,
          `A draft must start from a published version; ${base.id} is still a draft.`,
        ),
      ]);
    }
    if (await this.catalogues.exists(input.version)) throw versionTaken(input.version);
    const content = this.validated(applyCatalogueChanges(base.content, input), locale);
    const fingerprint = catalogueFingerprint(content);
    try {
      await this.audit.within(
        actor,
        (tx) => this.catalogues.create(tx, { content, fingerprint, createdById: actor.userId }),
        (row) => ({
          action: 'catalogue.create_draft',
          entityType: 'catalogue_version',
          entityId: row.id,
          after: {
            basedOn: base.id,
            fingerprint,
            title: content.title,
            changes: diffCatalogues(base.content, content),
          },
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw versionTaken(input.version);
      throw error;
    }
    return this.get(actor, input.version);
  }

  /** Applies further changes to an unused draft. */
  async updateDraft(
    actor: Principal,
    id: string,
    input: UpdateCatalogueDraftInput,
    locale: Locale,
  ): Promise<CatalogueVersionDetail> {
    return this.changeDraft(actor, id, locale, 'catalogue.update_draft', (current) =>
      applyCatalogueChanges(current, input satisfies CataloguePatch),
    );
  }

  /** Replaces an unused draft's whole content (an editor that posts the full catalogue). */
  async replaceDraft(
    actor: Principal,
    id: string,
    input: DraftCatalogueVersionInput,
    locale: Locale,
  ): Promise<CatalogueVersionDetail> {
    if (input.version !== id) throw versionMismatch(id, locale);
    return this.changeDraft(actor, id, locale, 'catalogue.replace_draft', () => catalogueContent(input));
  }

  /** 发布: only the content the admin reviewed, identified by its fingerprint, is published. */
  async publish(
    actor: Principal,
    id: string,
    input: PublishCatalogueVersionInput,
    locale: Locale,
  ): Promise<CatalogueVersionSummary> {
    if (input.version !== id) throw versionMismatch(id, locale);
    const row = await this.catalogues.find(id);
    if (!row) throw new NotFoundError(`catalogue version ${id}`);
    const frozen = frozenReasons(row);
    if (frozen.length > 0) throw new RefusedError(frozen);
    if (row.fingerprint !== input.fingerprint) {
      throw new RefusedError([
        reason(
          'catalogue_fingerprint_changed',
          `草稿内容已变化（当前指纹 ${row.fingerprint}，审核时为 ${input.fingerprint}），请重新审核后再发布。`,
          `The draft changed since it was reviewed (now ${row.fingerprint}, reviewed ${input.fingerprint}); review it again before publishing.`,
        ),
      ]);
    }
    // Drafts are validated on every write; checking again guards against rows written any other way.
    this.validated(row.content, locale, true);
    const at = new Date();
    await this.audit.within(
      actor,
      async (tx) => {
        if (!(await this.catalogues.publish(tx, id, { fingerprint: input.fingerprint }, at))) {
          throw new RefusedError([draftChangedConcurrently(id)]);
        }
      },
      () => ({
        action: 'catalogue.publish',
        entityType: 'catalogue_version',
        entityId: id,
        before: { status: 'draft' },
        after: { status: 'published', fingerprint: row.fingerprint, publishedAt: formatInstant(at) },
      }),
    );
    return summaryOfFull({ ...row, status: 'published', publishedAt: at });
  }

  private async changeDraft(
    actor: Principal,
    id: string,
    locale: Locale,
    action: string,
    change: (current: CatalogueContent) => CatalogueContent,
  ): Promise<CatalogueVersionDetail> {
    const row = await this.catalogues.find(id);
    if (!row) throw new NotFoundError(`catalogue version ${id}`);
    const frozen = frozenReasons(row);
    if (frozen.length > 0) throw new RefusedError(frozen);
    const content = this.validated(change(row.content), locale);
    const fingerprint = catalogueFingerprint(content);
    await this.audit.within(
      actor,
      async (tx) => {
        if (
          !(await this.catalogues.replaceDraft(
            tx,
            id,
            { fingerprint: row.fingerprint },
            { content, fingerprint },
          ))
        ) {
          throw new RefusedError([draftChangedConcurrently(id)]);
        }
      },
      () => ({
        action,
        entityType: 'catalogue_version',
        entityId: id,
        before: { fingerprint: row.fingerprint, title: row.content.title },
        after: { fingerprint, title: content.title, changes: diffCatalogues(row.content, content) },
      }),
    );
    return this.get(actor, id);
  }

  /**
   * The catalogue as it would be stored, checked by the same schema the UI's editor uses (field
   * rules plus validateCatalogue's 8 / 107 / 35 invariants). Problems of a draft being written are
   * the caller's input (400); problems found at publication are a state that refuses it (409).
   */
  private validated(content: CatalogueContent, locale: Locale, atPublish = false): CatalogueContent {
    const plain = catalogueContent(content);
    const checked = parseInput(draftCatalogueVersionSchema, plain, locale);
    if (checked.ok) return plain;
    if (!atPublish) throw new InvalidInputError(checked.issues);
    const zh = parseInput(draftCatalogueVersionSchema, plain, 'zh-CN');
    const en = parseInput(draftCatalogueVersionSchema, plain, 'en');
    const zhIssues = zh.ok ? [] : zh.issues;
    const enIssues = en.ok ? [] : en.issues;
    throw new RefusedError(
      zhIssues.map((issue, index) =>
        reason('catalogue_invalid', issue.message, enIssues[index]?.message ?? issue.message),
      ),
    );
  }
}

function versionTaken(version: string): RefusedError {
  return new RefusedError([
    reason(
      'catalogue_version_exists',
      `版本号 ${version} 已存在，请换一个版本号。`,
      `Catalogue version ${version} already exists; choose another version number.`,
    ),
  ]);
}

function versionMismatch(id: string, locale: Locale): InvalidInputError {
  return new InvalidInputError([
    {
      path: 'version',
      message:
        locale === 'en'
          ? `Version must be ${id}, the version in the address`
          : `「版本号」必须与请求地址中的版本 ${id} 一致`,
    },
  ]);
}

function summary(
  row: CatalogueRow,
  sizes: {
    effectiveFrom: number;
    categories: number;
    standards: number;
    weeklyItems: number;
    keyParts: number;
  },
): CatalogueVersionSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    fingerprint: row.fingerprint,
    effectiveFrom: sizes.effectiveFrom,
    createdAt: formatInstant(row.createdAt),
    createdById: row.createdById,
    publishedAt: formatInstantOrNull(row.publishedAt),
    firstUsedAt: formatInstantOrNull(row.firstUsedAt),
    editable: frozenReasons(row).length === 0,
    counts: {
      categories: sizes.categories,
      standards: sizes.standards,
      weeklyItems: sizes.weeklyItems,
      keyParts: sizes.keyParts,
    },
  };
}

function summaryOfFull(row: CatalogueFullRow): CatalogueVersionSummary {
  return summary(row, {
    effectiveFrom: row.content.effectiveFrom,
    categories: row.content.categories.length,
    standards: row.content.standards.length,
    weeklyItems: row.content.weeklyChecklist.length,
    keyParts: row.content.keyParts?.length ?? 0,
  });
}

function detail(row: CatalogueFullRow): CatalogueVersionDetail {
  const { categories, standards, weeklyChecklist, keyParts } = row.content;
  const byCode = new Map(standards.map((standard) => [standard.code, standard]));
  return {
    ...summaryOfFull(row),
    categories: categories.map((category) => ({
      ...category,
      standardCount: standards.filter((standard) => standard.category === category.code).length,
    })),
    standards,
    weeklyChecklist: weeklyChecklist.map((code, index) => {
      const standard = byCode.get(code);
      return {
        position: index + 1,
        code,
        category: standard?.category ?? code.slice(0, 1),
        title: standard?.title ?? { zh: code, en: code },
      };
    }),
    ...(keyParts ? { keyParts } : {}),
  };
}
