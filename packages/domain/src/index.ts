/**
 * @pilot/domain — pure rules of the property-firm incentive-evaluation pilot (物业企业激励评价机制).
 * No I/O, no clock, no randomness: everything here is safe inside Temporal workflow code.
 */

// shared
export * from './shared/reason.js';
export { deepFreeze } from './shared/deep-freeze.js';

// catalogue
export * from './catalogue/types.js';
export {
  catalogueVersionSchema,
  keyPartSchema,
  localizedTextSchema,
  scoringRuleSchema,
} from './catalogue/schema.js';
export { CATEGORIES } from './catalogue/categories.js';
export { WEEKLY_CHECKLIST_CODES } from './catalogue/weekly-checklist.js';
export { DEFAULT_CATALOGUE } from './catalogue/default-catalogue.js';
export { CATALOGUE_2026_1 } from './catalogue/catalogue-2026-1.js';
export { PUBLISHED_CATALOGUES } from './catalogue/published-catalogues.js';
export * from './catalogue/catalogue-ref.js';
export { CATALOGUE_SHAPE, STANDARD_CODE_PATTERN, validateCatalogue } from './catalogue/validate-catalogue.js';
export {
  checklistFor,
  notApplicableFor,
  type ChecklistOptions,
  type NotApplicable,
} from './catalogue/checklist.js';
export {
  applies,
  interimControlOf,
  isStaffOperation,
  missingFeatures,
  requirementsOf,
  type ApplicabilityFields,
} from './catalogue/applicability.js';
export { compoundKeyParts, keyPartsOf, type KeyPartSource } from './catalogue/key-parts.js';
export { canonicalJson, catalogueFingerprint, fnv1a64 } from './catalogue/fingerprint.js';

// compounds
export * from './compound/features.js';

// firms
export * from './firm/credit-code.js';
export * from './master-data/csv.js';
export * from './master-data/import-sheets.js';
export * from './schemas/firm.js';
export * from './schemas/contact.js';
export * from './schemas/master-data.js';

// calendar
export * from './calendar/time-units.js';
export * from './calendar/shanghai.js';
export * from './calendar/working-days.js';
export * from './calendar/china-holidays.js';
export * from './calendar/calendar-release.js';
export * from './calendar/round-window.js';
export * from './calendar/due-dates.js';
export * from './calendar/rectification-deadline.js';

// scoring
export * from './scoring/types.js';
export { percentOf, ratioOf, roundTo2 } from './scoring/percent.js';
export { scoreInspection } from './scoring/inspection-score.js';
export * from './scoring/key-part-score.js';
export * from './scoring/round-score.js';
export * from './scoring/star-rating.js';
export * from './scoring/key-areas.js';
export * from './scoring/stage-assessment.js';
export * from './scoring/demonstration.js';
export { defaultSeverity } from './scoring/severity.js';

// plan and schedule
export * from './plan/pilot-plan.js';
export { validatePlan } from './plan/validate-plan.js';
export * from './plan/time-scale.js';
export { wakeOffsetMs } from './plan/wake-spread.js';
export * from './plan/schedule.js';
export * from './plan/deadlines.js';
export * from './plan/calendar-plan.js';

// what a task asks
export * from './inspection/task-checklist.js';

// key parts (重点部位) of the consolidation round
export * from './key-parts/key-part-loop.js';

// stages
export * from './stages/types.js';
export * from './stages/events.js';
export * from './stages/transitions.js';
export * from './stages/machine.js';

// labels
export * from './labels/index.js';

// the governance closed loop: matters (事项) from residents, patrols and meetings
export * from './matters/index.js';
export * from './governance/index.js';
// 痕迹化管理: the register, the logbooks, their due work and what inspectors see of them
export * from './traces/index.js';

// the contract between workflows, activities, the API and the UI
export * from './contract/index.js';

// input schemas
export { FIELD_LABELS, ROOT_LABEL } from './schemas/field-labels.js';
export { localizedParams, type LocalizedIssueParams } from './schemas/custom-issue.js';
export * from './schemas/common.js';
export * from './schemas/plan-options.js';
export * from './schemas/catalogue-version.js';
export * from './schemas/commands.js';
export * from './schemas/password-policy.js';
export * from './schemas/queries.js';
export * from './schemas/cursor.js';
export * from './schemas/admin.js';
export * from './schemas/printing.js';
export * from './schemas/notices.js';
export * from './schemas/registry.js';
export * from './schemas/matters.js';
export * from './schemas/governance.js';
export * from './schemas/residents.js';
export * from './schemas/incentives.js';
export * from './schemas/parse-input.js';
export * from './incentives/evaluation.js';
export * from './incentives/cases.js';
export * from './incentives/lists.js';
export * from './incentives/periods.js';
export * from './incentives/facts.js';
// 全面推广 campaigns and their workload forecast
export * from './incentives/campaigns.js';
