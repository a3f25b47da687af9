import { Inject, Injectable } from '@nestjs/common';
import {
  type ListRectificationsQuery,
  type Locale,
  type RespondRectificationInput,
  type VerifyRectificationInput,
} from '@pilot/domain';
import {
  respondRectificationUpdate,
  verifyRectificationUpdate,
  type RectificationUpdateResult,
} from '@pilot/workflows/messages';
import { EvidenceService } from '../evidence/evidence.service.js';
import { rectificationScope } from '../platform/auth/scope.js';
import { actorOf, PilotWorkflowGateway, updateIdFor } from '../pilots/pilot-workflow.gateway.js';
import { categoryOf } from '../pilots/pilot.views.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import type { RectificationPage, RectificationView } from './rectification.dto.js';
import { RectificationRepository, type RectificationRow } from './rectification.repository.js';

function rectificationView(row: RectificationRow, now: number): RectificationView {
  const awaitingAnswer = row.status === 'open' || row.status === 'reopened';
  return {
    id: row.id,
    pilot: { id: row.enrollment.id, compound: row.enrollment.compound, firm: row.enrollment.firm },
    taskId: row.taskId,
    roundId: row.roundId,
    standardCode: row.standardCode,
    category: categoryOf(row.standardCode),
    finding: row.finding,
    severity: row.severity,
    critical: row.critical,
    status: row.status,
    deadline: row.deadline.toISOString(),
    overdue: awaitingAnswer && row.deadline.getTime() < now,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    responses: row.responses.map((r) => ({
      id: r.id,
      text: r.text,
      evidenceIds: r.evidenceIds,
      responderId: r.responderId,
      respondedAt: r.respondedAt.toISOString(),
    })),
    verifications: row.verifications.map((v) => ({
      id: v.id,
      verdict: v.verdict,
      reason: v.reason,
      newDeadline: v.newDeadline?.toISOString() ?? null,
      verifierId: v.verifierId,
      verifiedAt: v.verifiedAt.toISOString(),
    })),
    events: row.events.map((e) => ({
      from: e.fromStatus,
      to: e.toStatus,
      at: e.at.toISOString(),
      actorId: e.actorId,
      note: e.note,
    })),
  };
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
  ): Promise<RectificationUpdateResult> {
    const row = await this.visible(principal, input.rectificationId);
    await this.evidence.checkRefs(
      principal,
      row.enrollmentId,
      input.evidenceRefs.map((id, index) => ({ path: `evidenceRefs.${index}`, id })),
      locale,
    );
    return this.workflows.update(
      row.enrollment.workflowId,
      respondRectificationUpdate,
      {
        actor: actorOf(principal),
        rectificationId: row.id,
        text: input.response,
        evidenceIds: input.evidenceRefs,
      },
      updateIdFor(principal, key),
    );
  }

  /** 核验: the inspector accepts (销号) or rejects with a reason (a new deadline follows). */
  async verify(
    principal: Principal,
    input: VerifyRectificationInput,
    key?: string,
  ): Promise<RectificationUpdateResult> {
    const row = await this.visible(principal, input.rectificationId);
    // The workflow keeps one text per verdict: the reason of a rejection, or the note on an acceptance.
    const text = input.reason ?? input.note;
    return this.workflows.update(
      row.enrollment.workflowId,
      verifyRectificationUpdate,
      {
        actor: actorOf(principal),
        rectificationId: row.id,
        decision: input.decision,
        ...(text ? { reason: text } : {}),
      },
      updateIdFor(principal, key),
    );
  }

  private async visible(principal: Principal, id: string): Promise<RectificationRow> {
    const row = await this.rectifications.findVisible(rectificationScope(principal), id);
    if (!row) throw new NotFoundError(`rectification ${id}`);
    return row;
  }
}
