// What the pilot routes answer: plain JSON shapes built from the records, with the labels the UI
// shows next to the codes so it does not need its own copy of them.
import {
  auditActionLabel,
  auditEntityLabel,
  CATEGORIES,
  keyPartOutcome,
  keyPartStateSchema,
  reasonSchema,
  formatInstant,
  formatInstantOrNull,
  formatLocalDate,
  INSPECTION_KIND_LABELS,
  PHASE_LABELS,
  PHASES,
  STAGE_LABELS,
  type InspectionKind,
  type LocalizedText,
  type Phase,
} from '@pilot/domain';
import * as z from 'zod';
import type { PilotSummary, Timeline, TimelineAuditPage as TimelineAuditPageView } from './pilot.dto.js';
import type { EnrollmentRow, TimelineAuditPage, TimelineFrame } from './pilot.repository.js';

function phaseLabel(phase: string): LocalizedText | null {
  return (PHASES as readonly string[]).includes(phase) ? PHASE_LABELS[phase as Phase] : null;
}

export function pilotSummary(row: EnrollmentRow): PilotSummary {
  return {
    id: row.id,
    workflowId: row.workflowId,
    compound: {
      id: row.compound.id,
      name: row.compound.name,
      isDemonstration: row.compound.isDemonstration,
      community: { id: row.compound.community.id, name: row.compound.community.name },
    },
    firm: { id: row.firm.id, name: row.firm.name },
    stage: row.stage,
    phase: row.phase,
    stageLabel: STAGE_LABELS[row.stage],
    phaseLabel: phaseLabel(row.phase),
    status: row.status,
    paused: row.status === 'paused',
    startDate: formatLocalDate(row.startDate.getTime()),
    currentRound: row.currentRound,
    latestScore: row.latestScore,
    starRating: row.starRating,
    catalogueVersionId: row.catalogueVersionId,
    originEnrollmentId: row.originEnrollmentId,
    origin: row.origin ? { enrollmentId: row.origin.id, compoundName: row.origin.compound.name } : null,
    campaign: row.campaign ? { id: row.campaign.id, name: row.campaign.name } : null,
    inspectors: row.assignments.map((a) => ({
      id: a.user.id,
      displayName: a.user.displayName,
      lead: a.lead,
    })),
    openRectifications: row._count.rectifications,
    createdAt: formatInstant(row.createdAt),
    updatedAt: formatInstant(row.updatedAt),
  };
}

const CATEGORY_SCORES = z.array(z.object({ category: z.string(), score: z.number().nullable() }));
const KEY_PARTS = z.array(keyPartStateSchema);
const ASSESSMENT = z
  .object({ reasons: z.array(reasonSchema), completed: z.number().int(), missed: z.number().int() })
  .nullable();

/**
 * A JSON column as its shape says, or `fallback` when a row written before the shape existed does
 * not match: a list must still render.
 */
export function storedJson<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

const categoryName = new Map(CATEGORIES.map((c) => [c.code as string, c.name]));

export function categoryOf(standardCode: string): { code: string; name: LocalizedText | null } {
  const code = standardCode.split('-')[0] ?? '';
  return { code, name: categoryName.get(code) ?? null };
}

export function kindLabel(kind: InspectionKind): LocalizedText {
  return INSPECTION_KIND_LABELS[kind];
}

/** A page of the pilot's audit entries, with the words for their codes and the actors' names. */
export function timelineAuditView(page: TimelineAuditPage, nextCursor: string | null): TimelineAuditPageView {
  return {
    items: page.rows.map((a) => ({
      // The sequence is a bigint in the database; JSON has no bigint, and the UI only orders by it.
      seq: a.seq.toString(),
      at: formatInstant(a.at),
      actor: a.actorId ? { id: a.actorId, displayName: page.actors.get(a.actorId) ?? null } : null,
      actorRole: a.actorRole,
      action: a.action,
      actionLabel: auditActionLabel(a.action),
      entityType: a.entityType,
      entityLabel: auditEntityLabel(a.entityType),
      entityId: a.entityId,
    })),
    nextCursor,
  };
}

export function timelineView(frame: TimelineFrame, audit: TimelineAuditPageView): Timeline {
  return {
    rounds: frame.rounds.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      status: r.status,
      startsAt: formatInstant(r.startsAt),
      endsAt: formatInstant(r.endsAt),
      focusCategories: r.focusCategories,
      score: r.score,
      starRating: r.starRating,
      complianceRate: r.complianceRate,
      operationRate: r.operationRate,
      categoryScores: storedJson(CATEGORY_SCORES, r.categoryScores, []),
      keyAreas: r.keyAreas,
      // The round keeps its parts' loop; before / after are read from it as the workflow does.
      keyParts: storedJson(KEY_PARTS, r.keyParts, []).map(keyPartOutcome),
      passed: r.passed,
      assessment: storedJson(ASSESSMENT, r.assessment, null),
      evaluatedAt: formatInstantOrNull(r.evaluatedAt),
    })),
    archives: frame.archives.map((a) => ({
      id: a.id,
      roundId: a.roundId,
      contentHash: a.contentHash,
      itemCount: a.itemCount,
      createdAt: formatInstant(a.createdAt),
    })),
    audit,
  };
}
