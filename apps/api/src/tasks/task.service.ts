import { Inject, Injectable } from '@nestjs/common';
import {
  checklistFor,
  type CatalogueVersion,
  type CategoryCode,
  type ListTasksQuery,
  type Locale,
  type SubmitInspectionInput,
  type SubmitSelfInspectionInput,
} from '@pilot/domain';
import { submitInspectionUpdate, type SubmitInspectionResult } from '@pilot/workflows/messages';
import { EvidenceService, type EvidenceRef } from '../evidence/evidence.service.js';
import { taskScope } from '../platform/auth/scope.js';
import { actorOf, PilotWorkflowGateway, updateIdFor } from '../pilots/pilot-workflow.gateway.js';
import { kindLabel } from '../pilots/pilot.views.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import type { TaskDetail, TaskPage, TaskSummary } from './task.dto.js';
import { TaskRepository, type TaskRow } from './task.repository.js';

function taskView(row: TaskRow, now: number): TaskSummary {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    kindLabel: kindLabel(row.kind),
    status: row.status,
    overdue: row.status === 'open' && row.dueAt.getTime() < now,
    round: row.round?.number ?? null,
    opensAt: row.opensAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    missedAt: row.missedAt?.toISOString() ?? null,
    pilot: { id: row.enrollment.id, compound: row.enrollment.compound, firm: row.enrollment.firm },
    assignee: row.assignee,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    result: row.result
      ? {
          id: row.result.id,
          score: row.result.score,
          complianceRate: row.result.complianceRate,
          submittedById: row.result.submittedById,
        }
      : null,
  };
}

@Injectable()
export class TaskService {
  constructor(
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(PilotWorkflowGateway) private readonly workflows: PilotWorkflowGateway,
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
  ) {}

  /** My tasks: an inspector's assignments, a firm's self-inspections, everything for coordinators and admins. */
  async list(principal: Principal, query: ListTasksQuery): Promise<TaskPage> {
    const { rows, total } = await this.tasks.list(taskScope(principal), query);
    const now = Date.now();
    return {
      items: rows.map((row) => taskView(row, now)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * A task with its checklist: the standards of its kind from the pilot's catalogue version (a
   * consolidation check only its key areas), grouped by category, with what to check and how.
   */
  async detail(principal: Principal, id: string): Promise<TaskDetail> {
    const row = await this.visible(principal, id);
    const [catalogueRow, items, rectifications] = await Promise.all([
      this.tasks.catalogueContent(row.enrollment.catalogueVersionId),
      row.result ? this.tasks.resultItems(row.result.id) : Promise.resolve([]),
      this.tasks.rectificationsOf(row.id),
    ]);
    const catalogue = catalogueRow?.content as unknown as CatalogueVersion | undefined;
    const standards = catalogue
      ? checklistFor(catalogue, row.kind, {
          focusCategories: (row.round?.focusCategories ?? []) as CategoryCode[],
        })
      : [];
    const categories = (catalogue?.categories ?? [])
      .map((category) => ({
        code: category.code,
        name: category.name,
        standards: standards
          .filter((s) => s.category === category.code)
          .map((s) => ({
            code: s.code,
            title: s.title,
            requirement: s.requirement,
            method: s.method,
            weight: s.weight,
            evidence: s.evidence,
            critical: s.critical,
            scoring: s.scoring,
            topics: s.topics,
          })),
      }))
      .filter((category) => category.standards.length > 0);
    return {
      ...taskView(row, Date.now()),
      notes: row.result?.notes ?? null,
      checklist: {
        catalogueVersionId: row.enrollment.catalogueVersionId,
        catalogueTitle: catalogueRow?.title ?? null,
        focusCategories: row.round?.focusCategories ?? [],
        itemCount: standards.length,
        categories,
      },
      items: items.map((item) => ({
        code: item.standardCode,
        outcome: item.outcome,
        score: item.score,
        note: item.note,
        evidenceIds: item.evidenceIds,
      })),
      rectifications: rectifications.map((r) => ({
        id: r.id,
        standardCode: r.standardCode,
        severity: r.severity,
        status: r.status,
        deadline: r.deadline.toISOString(),
      })),
    };
  }

  /** 提交检查: the inspector's (or, for 自查, the firm's) checklist results, as one Update of the pilot. */
  async submit(
    principal: Principal,
    id: string,
    input: SubmitInspectionInput,
    locale: Locale,
    key?: string,
  ): Promise<SubmitInspectionResult> {
    return this.submitTo(principal, await this.visible(principal, id), input, locale, key);
  }

  /** 自查自纠 by pilot: the firm need not know the task id; the pilot's open self-inspection is meant. */
  async submitSelf(
    principal: Principal,
    input: SubmitSelfInspectionInput,
    locale: Locale,
    key?: string,
  ): Promise<SubmitInspectionResult> {
    const row = await this.tasks.findSelfTask(taskScope(principal), input.pilotId);
    if (!row) throw new NotFoundError(`self-inspection of pilot ${input.pilotId}`);
    return this.submitTo(principal, row, input, locale, key);
  }

  private async submitTo(
    principal: Principal,
    row: TaskRow,
    input: Pick<SubmitInspectionInput, 'items' | 'notes' | 'evidenceRefs'>,
    locale: Locale,
    key: string | undefined,
  ): Promise<SubmitInspectionResult> {
    const refs: EvidenceRef[] = [
      ...input.evidenceRefs.map((ref, index) => ({ path: `evidenceRefs.${index}`, id: ref })),
      ...input.items.flatMap((item, index) =>
        (item.evidenceRefs ?? []).map((ref, j) => ({ path: `items.${index}.evidenceRefs.${j}`, id: ref })),
      ),
    ];
    await this.evidence.checkRefs(principal, row.enrollment.id, refs, locale);
    return this.workflows.update(
      row.enrollment.workflowId,
      submitInspectionUpdate,
      {
        actor: actorOf(principal),
        taskId: row.id,
        items: input.items.map((item) => ({
          code: item.code,
          outcome: item.outcome,
          ...(item.score !== undefined ? { score: item.score } : {}),
          ...(item.note !== undefined ? { note: item.note } : {}),
          ...(item.evidenceRefs?.length ? { evidenceIds: item.evidenceRefs } : {}),
        })),
        ...(input.notes ? { notes: input.notes } : {}),
        ...(input.evidenceRefs.length > 0 ? { evidenceIds: input.evidenceRefs } : {}),
      },
      updateIdFor(principal, key),
    );
  }

  private async visible(principal: Principal, id: string): Promise<TaskRow> {
    const row = await this.tasks.findVisible(taskScope(principal), id);
    if (!row) throw new NotFoundError(`task ${id}`);
    return row;
  }
}
