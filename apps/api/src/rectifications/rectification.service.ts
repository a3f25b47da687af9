import { Inject, Injectable } from '@nestjs/common';
import {
  RUNNING_RECTIFICATION_STATUSES,
  controlRectificationRequest,
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
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import type { RectificationPage, RectificationView } from './rectification.dto.js';
import { RectificationRepository, type RectificationRow } from './rectification.repository.js';

function rectificationView(row: RectificationRow, now: number): RectificationView {
  const running = RUNNING_RECTIFICATION_STATUSES.includes(row.status);
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
    closedAt: formatInstantOrNull(row.closedAt),
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
    return reason(
      'rectification_closed',
      `该整改事项已于 ${formatInstant(row.closedAt ?? row.openedAt).slice(0, 10)} 核验销号，无需再办理。`,
      'This item has been verified and closed already.',
    );
  }
  if (row.status === 'cancelled') {
    return reason('rectification_cancelled', '该整改事项已随试点退出而取消。', 'This item was cancelled.');
  }
  return null;
}

@Injectable()
export class RectificationService {
  constructor(
    @Inject(RectificationRepository) private readonly rectifications: RectificationRepository,
    @Inject(PilotWorkflowGateway) private readonly workflows: PilotWorkflowGateway,
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
  ) {}

  /** 整改台账: the items in the caller's scope (a firm its own, an inspector their pilots'). */
  async list(principal: Principal, query: ListRectificationsQuery): Promise<RectificationPage> {
    const now = new Date();
    const { rows, total } = await this.rectifications.list(rectificationScope(principal), query, now);
    return {
      items: rows.map((row) => rectificationView(row, now.getTime())),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async detail(principal: Principal, id: string): Promise<RectificationView> {
    return rectificationView(await this.visible(principal, id), Date.now());
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
