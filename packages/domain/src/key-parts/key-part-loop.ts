// 重点部位 in the consolidation round: the places of a compound checked in a 检查 → 整改 → 提升 loop.
// A check scores every part; a part that failed gets rectifications; when the last of them closes
// the part is re-checked (复查), and its improvement is the re-check's score against the first
// failing one. Pure rules over the workflow's plain state; the workflow calls them and persists.
import { compoundKeyParts } from '../catalogue/key-parts.js';
import type { CatalogueVersion, CategoryCode, Standard } from '../catalogue/types.js';
import type { CompoundFeature } from '../compound/features.js';
import type { KeyPartOutcome, KeyPartState, TaskState } from '../contract/pilot-state.js';
import type { SnapshotKeyPart } from '../contract/pilot-snapshot.js';
import { roundTo2 } from '../scoring/percent.js';

/**
 * The compound's key parts for a consolidation round, those holding standards of the previous
 * round's weak categories first (in catalogue order within each group).
 */
export function planKeyParts(
  catalogue: Pick<CatalogueVersion, 'standards' | 'keyParts'>,
  features: readonly CompoundFeature[],
  weakCategories: readonly CategoryCode[],
): KeyPartState[] {
  const categoryOf = new Map(catalogue.standards.map((s) => [s.code, s.category]));
  const weak = new Set(weakCategories);
  const parts = compoundKeyParts(catalogue, features).map((part): KeyPartState => ({
    code: part.code,
    name: { zh: part.name.zh, en: part.name.en },
    standards: [...part.standards],
    focus: part.standards.some((code) => {
      const category = categoryOf.get(code);
      return category !== undefined && weak.has(category);
    }),
    checks: [],
    openRectifications: [],
    recheckTaskId: null,
  }));
  return [...parts.filter((p) => p.focus), ...parts.filter((p) => !p.focus)];
}

/** What a key-part check asks: every (part, standard) pair of the parts in its scope, in walking order. */
export function keyPartChecklist(
  catalogue: Pick<CatalogueVersion, 'standards'>,
  parts: ReadonlyArray<Pick<KeyPartState, 'code' | 'standards'>>,
  scope: readonly string[],
): Array<{ keyPart: string; standard: Standard }> {
  const byCode = new Map(catalogue.standards.map((s) => [s.code, s]));
  const wanted = new Set(scope);
  return parts
    .filter((part) => wanted.has(part.code))
    .flatMap((part) =>
      part.standards.flatMap((code) => {
        const standard = byCode.get(code);
        return standard ? [{ keyPart: part.code, standard }] : [];
      }),
    );
}

/**
 * Records one check of the parts in its scope (mutates `parts`): the score there, the
 * rectifications it opened, and that a re-check it fulfilled is done.
 */
export function recordKeyPartCheck(
  parts: KeyPartState[],
  check: {
    task: Pick<TaskState, 'id' | 'kind'>;
    at: number;
    scores: ReadonlyArray<{ keyPart: string; score: number | null; failed: number }>;
    opened: ReadonlyArray<{ id: string; keyPart: string }>;
  },
): void {
  for (const result of check.scores) {
    const part = parts.find((p) => p.code === result.keyPart);
    if (!part) continue;
    part.checks.push({
      taskId: check.task.id,
      kind: check.task.kind === 'recheck' ? 'recheck' : 'consolidation',
      at: check.at,
      score: result.score,
      failed: result.failed,
    });
    if (part.recheckTaskId === check.task.id) part.recheckTaskId = null;
    part.openRectifications.push(...check.opened.filter((r) => r.keyPart === part.code).map((r) => r.id));
  }
}

/**
 * A rectification of a part closed (mutates `part`); true when that was the last open one and the
 * part is to be re-checked now.
 */
export function closeKeyPartRectification(part: KeyPartState, rectificationId: string): boolean {
  const before = part.openRectifications.length;
  part.openRectifications = part.openRectifications.filter((id) => id !== rectificationId);
  return before > 0 && part.openRectifications.length === 0 && part.recheckTaskId === null;
}

/** The key for a part's next re-check task, unique in the round. */
export function recheckKey(round: number, part: KeyPartState): string {
  const seq = part.checks.filter((c) => c.kind === 'recheck').length + 1;
  return `r${round}-recheck-${part.code}-${String(seq).padStart(2, '0')}`;
}

/** Before: the first check that found problems (else the first check); after: the last re-check. */
export function keyPartOutcome(part: KeyPartState): KeyPartOutcome {
  const first = part.checks.find((c) => c.failed > 0) ?? part.checks[0];
  const rechecks = part.checks.filter((c) => c.kind === 'recheck');
  const last = rechecks.at(-1);
  const before = first?.score ?? null;
  const after = last?.score ?? null;
  return {
    code: part.code,
    name: part.name,
    before,
    after,
    improvement: before !== null && after !== null ? roundTo2(after - before) : null,
    rechecks: rechecks.length,
  };
}

/** Where a part's loop stands, for a screen. */
export function keyPartView(part: KeyPartState): SnapshotKeyPart {
  const outcome = keyPartOutcome(part);
  const last = part.checks.at(-1);
  const status: SnapshotKeyPart['status'] =
    last === undefined
      ? 'unchecked'
      : part.openRectifications.length > 0
        ? 'rectifying'
        : part.recheckTaskId !== null
          ? 'awaiting_recheck'
          : last.failed === 0 && outcome.rechecks > 0
            ? 'improved'
            : 'passed';
  return {
    code: part.code,
    name: part.name,
    standards: part.standards,
    focus: part.focus,
    status,
    before: outcome.before,
    after: outcome.after,
    openRectifications: part.openRectifications.length,
    recheckTaskId: part.recheckTaskId,
  };
}
