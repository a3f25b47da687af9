import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, PrismaClient } from '@pilot/db';
import {
  MICRO_CASE_STATUSES,
  MICRO_CASE_STATUS_LABELS,
  MICRO_CASE_TYPE_LABELS,
  formatInstant,
  formatInstantOrNull,
  microCaseActions,
  reason,
  reviewedStatus,
  type CreateCaseIssueInput,
  type ListCasesQuery,
  type Locale,
  type MicroCaseStatus,
  type ReviewCaseInput,
  type ReviseCaseInput,
  type SubmitCaseInput,
  type UpdateCaseIssueInput,
} from '@pilot/domain';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { ConflictError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { pageArgs } from '../platform/pagination.js';
import { PRISMA } from '../platform/tokens.js';
import { checkOwnCompound } from '../compounds/own-compound.js';
import { itemError } from '../matters/matter-input.js';
import { caseScope } from './case-scope.js';
import type { CaseIssueList, CaseIssueView, MicroCasePage, MicroCaseView } from './case.dto.js';
import { PHOTO_TYPES } from '../evidence/evidence-files.js';

const include = {
  firm: { select: { id: true, name: true } },
  compound: { select: { id: true, name: true } },
  issue: { select: { id: true, number: true, title: true, status: true } },
} as const;
type CaseRow = Prisma.MicroCaseGetPayload<{ include: typeof include }>;
type Tx = Prisma.TransactionClient;

const refused = (code: string, zh: string, en: string) => new RefusedError([reason(code, zh, en)]);

/**
 * 三微案例: a firm submits (and revises a returned case), the working group reviews (入围 / 退回 /
 * 不采用), composes numbered issues from shortlisted cases and publishes them (入选). Each change is
 * one transaction with its audit entry; a state the step does not start from is a 409.
 */
@Injectable()
export class CaseService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: ListCasesQuery): Promise<MicroCasePage> {
    const scope = caseScope(principal);
    const where: Prisma.MicroCaseWhereInput = {
      AND: [
        scope,
        query.status ? { status: { in: query.status } } : {},
        query.type ? { type: query.type } : {},
        query.firmId ? { firmId: query.firmId } : {},
      ],
    };
    const [rows, total, grouped] = await Promise.all([
      this.prisma.microCase.findMany({
        where,
        include,
        // Awaiting review oldest first (a queue); the rest newest first.
        orderBy: [
          { submittedAt: query.status?.every((s) => s === 'submitted') ? 'asc' : 'desc' },
          { id: 'asc' },
        ],
        ...pageArgs(query),
      }),
      this.prisma.microCase.count({ where }),
      this.prisma.microCase.groupBy({ by: ['status'], where: scope, _count: { _all: true } }),
    ]);
    const counts = Object.fromEntries(MICRO_CASE_STATUSES.map((s) => [s, 0])) as Record<
      MicroCaseStatus,
      number
    >;
    for (const g of grouped) counts[g.status] = g._count._all;
    const photos = await this.photosOf(rows);
    return {
      items: rows.map((row) => this.view(principal, row, photos)),
      total,
      page: query.page,
      pageSize: query.pageSize,
      counts,
    };
  }

  async detail(principal: Principal, id: string): Promise<MicroCaseView> {
    const row = await this.visible(this.prisma, principal, id);
    return this.view(principal, row, await this.photosOf([row]));
  }

  /** 报送: for one of the firm's own compounds, with photos the same user uploaded and nothing else took. */
  async submit(principal: Principal, input: SubmitCaseInput, locale: Locale): Promise<MicroCaseView> {
    const firmId = this.firmOf(principal);
    await checkOwnCompound(this.prisma, firmId, input.compoundId, locale);
    const id = `case-${randomUUID()}`;
    await this.prisma.$transaction(async (tx) => {
      await this.checkPhotos(tx, principal, input.photoIds, null, locale);
      await tx.microCase.create({
        data: {
          id,
          firmId,
          compoundId: input.compoundId,
          type: input.type,
          title: input.title,
          body: input.body,
          photoIds: input.photoIds,
          status: 'submitted',
          submittedById: principal.userId,
          submittedAt: new Date(),
        },
      });
      await this.attachPhotos(tx, id, input.photoIds);
      await this.audit.append(tx, principal, {
        action: 'case.submit',
        entityType: 'micro_case',
        entityId: id,
        after: {
          type: input.type,
          title: input.title,
          compoundId: input.compoundId,
          photoIds: input.photoIds,
        },
      });
    });
    return this.detail(principal, id);
  }

  /** 修改后重新报送: only a returned case of the caller's firm; it goes back to the review as the next revision. */
  async revise(principal: Principal, input: ReviseCaseInput, locale: Locale): Promise<MicroCaseView> {
    const firmId = this.firmOf(principal);
    const current = await this.visible(this.prisma, principal, input.caseId);
    await checkOwnCompound(this.prisma, firmId, input.compoundId, locale);
    await this.prisma.$transaction(async (tx) => {
      await this.checkPhotos(tx, principal, input.photoIds, current.id, locale);
      // The state is re-checked in the write itself, so a revision racing a second one changes one.
      const { count } = await tx.microCase.updateMany({
        where: { id: current.id, firmId, status: 'returned', revision: current.revision },
        data: {
          type: input.type,
          title: input.title,
          body: input.body,
          compoundId: input.compoundId,
          photoIds: input.photoIds,
          status: 'submitted',
          revision: current.revision + 1,
          submittedById: principal.userId,
          submittedAt: new Date(),
        },
      });
      if (count === 0)
        throw refused(
          'case_not_returned',
          '只有被退回的案例可以修改后重新报送。',
          'Only a case returned for revision can be revised.',
        );
      // Photos taken off the case are free again (the uploader may use them elsewhere).
      await tx.evidence.updateMany({
        where: { caseId: current.id, id: { notIn: input.photoIds } },
        data: { caseId: null },
      });
      await this.attachPhotos(tx, current.id, input.photoIds);
      await this.audit.append(tx, principal, {
        action: 'case.revise',
        entityType: 'micro_case',
        entityId: current.id,
        before: { title: current.title, revision: current.revision, reviewNote: current.reviewNote },
        after: {
          type: input.type,
          title: input.title,
          revision: current.revision + 1,
          photoIds: input.photoIds,
        },
      });
    });
    return this.detail(principal, current.id);
  }

  /** 审核: accept into the shortlist (入围), return with a note, or not take it with a note. */
  async review(principal: Principal, input: ReviewCaseInput): Promise<MicroCaseView> {
    const current = await this.visible(this.prisma, principal, input.caseId);
    const status = reviewedStatus(input.verdict);
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.microCase.updateMany({
        where: { id: current.id, status: 'submitted', revision: current.revision },
        data: {
          status,
          reviewNote: input.note && input.note.length > 0 ? input.note : null,
          reviewedById: principal.userId,
          reviewedAt: new Date(),
        },
      });
      if (count === 0)
        throw refused(
          'case_not_awaiting_review',
          '该案例不在待审核状态（可能已被他人审核）。',
          'The case is not awaiting review (someone may have reviewed it).',
        );
      await this.audit.append(tx, principal, {
        action: 'case.review',
        entityType: 'micro_case',
        entityId: current.id,
        before: { status: current.status, revision: current.revision },
        after: { verdict: input.verdict, status, note: input.note ?? null },
      });
    });
    return this.detail(principal, current.id);
  }

  // ─── issues (期) ──────────────────────────────────────────────────────────────────────────

  /** Published issues for a firm; every issue, drafts first, for the working group. */
  async issues(principal: Principal): Promise<CaseIssueList> {
    const staff = principal.role === 'coordinator' || principal.role === 'admin';
    const [rows, last] = await Promise.all([
      this.prisma.caseIssue.findMany({
        where: staff ? {} : { status: 'published' },
        orderBy: [{ status: 'asc' }, { number: 'desc' }],
        include: { _count: { select: { cases: true } } },
      }),
      this.prisma.caseIssue.findFirst({ orderBy: { number: 'desc' }, select: { number: true } }),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        status: r.status,
        publishedAt: formatInstantOrNull(r.publishedAt),
        caseCount: r._count.cases,
      })),
      nextNumber: (last?.number ?? 0) + 1,
    };
  }

  async issue(principal: Principal, id: string): Promise<CaseIssueView> {
    const staff = principal.role === 'coordinator' || principal.role === 'admin';
    const row = await this.prisma.caseIssue.findFirst({
      where: { id, ...(staff ? {} : { status: 'published' }) },
    });
    if (!row) throw new NotFoundError(`case issue ${id}`);
    const cases = await this.prisma.microCase.findMany({
      where: { issueId: id },
      include,
      orderBy: { position: 'asc' },
    });
    const photos = await this.photosOf(cases);
    return {
      id: row.id,
      number: row.number,
      title: row.title,
      status: row.status,
      foreword: row.foreword,
      createdAt: formatInstant(row.createdAt),
      publishedAt: formatInstantOrNull(row.publishedAt),
      cases: cases.map((c) => this.view(principal, c, photos)),
    };
  }

  /** 新建一期 (a draft): its number must be free, its cases shortlisted and in no other issue. */
  async createIssue(
    principal: Principal,
    input: CreateCaseIssueInput,
    locale: Locale,
  ): Promise<CaseIssueView> {
    const id = `issue-${randomUUID()}`;
    await this.prisma.$transaction(async (tx) => {
      if (await tx.caseIssue.findUnique({ where: { number: input.number }, select: { id: true } }))
        throw new ConflictError([
          {
            path: 'number',
            message:
              locale === 'en'
                ? `Issue number: issue ${input.number} exists already.`
                : `「期号」：第 ${input.number} 期已存在。`,
          },
        ]);
      await tx.caseIssue.create({
        data: {
          id,
          number: input.number,
          title: input.title,
          foreword: input.foreword && input.foreword.length > 0 ? input.foreword : null,
          status: 'draft',
          createdById: principal.userId,
        },
      });
      await this.placeCases(tx, id, input.caseIds, locale);
      await this.audit.append(tx, principal, {
        action: 'case_issue.create',
        entityType: 'case_issue',
        entityId: id,
        after: { number: input.number, title: input.title, caseIds: input.caseIds },
      });
    });
    return this.issue(principal, id);
  }

  /** 编辑草稿: title, foreword and the ordered list of cases; a published issue is final. */
  async updateIssue(
    principal: Principal,
    input: UpdateCaseIssueInput,
    locale: Locale,
  ): Promise<CaseIssueView> {
    await this.prisma.$transaction(async (tx) => {
      const issue = await this.draftIssue(tx, input.issueId);
      const before = await tx.microCase.findMany({
        where: { issueId: issue.id },
        orderBy: { position: 'asc' },
        select: { id: true },
      });
      await tx.caseIssue.update({
        where: { id: issue.id },
        data: {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.foreword !== undefined
            ? { foreword: input.foreword.length > 0 ? input.foreword : null }
            : {}),
        },
      });
      if (input.caseIds !== undefined) await this.placeCases(tx, issue.id, input.caseIds, locale);
      await this.audit.append(tx, principal, {
        action: 'case_issue.update',
        entityType: 'case_issue',
        entityId: issue.id,
        before: { title: issue.title, caseIds: before.map((c) => c.id) },
        after: { title: input.title ?? issue.title, caseIds: input.caseIds ?? before.map((c) => c.id) },
      });
    });
    return this.issue(principal, input.issueId);
  }

  /** 发布: once, with at least one case; its cases become 入选 and the issue public. */
  async publishIssue(principal: Principal, issueId: string): Promise<CaseIssueView> {
    await this.prisma.$transaction(async (tx) => {
      const issue = await this.draftIssue(tx, issueId);
      const cases = await tx.microCase.findMany({ where: { issueId }, select: { id: true } });
      if (cases.length === 0)
        throw refused(
          'case_issue_empty',
          '本期还没有编入案例，不能发布。',
          'The issue has no cases to publish.',
        );
      const now = new Date();
      const { count } = await tx.caseIssue.updateMany({
        where: { id: issueId, status: 'draft' },
        data: { status: 'published', publishedAt: now, publishedById: principal.userId },
      });
      if (count === 0) throw this.alreadyPublished(issue.number);
      await tx.microCase.updateMany({ where: { issueId }, data: { status: 'selected' } });
      await this.audit.append(tx, principal, {
        action: 'case_issue.publish',
        entityType: 'case_issue',
        entityId: issueId,
        after: { number: issue.number, caseIds: cases.map((c) => c.id), publishedAt: now.toISOString() },
      });
    });
    return this.issue(principal, issueId);
  }

  // ─── helpers ──────────────────────────────────────────────────────────────────────────────

  private alreadyPublished(number: number): RefusedError {
    return refused(
      'case_issue_published',
      `第 ${number} 期已发布，不能再修改或重复发布。`,
      `Issue ${number} is published; it cannot change or be published again.`,
    );
  }

  private async draftIssue(tx: Tx, id: string) {
    const issue = await tx.caseIssue.findUnique({ where: { id } });
    if (!issue) throw new NotFoundError(`case issue ${id}`);
    if (issue.status !== 'draft') throw this.alreadyPublished(issue.number);
    return issue;
  }

  /**
   * The issue's cases become exactly `caseIds`, in that order: each must be shortlisted and free or
   * already this issue's; those left out go back to the shortlist.
   */
  private async placeCases(
    tx: Tx,
    issueId: string,
    caseIds: readonly string[],
    locale: Locale,
  ): Promise<void> {
    const rows = new Map(
      (
        await tx.microCase.findMany({
          where: { id: { in: [...caseIds] } },
          select: { id: true, status: true, issueId: true },
        })
      ).map((r) => [r.id, r]),
    );
    for (const [index, id] of caseIds.entries()) {
      const row = rows.get(id);
      if (!row || row.status !== 'shortlisted' || (row.issueId !== null && row.issueId !== issueId))
        throw itemError(['caseIds', index], locale, {
          zh: '只能编入已入围且未编入其他期的案例。',
          en: 'Only shortlisted cases in no other issue can be placed.',
        });
    }
    await tx.microCase.updateMany({
      where: { issueId, id: { notIn: [...caseIds] } },
      data: { issueId: null, position: null },
    });
    for (const [index, id] of caseIds.entries())
      await tx.microCase.update({ where: { id }, data: { issueId, position: index + 1 } });
  }

  private firmOf(principal: Principal): string {
    // The routes admit only firm users here; a firm account without its firm cannot speak for one.
    if (principal.role !== 'firm' || !principal.firmId)
      throw refused(
        'case_firm_only',
        '只有物业企业账号可以报送案例。',
        'Only a firm’s account submits cases.',
      );
    return principal.firmId;
  }

  /**
   * Photos named for a case must be the caller's own uploads made without a pilot, taken by no
   * matter and by no other case (a revision may keep the case's own).
   */
  private async checkPhotos(
    tx: Tx,
    principal: Principal,
    ids: readonly string[],
    caseId: string | null,
    locale: Locale,
  ): Promise<void> {
    if (ids.length === 0) return;
    const rows = new Map(
      (await tx.evidence.findMany({ where: { id: { in: [...ids] } } })).map((r) => [r.id, r]),
    );
    for (const [index, id] of ids.entries()) {
      const row = rows.get(id);
      const free =
        row !== undefined &&
        row.enrollmentId === null &&
        row.matterId === null &&
        (row.caseId === null || row.caseId === caseId) &&
        row.logbookEntryId === null &&
        PHOTO_TYPES.has(row.contentType);
      if (!row || row.uploadedById !== principal.userId || !free)
        throw itemError(['photoIds', index], locale, {
          zh: `照片 ${id} 不是您为本案例上传的照片。`,
          en: `Photo ${id} is not a photo you uploaded for this case.`,
        });
    }
  }

  private async attachPhotos(tx: Tx, caseId: string, ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await tx.evidence.updateMany({ where: { id: { in: [...ids] } }, data: { caseId } });
  }

  private async visible(db: Tx | PrismaClient, principal: Principal, id: string): Promise<CaseRow> {
    const row = await db.microCase.findFirst({ where: { AND: [caseScope(principal), { id }] }, include });
    if (!row) throw new NotFoundError(`case ${id}`);
    return row;
  }

  private async photosOf(rows: readonly CaseRow[]) {
    const ids = rows.flatMap((r) => r.photoIds);
    if (ids.length === 0) return new Map<string, { id: string; fileName: string; contentType: string }>();
    const found = await this.prisma.evidence.findMany({
      where: { id: { in: ids } },
      select: { id: true, fileName: true, contentType: true },
    });
    return new Map(found.map((e) => [e.id, e]));
  }

  private view(
    principal: Principal,
    row: CaseRow,
    photos: ReadonlyMap<string, { id: string; fileName: string; contentType: string }>,
  ): MicroCaseView {
    return {
      id: row.id,
      type: { code: row.type, label: MICRO_CASE_TYPE_LABELS[row.type] },
      status: { code: row.status, label: MICRO_CASE_STATUS_LABELS[row.status] },
      title: row.title,
      body: row.body,
      firm: row.firm,
      compound: row.compound,
      photos: row.photoIds.flatMap((id) => {
        const photo = photos.get(id);
        return photo ? [photo] : [];
      }),
      revision: row.revision,
      submittedAt: formatInstant(row.submittedAt),
      reviewNote: row.reviewNote,
      reviewedAt: formatInstantOrNull(row.reviewedAt),
      issue: row.issue,
      position: row.position,
      actions: microCaseActions(principal, row),
    };
  }
}
