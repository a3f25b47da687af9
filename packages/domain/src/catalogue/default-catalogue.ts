import { CATEGORIES } from './categories.js';
import { GENERAL_MANAGEMENT_STANDARDS } from './standards/a-general-management.js';
import { BUILDING_MAINTENANCE_STANDARDS } from './standards/b-building-maintenance.js';
import { SHARED_FACILITIES_STANDARDS } from './standards/c-shared-facilities.js';
import { PUBLIC_ORDER_STANDARDS } from './standards/d-public-order.js';
import { FIRE_SAFETY_STANDARDS } from './standards/e-fire-safety.js';
import { SANITATION_STANDARDS } from './standards/f-sanitation.js';
import { LANDSCAPING_STANDARDS } from './standards/g-landscaping.js';
import { CUSTOMER_COMMUNITY_STANDARDS } from './standards/h-customer-community.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import type { CatalogueVersion } from './types.js';
import { WEEKLY_CHECKLIST_CODES } from './weekly-checklist.js';

/**
 * The pilot's first catalogue version: 8 categories, 107 standards, a 35-item weekly checklist.
 * Effective from 2024-01-01 00:00 Asia/Shanghai (written as epoch ms so the data needs no clock).
 */
export const DEFAULT_CATALOGUE: CatalogueVersion = deepFreeze({
  version: '2024.1',
  title: '物业企业激励评价工作标准（试点版）',
  effectiveFrom: 1704038400000,
  categories: CATEGORIES,
  standards: [
    ...GENERAL_MANAGEMENT_STANDARDS,
    ...BUILDING_MAINTENANCE_STANDARDS,
    ...SHARED_FACILITIES_STANDARDS,
    ...PUBLIC_ORDER_STANDARDS,
    ...FIRE_SAFETY_STANDARDS,
    ...SANITATION_STANDARDS,
    ...LANDSCAPING_STANDARDS,
    ...CUSTOMER_COMMUNITY_STANDARDS,
  ],
  weeklyChecklist: WEEKLY_CHECKLIST_CODES,
});
