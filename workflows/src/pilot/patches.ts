// Patch ids: every change to the command sequence of a running pilot goes behind one, and the
// committed histories (test/histories) must still replay (see replay.test.ts). Never rename one.
export const PATCH_CONCENTRATED_DONE_FIRST = 'concentrated-done-before-self-closed';
export const PATCH_COMPRESSED_START_NOW = 'compressed-plan-starts-now';
export const PATCH_REJECT_FULL_PERIOD = 'rejection-earns-full-period';
/** Round 1's monthly and quarterly checks open after the concentrated inspection, not on day one. */
export const PATCH_SPECIAL_AFTER_OPENING = 'special-checks-after-opening';
/** Each run reads the compound's features: standards that do not apply are 不适用. */
export const PATCH_COMPOUND_FEATURES = 'compound-features';
/** Consolidation rounds check key parts as places, each in a check → rectify → re-check loop. */
export const PATCH_KEY_PARTS = 'key-parts-as-places';
/** 规范操作执行率 is measured over staff-operation items and judges promotion. */
export const PATCH_OPERATION_RATE = 'operation-rate';
/** The catalogue comes by reference (id + fingerprint) and is shared, not copied into every run. */
export const PATCH_CATALOGUE_BY_REFERENCE = 'catalogue-by-reference';
/** Each pilot wakes a fixed offset after its due times (plan.wakeSpreadMinutes), not all at once. */
export const PATCH_SPREAD_WAKEUPS = 'spread-wake-ups';
/** Timer-driven writes go to the scheduled-work queue instead of the pilot's own. */
export const PATCH_SCHEDULED_WORK_QUEUE = 'scheduled-work-queue';
/**
 * Calendars are published releases: a new pilot follows one (the shipped release 1 when it is told
 * none), and an enrolment's calendar days add to the release's instead of replacing the lists.
 */
export const PATCH_CALENDAR_RELEASES = 'calendar-releases';
/** A running pilot adopts a newer calendar release (adoptCalendar); work not yet open moves. */
export const PATCH_ADOPT_CALENDAR = 'adopt-calendar';
