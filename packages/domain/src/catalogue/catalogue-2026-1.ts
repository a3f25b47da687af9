import { deepFreeze } from '../shared/deep-freeze.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import type { CatalogueVersion, Standard } from './schema.js';
import {
  INTERIM_CONTROL_2026_1,
  KEY_PARTS_2026_1,
  REQUIRES_2026_1,
  STAFF_OPERATION_2026_1,
} from './standards-2026-1/applicability.js';
import { REVISIONS_2026_1 } from './standards-2026-1/revisions.js';

function revised(standard: Standard): Standard {
  const interimControl = INTERIM_CONTROL_2026_1[standard.code];
  return {
    ...standard,
    ...REVISIONS_2026_1[standard.code],
    requires: [...(REQUIRES_2026_1[standard.code] ?? [])],
    staffOperation: STAFF_OPERATION_2026_1.has(standard.code),
    ...(interimControl ? { interimControl } : {}),
  };
}

/**
 * The 2026 revision: 2024.1's 8 categories, 107 standards and 35-item weekly checklist under the
 * same codes, with the corrections of standards-2026-1/revisions.ts, and, for every standard, where
 * it applies, whether it is a staff-operation item and, where it fits, its interim control, plus
 * the key parts. Effective from 2026-01-01 00:00 Asia/Shanghai. Pilots that started on 2024.1 keep
 * it: a pilot records the version it was enrolled with.
 */
export const CATALOGUE_2026_1: CatalogueVersion = deepFreeze({
  version: '2026.1',
  title: '物业企业激励评价工作标准（2026年修订版）',
  effectiveFrom: 1767196800000,
  categories: DEFAULT_CATALOGUE.categories.map((category) => ({ ...category })),
  standards: DEFAULT_CATALOGUE.standards.map(revised),
  weeklyChecklist: [...DEFAULT_CATALOGUE.weeklyChecklist],
  keyParts: KEY_PARTS_2026_1.map((part) => ({ ...part })),
});
