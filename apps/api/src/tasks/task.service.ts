import { Inject, Injectable } from '@nestjs/common';
import {
  COMPOUND_FEATURE_LABELS,
  catalogueVersionSchema,
  categoryCodeSchema,
  featuresOf,
  formatInstant,
  formatInstantOrNull,
  isStaffOperation,
  keyPartStateSchema,
  submitInspectionRequest,
  submitInspectionResultSchema,
  taskChecklist,
  taskScopeSchema,
  type CategoryCode,
  type ListTasksQuery,
  type Locale,
  type Standard,
  type SubmitInspectionInput,
  type SubmitInspectionResultView,
  type SubmitSelfInspectionInput,
  TRACE_LOOKBACK_DAYS,
  addLocalDays,
  startOfLocalDay,
  summarizeTraces,
  tracedEntryId,
  tracedStandards,
} from '@pilot/domain';
import { submitInspectionUpdate } from '@pilot/workflows/messages';
import * as z from 'zod';
import { EvidenceService, type EvidenceRef } from '../evidence/evidence.service.js';
import { taskScope } from '../platform/auth/scope.js';
import { actorOf, PilotWorkflowGateway, updateIdFor } from '../pilots/pilot-workflow.gateway.js';
import { kindLabel, storedJson } from '../pilots/pilot.views.js';
import { dueCursorAfter, keysetPage } from '../platform/pagination.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import type { TaskDetail, TaskPage, TaskSummary } from './task.dto.js';
import { TaskRepository, type TaskRow } from './task.repository.js';
import { TraceFactsReader } from '../traces/trace-facts.js';

const KEY_PARTS = z.array(keyPartStateSchema);

function taskView(row: TaskRow, now: number): TaskSummary {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    kindLabel: kindLabel(row.kind),
    status: row.status,
    scope: storedJson(taskScopeSchema.nullable(), row.scope, null),
    overdue: row.status === 'open' && row.dueAt.getTime() < now,
    round: row.round?.number ?? null,
    opensAt: formatInstant(row.opensAt),
    dueAt: formatInstant(row.dueAt),
    missedAt: formatInstantOrNull(row.missedAt),
    pilot: {
      id: row.enrollment.id,
      compound: { id: row.enrollment.compound.id, name: row.enrollment.compound.name },
      firm: row.enrollment.firm,
    },
    assignee: row.assignee,
    submittedAt: formatInstantOrNull(row.submittedAt),
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

/** A category code kept in the records, if it still is one. */
function categoryCode(code: string): CategoryCode[] {
  const parsed = categoryCodeSchema.safeParse(code);
  return parsed.success ? [parsed.data] : [];
}

function standardView(standard: Standard) {
  return { ...standard, staffOperation: isStaffOperation(standard) };
}

@Injectable()
export class TaskService {
  constructor(
    @Inject(TaskRepository) private readonly tasks: TaskRepository,
    @Inject(PilotWorkflowGateway) private readonly workflows: PilotWorkflowGateway,
    @Inject(EvidenceService) private readonly evidence: EvidenceService,
    @Inject(TraceFactsReader) private readonly traceFacts: TraceFactsReader,
  ) {}

  /** My tasks: an inspector's assignments, a firm's self-inspections, everything for coordinators and admins. */
  async list(principal: Principal, query: ListTasksQuery): Promise<TaskPage> {
    // One instant for the filter and the view, so an item listed as overdue is shown as overdue.
    const now = new Date();
    const { rows, total } = await this.tasks.list(taskScope(principal), query, now);
    const page = keysetPage(rows, query.pageSize, (last) =>
      dueCursorAfter(query.sortOrder, last.dueAt, last.id),
    );
    return {
      items: page.rows.map((row) => taskView(row, now.getTime())),
      total,
      page: query.page,
      pageSize: query.pageSize,
      nextCursor: page.nextCursor,
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
    const catalogue = catalogueRow ? catalogueVersionSchema.parse(catalogueRow.content) : null;
    const round = {
      focusCategories: (row.round?.focusCategories ?? []).flatMap((code) => categoryCode(code)),
      keyParts: storedJson(KEY_PARTS.nullable(), row.round?.keyParts ?? null, null),
    };
    const scope = storedJson(taskScopeSchema.nullable(), row.scope, null);
    const checklist = catalogue
      ? taskChecklist(catalogue, { kind: row.kind, scope }, round, featuresOf(row.enrollment.compound))
      : { entries: [], notApplicable: [] };
    const wholeCompound = checklist.entries.filter((entry) => entry.keyPart === null);
    const categories = (catalogue?.categories ?? [])
      .map((category) => ({
        code: category.code,
        name: category.name,
        standards: wholeCompound
          .filter((entry) => entry.standard.category === category.code)
          .map((entry) => standardView(entry.standard)),
      }))
      .filter((category) => category.standards.length > 0);
    const keyParts = (round.keyParts ?? [])
      .filter((part) => checklist.entries.some((entry) => entry.keyPart === part.code))
      .map((part) => ({
        code: part.code,
        name: part.name,
        standards: checklist.entries
          .filter((entry) => entry.keyPart === part.code)
          .map((entry) => standardView(entry.standard)),
      }));
    const traces = await this.traces(
      row,
      checklist.entries.map((entry) => entry.standard.code),
    );
    return {
      ...taskView(row, Date.now()),
      notes: row.result?.notes ?? null,
      checklist: {
        catalogueVersionId: row.enrollment.catalogueVersionId,
        catalogueTitle: catalogueRow?.title ?? null,
        focusCategories: round.focusCategories,
        itemCount: checklist.entries.length,
        categories,
        keyParts,
        notApplicable: checklist.notApplicable.map(({ standard, missing }) => ({
          code: standard.code,
          title: standard.title,
          missing,
          reason: {
            zh: `本小区没有${missing.map((f) => COMPOUND_FEATURE_LABELS[f].zh).join('、')}，此项不适用。`,
            en: `The compound has no ${missing.map((f) => COMPOUND_FEATURE_LABELS[f].en).join(' or ')}: not applicable.`,
          },
        })),
      },
      evidenceIds: row.result?.evidenceIds ?? [],
      items: items.map((item) => ({
        code: item.standardCode,
        keyPart: item.keyPart === '' ? null : item.keyPart,
        outcome: item.outcome,
        score: item.score,
        note: item.note,
        evidenceIds: item.evidenceIds,
      })),
      rectifications: rectifications.map((r) => ({
        id: r.id,
        standardCode: r.standardCode,
        keyPart: r.keyPart,
        severity: r.severity,
        status: r.status,
        deadline: formatInstant(r.deadline),
      })),
      traces,
    };
  }

  /** The logbooks under the record-checking standards, over the days the inspection looks back. */
  private async traces(row: TaskRow, codes: readonly string[]): Promise<TaskDetail['traces']> {
    const untilMs = Math.min(row.submittedAt?.getTime() ?? Date.now(), Date.now());
    const fromMs = addLocalDays(startOfLocalDay(untilMs), -TRACE_LOOKBACK_DAYS[row.kind]);
    const window = { from: formatInstant(fromMs), until: formatInstant(untilMs) };
    const traced = tracedStandards([...new Set(codes)]);
    if (traced.length === 0) return { ...window, standards: [] };
    const [facts, isWorking] = await Promise.all([
      this.traceFacts.facts(row.enrollment.compound.id, fromMs, untilMs),
      this.traceFacts.workingDays(),
    ]);
    return { ...window, standards: summarizeTraces(traced, facts, isWorking) };
  }

  /** 提交检查: the inspector's (or, for 自查, the firm's) checklist results, as one Update of the pilot. */
  async submit(
    principal: Principal,
    id: string,
    input: SubmitInspectionInput,
    locale: Locale,
    key?: string,
  ): Promise<SubmitInspectionResultView> {
    return this.submitTo(principal, await this.visible(principal, id), input, locale, key);
  }

  /** 自查自纠 by pilot: the firm need not know the task id; the pilot's open self-inspection is meant. */
  async submitSelf(
    principal: Principal,
    input: SubmitSelfInspectionInput,
    locale: Locale,
    key?: string,
  ): Promise<SubmitInspectionResultView> {
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
  ): Promise<SubmitInspectionResultView> {
    const refs: EvidenceRef[] = [
      ...input.evidenceRefs.map((ref, index) => ({ path: `evidenceRefs.${index}`, id: ref })),
      ...input.items.flatMap((item, index) =>
        (item.evidenceRefs ?? []).map((ref, j) => ({ path: `items.${index}.evidenceRefs.${j}`, id: ref })),
      ),
    ];
    // A cited logbook entry (`trace:<id>`) is checked against the compound; files against the pilot.
    await Promise.all([
      this.evidence.checkRefs(
        principal,
        row.enrollment.id,
        refs.filter((ref) => tracedEntryId(ref.id) === null),
        locale,
      ),
      this.traceFacts.checkCitations(
        row.enrollment.compound.id,
        refs.flatMap((ref) => {
          const entryId = tracedEntryId(ref.id);
          return entryId === null ? [] : [{ path: ref.path, entryId }];
        }),
        locale,
      ),
    ]);
    const result = await this.workflows.update(
      row.enrollment.workflowId,
      submitInspectionUpdate,
      submitInspectionRequest(actorOf(principal), row.id, input),
      updateIdFor(principal, key),
    );
    return submitInspectionResultSchema.decode(result);
  }

  private async visible(principal: Principal, id: string): Promise<TaskRow> {
    const row = await this.tasks.findVisible(taskScope(principal), id);
    if (!row) throw new NotFoundError(`task ${id}`);
    return row;
  }
}
