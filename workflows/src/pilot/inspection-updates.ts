// 提交检查: an inspector's (or, for 自查, the firm's) checklist results. The score is computed here
// from the pilot's catalogue; every failed item opens a rectification with its deadline. A key-part
// check scores each of its parts too, which is their before / after.
import {
  auditActor,
  defaultSeverity,
  entryKey,
  rectificationDeadline,
  recordKeyPartCheck,
  scoreInspection,
  scoreKeyPartInspection,
  submitInspectionRequestSchema,
  taskChecklist,
  type InspectionScore,
  type KeyPartState,
  type RectificationState,
  type SubmitInspectionRequest,
  type TaskState,
} from '@pilot/domain';
import { submitInspectionUpdate } from '../messages.js';
import { dbForUpdate } from './activities.js';
import { findTask, refuseSubmitInspection } from './refusals.js';
import type { RunContext } from './run-context.js';
import { afterTaskClosed } from './scheduler.js';
import { onUpdate } from './update-registry.js';

/** The round's key parts, copied so a failed write leaves the round's own as they were. */
function copyOf(parts: readonly KeyPartState[]): KeyPartState[] {
  return parts.map((part) => ({
    ...part,
    standards: [...part.standards],
    checks: part.checks.map((check) => ({ ...check })),
    openRectifications: [...part.openRectifications],
  }));
}

interface Scored {
  score: InspectionScore;
  /** Per key part, on key-part checks. */
  parts: Array<{ keyPart: string; score: InspectionScore }>;
}

function scoreSubmission(ctx: RunContext, task: TaskState, request: SubmitInspectionRequest): Scored {
  const catalogue = ctx.catalogue!;
  const items = request.items.map((item) => ({
    code: item.code,
    outcome: item.outcome,
    ...(item.score !== undefined ? { score: item.score } : {}),
    ...(item.note !== undefined ? { note: item.note } : {}),
  }));
  const keyParts = ctx.state.round?.keyParts;
  if (task.scope && keyParts) {
    const scored = scoreKeyPartInspection(
      catalogue,
      request.items.map((item, index) => ({ ...items[index]!, keyPart: item.keyPart ?? '' })),
      task.scope.keyParts,
    );
    return { score: scored.overall, parts: scored.parts };
  }
  return { score: scoreInspection(catalogue, items), parts: [] };
}

export function registerInspectionUpdates(ctx: RunContext): void {
  const { state, input } = ctx;
  onUpdate(ctx, {
    definition: submitInspectionUpdate,
    schema: submitInspectionRequestSchema,
    needsCatalogue: true,
    validate: (request) =>
      refuseSubmitInspection(
        state,
        ctx.who,
        ctx.catalogue!,
        ctx.features,
        request,
        Date.now(),
        ctx.wakeOffset !== null,
      ),
    handler: async (request) => {
      const catalogue = ctx.catalogue!;
      const task = findTask(state, request.taskId)!;
      const now = Date.now();
      // 'scheduled' when the spread wake-up that opens it has not come yet (see taskStatusAt).
      const before = task.status;
      task.status = 'submitting';
      const { score, parts } = scoreSubmission(ctx, task, request);
      const asked = new Map(
        taskChecklist(catalogue, task, state.round ?? { focusCategories: [] }, ctx.features).entries.map(
          (entry) => [entryKey({ ...entry, code: entry.standard.code }), entry.standard],
        ),
      );
      const rectifications: RectificationState[] = request.items
        .filter((item) => item.outcome === 'fail')
        .map((item) => {
          const standard = asked.get(entryKey(item))!;
          const severity = defaultSeverity(standard);
          return {
            // The id a finding had before key parts existed stays the same for whole-compound items.
            id: item.keyPart ? `${task.id}:${item.keyPart}:${item.code}` : `${task.id}:${item.code}`,
            taskId: task.id,
            round: task.round,
            standardCode: item.code,
            ...(item.keyPart ? { keyPart: item.keyPart } : {}),
            severity,
            critical: standard.critical,
            deadline: rectificationDeadline(state.plan, now, severity).dueAt,
            status: 'open',
            busy: false,
            escalatedFor: null,
            responses: 0,
            rejections: 0,
          };
        });
      // The parts as they stand after this check; they replace the round's only once it is recorded.
      const keyParts = state.round?.keyParts && task.scope ? copyOf(state.round.keyParts) : undefined;
      if (keyParts) {
        recordKeyPartCheck(keyParts, {
          task,
          at: now,
          scores: parts.map((part) => ({
            keyPart: part.keyPart,
            score: part.score.score,
            failed: part.score.failed,
          })),
          opened: rectifications.flatMap((r) => (r.keyPart ? [{ id: r.id, keyPart: r.keyPart }] : [])),
        });
      }
      try {
        await dbForUpdate.recordInspection({
          enrollmentId: input.enrollmentId,
          resultId: `${task.id}:result`,
          taskId: task.id,
          catalogueVersionId: input.catalogueVersionId,
          submittedAt: now,
          score: score.score,
          complianceRate: score.complianceRate,
          operationRate: score.operationRate ?? null,
          categoryScores: score.categories.map((c) => ({ category: c.category, score: c.score })),
          notes: request.notes ?? null,
          evidenceIds: request.evidenceIds ?? [],
          items: request.items.map((item) => ({ ...item, evidenceIds: item.evidenceIds ?? [] })),
          rectifications: rectifications.map((r) => ({
            id: r.id,
            roundId: state.round?.id ?? null,
            standardCode: r.standardCode,
            ...(r.keyPart ? { keyPart: r.keyPart } : {}),
            finding:
              request.items.find((i) => i.code === r.standardCode && (i.keyPart ?? undefined) === r.keyPart)
                ?.note ?? '',
            severity: r.severity,
            critical: r.critical,
            deadline: r.deadline,
          })),
          ...(keyParts ? { keyParts } : {}),
          actor: auditActor(request.actor),
        });
      } catch (error) {
        task.status = before;
        throw error;
      }
      task.status = 'submitted';
      task.submittedAt = now;
      if (keyParts && state.round) state.round.keyParts = keyParts;
      state.round?.inspections.push({
        taskId: task.id,
        kind: task.kind,
        round: task.round,
        submittedAt: now,
        score,
      });
      state.rectifications.push(...rectifications);
      await afterTaskClosed(ctx, task);
      return {
        resultId: `${task.id}:result`,
        score: score.score,
        complianceRate: score.complianceRate,
        operationRate: score.operationRate ?? null,
        rectifications: rectifications.map((r) => ({
          id: r.id,
          standardCode: r.standardCode,
          keyPart: r.keyPart ?? null,
          severity: r.severity,
          deadline: r.deadline,
        })),
      };
    },
  });
}
