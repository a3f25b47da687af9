import type { LocalizedText } from './schema.js';

export const CATEGORY_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

/**
 * Kinds of inspection: the firm's self-inspection (自查), the opening concentrated inspection
 * (集中检查), the working group's weekly / monthly / quarterly special inspections (周、月、季专项检查)
 * the consolidation-round inspection of key parts (重点部位巩固检查), and the re-check of one key
 * part after its rectifications closed (重点部位复查). No standard lists `recheck` among its kinds: a
 * re-check covers the standards of the key part it revisits.
 */
export const INSPECTION_KINDS = [
  'self',
  'concentrated',
  'weekly',
  'monthly',
  'quarterly',
  'consolidation',
  'recheck',
] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const EVIDENCE_KINDS = ['photo', 'record', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Cross-cutting subjects the article singles out; tagging standards with them lets the catalogue
 * prove it covers trace records (痕迹化管理), signage and the weekly checklist's named subjects.
 */
export const STANDARD_TOPICS = [
  'archives',
  'special_equipment',
  'fire_control_room',
  'acceptance_record',
  'operation_record',
  'patrol_record',
  'visitor_record',
  'equipment_record',
  'signage',
  'rules_posted',
  'equipment_owner',
  'ev_charging',
] as const;
export type StandardTopic = (typeof STANDARD_TOPICS)[number];

/**
 * snake_case code of a key part (重点部位), e.g. `fire_control_room`; stable across versions because
 * inspection items and rectifications refer to it.
 */
export const KEY_PART_CODE_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

// The shapes are declared once, as schemas; these are their inferred types under the old names.
export type { CatalogueVersion, Category, KeyPart, LocalizedText, ScoringRule, Standard } from './schema.js';

export const INSPECTION_KIND_LABELS: Readonly<Record<InspectionKind, LocalizedText>> = {
  self: { zh: '企业自查', en: 'Self-inspection' },
  concentrated: { zh: '集中检查', en: 'Concentrated inspection' },
  weekly: { zh: '周检查', en: 'Weekly inspection' },
  monthly: { zh: '月度专项检查', en: 'Monthly special inspection' },
  quarterly: { zh: '季度专项检查', en: 'Quarterly special inspection' },
  consolidation: { zh: '重点部位巩固检查', en: 'Key-part consolidation check' },
  recheck: { zh: '重点部位复查', en: 'Key-part re-check' },
};
