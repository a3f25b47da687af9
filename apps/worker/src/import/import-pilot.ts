import { createHash } from 'node:crypto';
import {
  catalogueVersionSchema,
  checklistFor,
  defaultSeverity,
  featuresOf,
  formatLocalDate,
  scoreInspection,
  startOfLocalDay,
  type Actor,
  type CatalogueVersion,
  type ItemResult,
  type TaskState,
} from '@pilot/domain';
import {
  appendAudit,
  defaultAuditKeyring,
  jsonValue,
  type BlobStorage,
  type Prisma,
  type PrismaClient,
} from '@pilot/db';
import { pilotWorkflowId, searchAttributes } from '@pilot/workflows/messages';
import { buildRound, importedPilotState, type PilotImport } from '@pilot/workflows/import';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';

export interface ImportResult {
  enrollmentId: string;
  workflowId: string;
  imported: boolean;
}

/**
 * Imports a pilot that ran before the system existed: its records (enrollment, evaluated rounds,
 * archives of the paper files, the round now starting) in one transaction, then its workflow,
 * started from the state the history leads to. Idempotent: an imported pilot is left alone.
 */
export async function importPilot(
  prisma: PrismaClient,
  storage: BlobStorage,
  client: Client,
  taskQueue: string,
  catalogueVersionId: string,
  spec: PilotImport,
  actor: Actor,
  nowMs: number,
): Promise<ImportResult> {
  const workflowId = pilotWorkflowId(spec.compoundId);
  if (await prisma.enrollment.findUnique({ where: { id: spec.enrollmentId }, select: { id: true } })) {
    return { enrollmentId: spec.enrollmentId, workflowId, imported: false };
  }
  const { signer } = await defaultAuditKeyring();
  const catalogueRow = await prisma.catalogueVersion.findUniqueOrThrow({ where: { id: catalogueVersionId } });
  const catalogue = catalogueVersionSchema.parse(catalogueRow.content);
  const compound = await prisma.compound.findUniqueOrThrow({ where: { id: spec.compoundId } });
  const { state, startMs, windows } = importedPilotState(spec, nowMs, {
    catalogue,
    features: featuresOf(compound),
  });
  const latest = state.rounds.at(-1);
  const archives: Array<{ outcome: (typeof state.rounds)[number]; storageKey: string; contentHash: string }> =
    [];
  for (const outcome of state.rounds.filter((r) => r.archiveId)) {
    // The paper files of an imported round: what is known of it, kept like any other archive.
    const document = {
      imported: true,
      round: outcome,
      note: '本轮为系统上线前的纸质检查记录，按总体评估结果导入。',
    };
    const bytes = new TextEncoder().encode(JSON.stringify(document));
    const storageKey = `archives/${spec.enrollmentId}/${outcome.id.replaceAll(':', '_')}.json`;
    await storage.put(storageKey, bytes);
    archives.push({ outcome, storageKey, contentHash: createHash('sha256').update(bytes).digest('hex') });
  }
  await prisma.$transaction(async (tx) => {
    await tx.enrollment.create({
      data: {
        id: spec.enrollmentId,
        workflowId,
        compoundId: spec.compoundId,
        firmId: spec.firmId,
        catalogueVersionId,
        stage: state.stage.stage,
        phase: state.stage.phase,
        status: 'active',
        startDate: new Date(startMs),
        plan: jsonValue(state.plan),
        calendarVersion: state.calendar?.version ?? null,
        currentRound: state.round?.number ?? latest?.number ?? 0,
        latestScore: latest?.score ?? null,
        starRating: latest?.stars ?? null,
        enrolledById: actor.userId,
        experienceSummary:
          state.stage.stage === 'rollout'
            ? jsonValue({
                imported: true,
                rounds: state.rounds.map((r) => ({
                  number: r.number,
                  stage: r.stage,
                  score: r.score,
                  stars: r.stars,
                })),
              })
            : undefined,
        assignments: {
          create: spec.inspectorAssignments.map((a, i) => ({ userId: a.inspectorId, lead: i === 0 })),
        },
      },
    });
    for (const [index, outcome] of state.rounds.entries()) {
      const window = windows[index]!;
      await tx.round.create({
        data: {
          id: outcome.id,
          enrollmentId: spec.enrollmentId,
          number: outcome.number,
          kind: outcome.stage,
          startsAt: new Date(window.startsAt),
          endsAt: new Date(window.endsAt),
          status: outcome.archiveId ? 'archived' : 'evaluated',
          score: outcome.score,
          starRating: outcome.stars,
          complianceRate: outcome.complianceRate,
          categoryScores: jsonValue(outcome.categoryScores),
          keyAreas: outcome.keyAreas,
          passed: outcome.passed,
          assessment: jsonValue({
            reasons: outcome.reasons,
            completed: outcome.completed,
            missed: outcome.missed,
            imported: true,
          }),
          evaluatedAt: new Date(outcome.evaluatedAt),
          focusCategories: [],
        },
      });
    }
    await recordPaperInspections(tx, spec, state, windows, catalogue, nowMs);
    for (const archive of archives) {
      await tx.archive.create({
        data: {
          id: archive.outcome.archiveId!,
          enrollmentId: spec.enrollmentId,
          roundId: archive.outcome.id,
          storageKey: archive.storageKey,
          contentHash: archive.contentHash,
          index: jsonValue([{ name: 'imported', title: '导入的纸质档案', count: 1 }]),
          itemCount: 1,
          createdAt: new Date(archive.outcome.evaluatedAt),
        },
      });
    }
    if (state.round) {
      const round = state.round;
      await tx.round.create({
        data: {
          id: round.id,
          enrollmentId: spec.enrollmentId,
          number: round.number,
          kind: round.stage,
          startsAt: new Date(round.startsAt),
          endsAt: new Date(round.endsAt),
          status: 'running',
          focusCategories: round.focusCategories,
          ...(round.keyParts ? { keyParts: jsonValue(round.keyParts) } : {}),
        },
      });
      await tx.inspectionTask.createMany({
        data: round.tasks.map((task) => ({
          ...taskRow(spec.enrollmentId, round.id, task),
          status: 'scheduled',
          ...(task.scope ? { scope: jsonValue(task.scope) } : {}),
        })),
      });
    }
    if (state.promotedAt !== null) {
      await tx.compound.update({
        where: { id: spec.compoundId },
        data: { isDemonstration: true, demonstrationAt: new Date(state.promotedAt) },
      });
    }
    await appendAudit(tx, signer, {
      stream: `enrollment:${spec.enrollmentId}`,
      actorId: actor.userId,
      actorRole: actor.role,
      action: 'enrollment.import',
      entityType: 'enrollment',
      entityId: spec.enrollmentId,
      after: {
        stage: state.stage,
        rounds: state.rounds.map((r) => ({ number: r.number, score: r.score, passed: r.passed })),
      },
    });
  });
  try {
    await client.workflow.start('pilotWorkflow', {
      taskQueue,
      workflowId,
      args: [
        {
          input: {
            enrollmentId: spec.enrollmentId,
            compoundId: spec.compoundId,
            firmId: spec.firmId,
            startDate: formatLocalDate(startMs),
            inspectorAssignments: spec.inspectorAssignments,
            catalogueVersionId,
            ...(spec.planOverrides ? { planOverrides: spec.planOverrides } : {}),
            originEnrollmentId: null,
            enrolledBy: actor,
          },
          carried: state,
        },
      ],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: searchAttributes.stage, value: state.stage.stage },
        { key: searchAttributes.compoundId, value: spec.compoundId },
        { key: searchAttributes.firmId, value: spec.firmId },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return { enrollmentId: spec.enrollmentId, workflowId, imported: true };
}

const DAY_MS = 24 * 3600 * 1000;

/** A scheduled task's row, whatever became of it (the caller adds its status). */
function taskRow(enrollmentId: string, roundId: string, task: TaskState) {
  return {
    id: task.id,
    enrollmentId,
    roundId,
    key: task.key,
    kind: task.kind,
    opensAt: new Date(task.opensAt),
    dueAt: new Date(task.dueAt),
    remindAt: new Date(task.remindAt),
    missedAt: new Date(task.missedAt),
    assigneeId: task.assigneeId,
  };
}

/**
 * The inspections of a paper-era round as the checklists recorded them: each scheduled inspection
 * with its items, the compliance rate moving from the previous round's towards this round's, and a
 * rectification (opened, later closed) for every failed item. The round's own score stays the one
 * its assessment gave; these rows feed the trends the dashboards draw. The rows are gathered first
 * and written one table at a time: row by row they cost ~3 s a pilot, the start command's largest
 * step.
 */
async function recordPaperInspections(
  tx: Prisma.TransactionClient,
  spec: PilotImport,
  state: ReturnType<typeof importedPilotState>['state'],
  windows: ReturnType<typeof importedPilotState>['windows'],
  catalogue: CatalogueVersion,
  nowMs: number,
): Promise<void> {
  const rows = {
    tasks: [] as Prisma.InspectionTaskCreateManyInput[],
    results: [] as Prisma.InspectionResultCreateManyInput[],
    items: [] as Prisma.ItemResultCreateManyInput[],
    rectifications: [] as Prisma.RectificationCreateManyInput[],
    responses: [] as Prisma.RectificationResponseCreateManyInput[],
    verifications: [] as Prisma.RectificationVerificationCreateManyInput[],
    events: [] as Prisma.RectificationEventCreateManyInput[],
  };
  for (const [index, outcome] of state.rounds.entries()) {
    const window = windows[index]!;
    const focus = index > 0 ? (state.rounds[index - 1]?.keyAreas ?? []) : [];
    const round = buildRound(
      spec.enrollmentId,
      state.plan,
      window.startsAt,
      outcome.number,
      outcome.stage,
      focus,
      spec.inspectorAssignments,
    );
    const to = outcome.complianceRate ?? 0.8;
    const from = index > 0 ? (state.rounds[index - 1]!.complianceRate ?? to) : Math.max(0, to - 0.08);
    const counted = round.tasks.filter((t) => t.kind !== 'self');
    const missed = new Set(counted.slice(counted.length - outcome.missed).map((t) => t.id));
    for (const [k, task] of round.tasks.entries()) {
      const submitted = !missed.has(task.id);
      const submittedAt = new Date(Math.max(task.opensAt, task.dueAt - DAY_MS));
      rows.tasks.push({
        ...taskRow(spec.enrollmentId, round.id, task),
        status: submitted ? 'submitted' : 'missed',
        submittedAt: submitted ? submittedAt : null,
      });
      if (!submitted) continue;
      const rate = from + ((to - from) * k) / Math.max(1, round.tasks.length - 1);
      const standards = checklistFor(catalogue, task.kind, { focusCategories: round.focusCategories });
      const failEvery = rate >= 0.999 ? Number.POSITIVE_INFINITY : Math.max(1, Math.round(1 / (1 - rate)));
      const items: ItemResult[] = standards.map((standard, n) => {
        const fail = (n + k) % failEvery === failEvery - 1 && !standard.critical;
        if (standard.scoring.mode === 'graded') {
          return {
            code: standard.code,
            outcome: fail ? 'fail' : 'pass',
            score: fail ? 0 : standard.scoring.max,
            ...(fail ? { note: '纸质检查表记录不合格' } : {}),
          };
        }
        return fail
          ? { code: standard.code, outcome: 'fail', note: '纸质检查表记录不合格' }
          : { code: standard.code, outcome: 'pass' };
      });
      const score = scoreInspection(catalogue, items);
      const resultId = `${task.id}:result`;
      rows.results.push({
        id: resultId,
        taskId: task.id,
        enrollmentId: spec.enrollmentId,
        submittedById: task.assigneeId ?? `usr-${spec.firmId}`,
        catalogueVersionId: catalogue.version,
        score: score.score,
        complianceRate: score.complianceRate,
        categoryScores: jsonValue(score.categories.map((c) => ({ category: c.category, score: c.score }))),
        notes: '系统上线前的纸质检查记录（导入）',
        submittedAt,
      });
      for (const i of items) {
        rows.items.push({
          resultId,
          standardCode: i.code,
          outcome: i.outcome,
          score: i.score ?? null,
          note: i.note ?? null,
        });
      }
      for (const item of items.filter((i) => i.outcome === 'fail')) {
        const standard = standards.find((s) => s.code === item.code)!;
        const id = `${task.id}:${item.code}`;
        // The paper ledger's loop: answered two days later, verified and closed the day after — or,
        // for the last days before the import, in proportion, so history never reaches "now".
        const span = Math.min(3 * DAY_MS, Math.max(0, startOfLocalDay(nowMs) - submittedAt.getTime()));
        const respondedAt = new Date(submittedAt.getTime() + (span * 2) / 3);
        const closedAt = new Date(submittedAt.getTime() + span);
        const firmUser = `usr-${spec.firmId}`;
        const inspector = task.assigneeId ?? null;
        // A self-inspection's task is the firm's own; its findings were still closed by an inspector.
        const verifier = spec.inspectorAssignments[0]?.inspectorId ?? inspector;
        rows.rectifications.push({
          id,
          enrollmentId: spec.enrollmentId,
          roundId: round.id,
          taskId: task.id,
          standardCode: item.code,
          finding: item.note ?? '',
          severity: defaultSeverity(standard),
          critical: standard.critical,
          deadline: new Date(submittedAt.getTime() + 7 * DAY_MS),
          status: 'closed',
          openedAt: submittedAt,
          closedAt,
        });
        rows.responses.push({
          id: `${id}:response:1`,
          rectificationId: id,
          text: '已按纸质台账完成整改（系统上线前记录，导入）。',
          evidenceIds: [],
          responderId: firmUser,
          respondedAt,
        });
        rows.verifications.push({
          id: `${id}:verification:1`,
          rectificationId: id,
          verdict: 'accept',
          reason: '纸质台账已销号',
          verifierId: verifier ?? 'system',
          verifiedAt: closedAt,
        });
        rows.events.push(
          { id: `${id}:opened`, rectificationId: id, toStatus: 'open', at: submittedAt, actorId: inspector },
          {
            id: `${id}:responded`,
            rectificationId: id,
            fromStatus: 'open',
            toStatus: 'responded',
            at: respondedAt,
            actorId: firmUser,
          },
          {
            id: `${id}:closed`,
            rectificationId: id,
            fromStatus: 'responded',
            toStatus: 'closed',
            at: closedAt,
            actorId: verifier,
            note: '纸质台账已销号',
          },
        );
      }
    }
  }
  // In the order the foreign keys need.
  await tx.inspectionTask.createMany({ data: rows.tasks });
  await tx.inspectionResult.createMany({ data: rows.results });
  await tx.itemResult.createMany({ data: rows.items });
  await tx.rectification.createMany({ data: rows.rectifications });
  await tx.rectificationResponse.createMany({ data: rows.responses });
  await tx.rectificationVerification.createMany({ data: rows.verifications });
  await tx.rectificationEvent.createMany({ data: rows.events });
}
