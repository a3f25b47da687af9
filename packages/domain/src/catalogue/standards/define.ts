import { INSPECTION_KINDS, type InspectionKind, type ScoringRule } from '../types.js';

/**
 * Every standard is checked by the firm's self-inspection, the concentrated inspection and the
 * round-closing quarterly inspection, which are full-scope by design; `extra` adds the kinds that
 * look at it more often. The result is in canonical kind order so data stays diff-friendly.
 */
export function usedBy(...extra: InspectionKind[]): InspectionKind[] {
  const wanted = new Set<InspectionKind>(['self', 'concentrated', 'quarterly', ...extra]);
  return INSPECTION_KINDS.filter((kind) => wanted.has(kind));
}

export const BINARY: ScoringRule = { mode: 'binary' };

/** Graded on a 0..max scale, e.g. 5 for an inspector's 5-point judgement, 10 for a sampled rate. */
export function graded(max: number): ScoringRule {
  return { mode: 'graded', max };
}
