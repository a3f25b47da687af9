import { Inject, Injectable } from '@nestjs/common';
import {
  RUNNING_RECTIFICATION_STATUSES,
  catalogueVersionSchema,
  controlRectificationRequest,
  interimControlOf,
  formatInstant,
  formatInstantOrNull,
  reason,
  rectificationUpdateResultSchema,
  respondRectificationRequest,
  verifyRectificationRequest,
  type ControlRectificationInput,
  type ListRectificationsQuery,
  type Locale,
  type RectificationUpdateResultView,
  type RespondRectificationInput,
  type Standard,
  type VerifyRectificationInput,
} from '@pilot/domain';
import {
  controlRectificationUpdate,
  respondRectificationUpdate,
  verifyRectificationUpdate,
} from '@pilot/workflows/messages';
import { EvidenceService } from '../evidence/evidence.service.js';
import { rectificationScope } from '../platform/auth/scope.js';
import { actorOf, PilotWorkflowGateway, updateIdFor } from '../pilots/pilot-workflow.gateway.js';
import { categoryOf } from '../pilots/pilot.views.js';
import { dueCursorAfter, keysetPage } from '../platform/pagination.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import type { RectificationPage, RectificationView } from './rectification.dto.js';
import { RectificationRepository, type RectificationRow } from './rectification.repository.js';

/** The standards of one catalogue version, by code. */
type StandardsByCode = ReadonlyMap<string, Standard>;

/**
 * 销号 time as the records tell it: the record's own `closedAt`, else the ledger's last step to
 * `closed`, else nothing — an item imported without its history is not "closed today".
 */
function closedAtOf(row: RectificationRow): Date | null {
  if (row.status !== 'closed') return row.closedAt;
  return row.closedAt ?? row.events.findLast((e) => e.toStatus === 'closed')?.at ?? null;
}

function rectificationView(
  row: RectificationRow,
  now: number,
  standards: StandardsByCode,
): RectificationView {
  const running = RUNNING_RECTIFICATION_STATUSES.includes(row.status);
  const standard = standards.get(row.standardCode);
  return {
    id: row.id,
    pilot: { id: row.enrollment.id, compound: row.enrollment.compound, firm: row.enrollment.firm },
    taskId: row.taskId,
    roundId: row.roundId,
    standardCode: row.standardCode,
    category: categoryOf(row.standardCode),
    finding: row.finding,
    keyPart: row.keyPart,
    severity: row.severity,
    critical: row.critical,
    status: row.status,
    deadline: formatInstant(row.deadline),
    overdue: running && row.deadline.getTime() < now,
    openedAt: formatInstant(row.openedAt),
    controlledAt: formatInstantOrNull(row.controlledAt),
    // The item's own flag decides, as the workflow's rule does; the standard says what control is.
    interimControl: interimControlOf({ critical: row.critical, interimControl: standard?.interimControl }),
    closedAt: formatInstantOrNull(closedAtOf(row)),
    responses: row.responses.map((r) => ({
      id: r.id,
      text: r.text,
      evidenceIds: r.evidenceIds,
      responderId: r.responderId,
      respondedAt: formatInstant(r.respondedAt),
    })),
    verifications: row.verifications.map((v) => ({
      id: v.id,
      verdict: v.verdict,
      reason: v.reason,
      newDeadline: formatInstantOrNull(v.newDeadline),
      verifierId: v.verifierId,
      verifiedAt: formatInstant(v.verifiedAt),
    })),
    events: row.events.map((e) => ({
      from: e.fromStatus,
      to: e.toStatus,
      at: formatInstant(e.at),
      actorId: e.actorId,
      note: e.note,
      evidenceIds: e.evidenceIds,
    })),
  };
}

/** 已销号 / 已取消 items are no longer in the workflow's loop: say so instead of "no such item". */
function finished(row: RectificationRow) {
  if (row.status === 'closed') {
    const closedAt = closedAtOf(row);
    return closedAt
      ? reason(
          'rectification_closed',
          `该整改事项已于 ${formatInstant(closedAt).slice(0, 10)} 核验销号，无需再办理。`,
          `This item was verified and closed on ${formatInstant(closedAt).slice(0, 10)}.`,
        )
      : reason(
          'rectification_closed',
          '该整改事项已核验销号，无需再办理。',
          'This item has been verified and closed already.',
        );
  }
  if (row.status === 'cancelled') {
    return reason('rectification_cancelled', '该整改事项已随试点退出而取消。', 'This item was cancelled.');
  }
  return null;
}

const NO_STANDARDS: StandardsByCode = new Map();

function standardsFor(byVersion: Map<string, StandardsByCode>, row: RectificationRow): StandardsByCode {
  return byVersion.get(row.enrollment.catalogueVersionId) ?? NO_STANDARDS;
}

@Injectable()
export class RectificationService {
  constructor(
    @Inject(RectificationRepository) private readonly rectifications: RectificationRepository,
    @Inject(PilotWorkflowGateway) private readonly workflows: PilotWorkflowGateway,
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
  ) {}

  /**
   * Parsed catalogue versions by id. A version a pilot runs on is published and never changes
   * again, so it is parsed once per process; a draft (never a pilot's) is read afresh.
   */
  private readonly catalogues = new Map<string, Promise<StandardsByCode>>();

  /** 整改台账: the items in the caller's scope (a firm its own, an inspector their pilots'). */
  async list(principal: Principal, query: ListRectificationsQuery): Promise<RectificationPage> {
    const now = new Date();
    const { rows, total } = await this.rectifications.list(rectificationScope(principal), query, now);
    const page = keysetPage(rows, query.pageSize, (last) =>
      dueCursorAfter(query.sortOrder, last.deadline, last.id),
    );
    const standards = await this.standardsOf(page.rows);
    return {
      items: page.rows.map((row) => rectificationView(row, now.getTime(), standardsFor(standards, row))),
      total,
      page: query.page,
      pageSize: query.pageSize,
      nextCursor: page.nextCursor,
    };
  }

  async detail(principal: Principal, id: string): Promise<RectificationView> {
    const row = await this.visible(principal, id);
    const standards = await this.standardsOf([row]);
    return rectificationView(row, Date.now(), standardsFor(standards, row));
  }

  /** The standards of the catalogue versions `rows` were found against, by version id. */
  private async standardsOf(rows: RectificationRow[]): Promise<Map<string, StandardsByCode>> {
    const ids = [...new Set(rows.map((row) => row.enrollment.catalogueVersionId))];
    const loaded = await Promise.all(
      ids.map(async (id): Promise<[string, StandardsByCode]> => [id, await this.catalogueStandards(id)]),
    );
    return new Map(loaded);
  }

  private catalogueStandards(id: string): Promise<StandardsByCode> {
    const cached = this.catalogues.get(id);
    if (cached) return cached;
    const loading = this.rectifications.catalogueVersion(id).then((row) => {
      if (!row || row.status === 'draft') this.catalogues.delete(id);
      const parsed = row ? catalogueVersionSchema.safeParse(row.content) : null;
      // Content that does not parse names no interim control; the item still renders.
      const standards = parsed?.success ? parsed.data.standards : [];
      return new Map(standards.map((standard) => [standard.code, standard]));
    });
    // Concurrent requests share one load; a failed load is not kept.
    this.catalogues.set(id, loading);
    loading.catch(() => this.catalogues.delete(id));
    return loading;
  }

  /** 整改答复: the firm's account of what it did, with evidence it uploaded for this pilot. */
  async respond(
    principal: Principal,
    input: RespondRectificationInput,
    locale: Locale,
    key?: string,
  ): Promise<RectificationUpdateResultView> {
    const row = await this.open(principal, input.rectificationId);
    await this.checkEvidence(principal, row, input.evidenceRefs, locale);
    const result = await this.workflows.update(
      row.enrollment.workflowId,
      respondRectificationUpdate,
      respondRectificationRequest(actorOf(principal), { ...input, rectificationId: row.id }),
      updateIdFor(principal, key),
    );
    return rectificationUpdateResultSchema.decode(result);
  }

  /**
   * 已管控: for a critical item that cannot be fixed in a day, the firm reports how the hazard is
   * contained (with evidence); the critical deadline stops and the fix gets its own period.
   */
  async control(
    principal: Principal,
    input: ControlRectificationInput,
    locale: Locale,
    key?: string,
  ): Promise<RectificationUpdateResultView> {
    const row = await this.open(principal, input.rectificationId);
    await this.checkEvidence(principal, row, input.evidenceRefs, locale);
    const result = await this.workflows.update(
      row.enrollment.workflowId,
      controlRectificationUpdate,
      controlRectificationRequest(actorOf(principal), { ...input, rectificationId: row.id }),
      updateIdFor(principal, key),
    );
    return rectificationUpdateResultSchema.decode(result);
  }

  /** 核验: the inspector accepts (销号) or rejects with a reason (a new deadline follows). */
  async verify(
    principal: Principal,
    input: VerifyRectificationInput,
    key?: string,
  ): Promise<RectificationUpdateResultView> {
    const row = await this.open(principal, input.rectificationId);
    const result = await this.workflows.update(
      row.enrollment.workflowId,
      verifyRectificationUpdate,
      verifyRectificationRequest(actorOf(principal), { ...input, rectificationId: row.id }),
      updateIdFor(principal, key),
    );
    return rectificationUpdateResultSchema.decode(result);
  }

  private async checkEvidence(
    principal: Principal,
    row: RectificationRow,
    refs: string[],
    locale: Locale,
  ): Promise<void> {
    await this.evidence.checkRefs(
      principal,
      row.enrollmentId,
      refs.map((id, index) => ({ path: `evidenceRefs.${index}`, id })),
      locale,
    );
  }

  /** The item, if the caller may see it and it is still in the loop; a finished one is a 409 saying so. */
  private async open(principal: Principal, id: string): Promise<RectificationRow> {
    const row = await this.visible(principal, id);
    const done = finished(row);
    if (done) throw new RefusedError([done]);
    return row;
  }

  private async visible(principal: Principal, id: string): Promise<RectificationRow> {
    const row = await this.rectifications.findVisible(rectificationScope(principal), id);
    if (!row) throw new NotFoundError(`rectification ${id}`);
    return row;
  }
}
