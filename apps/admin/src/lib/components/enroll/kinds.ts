import type { InspectionKind } from '$lib/api/pilot-types';

/** Inspection kinds in the order a round runs them: 自查 → 集中 → 周 → 月 → 季 → 巩固. */
export const INSPECTION_KIND_ORDER: readonly InspectionKind[] = [
  'self',
  'concentrated',
  'weekly',
  'monthly',
  'quarterly',
  'consolidation',
];
