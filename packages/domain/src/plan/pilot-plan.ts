import { CN_WORKING_CALENDAR_2024_2025 } from '../calendar/china-holidays.js';
import { DEFAULT_RECTIFICATION_WORKING_DAYS, type Severity } from '../calendar/rectification-deadline.js';
import type { ShiftDirection, WorkingCalendar } from '../calendar/working-days.js';
import type { InspectionKind } from '../catalogue/types.js';
import { DEFAULT_KEY_AREA_COUNT } from '../scoring/key-areas.js';
import { DEFAULT_KIND_WEIGHTS } from '../scoring/round-score.js';
import {
  DEFAULT_THRESHOLDS,
  type AssessmentRules,
  type AssessmentThresholds,
  type DemonstrationThreshold,
  type StageThreshold,
} from '../scoring/stage-assessment.js';
import { DEFAULT_CRITICAL_CAP_STARS, DEFAULT_STAR_BANDS, type StarBand } from '../scoring/star-rating.js';
import { deepFreeze } from '../shared/deep-freeze.js';

/**
 * Every duration, threshold and calendar rule of one pilot. Enrolment fixes a plan; schedules,
 * deadlines and assessments read it instead of constants so a county can tune the pilot and tests
 * can compress it with `timeScale`.
 */
export interface PilotPlan extends AssessmentRules {
  /** Local days the firm has for 自查自纠, counting the start day as day 1. */
  selfInspectionDays: number;
  /** The concentrated inspection is held this many local days after the start day. */
  concentratedInspectionOffsetDays: number;
  /** Length of every inspection round in calendar months. */
  roundMonths: number;
  /** Local days between the end of the improvement round and the start of consolidation (建档建册). */
  archivingDays: number;
  /** The quarterly inspection is due this many days before the round's last day. */
  quarterlyLeadDays: number;
  /** A reminder goes out this long before a task is due. */
  reminderLeadHours: number;
  /** A task not done this long after it was due is marked missed (never later than the round end). */
  graceHours: number;
  rectificationWorkingDays: Record<Severity, number>;
  calendar: WorkingCalendar;
  /**
   * Where a due day on a rest day moves. Inspectors' tasks move earlier so they stay inside their
   * week or month; the firm's self-inspection and the concentrated inspection move later so the firm
   * keeps its full preparation time.
   */
  dueDayShift: Record<InspectionKind, ShiftDirection>;
  kindWeights: Record<InspectionKind, number>;
  /** Number of weakest categories treated as key areas (重点部位) in a consolidation round. */
  keyAreaCount: number;
  /**
   * Compression factor: every offset from a schedule's start is divided by it, so with 10 000 a
   * three-month round lasts about 13 minutes. 1 means real time. Calendar logic is unaffected.
   */
  timeScale: number;
}

export const DEFAULT_PLAN: PilotPlan = deepFreeze({
  selfInspectionDays: 7,
  concentratedInspectionOffsetDays: 10,
  roundMonths: 3,
  archivingDays: 7,
  quarterlyLeadDays: 5,
  reminderLeadHours: 24,
  graceHours: 48,
  rectificationWorkingDays: { ...DEFAULT_RECTIFICATION_WORKING_DAYS },
  calendar: {
    weekendDays: [...CN_WORKING_CALENDAR_2024_2025.weekendDays],
    holidays: [...CN_WORKING_CALENDAR_2024_2025.holidays],
    makeUpWorkdays: [...CN_WORKING_CALENDAR_2024_2025.makeUpWorkdays],
  },
  dueDayShift: {
    self: 'next',
    concentrated: 'next',
    weekly: 'previous',
    monthly: 'previous',
    quarterly: 'previous',
    consolidation: 'previous',
  },
  kindWeights: { ...DEFAULT_KIND_WEIGHTS },
  keyAreaCount: DEFAULT_KEY_AREA_COUNT,
  timeScale: 1,
  starBands: DEFAULT_STAR_BANDS.map((band) => ({ ...band })),
  criticalCapStars: DEFAULT_CRITICAL_CAP_STARS,
  thresholds: {
    improvement: { ...DEFAULT_THRESHOLDS.improvement },
    consolidation: { ...DEFAULT_THRESHOLDS.consolidation },
    demonstration: { ...DEFAULT_THRESHOLDS.demonstration },
  },
});

/** Changes to the default plan an enrolment may ask for; nested records merge key by key. */
export interface PlanOverrides {
  selfInspectionDays?: number;
  concentratedInspectionOffsetDays?: number;
  roundMonths?: number;
  archivingDays?: number;
  quarterlyLeadDays?: number;
  reminderLeadHours?: number;
  graceHours?: number;
  rectificationWorkingDays?: Partial<Record<Severity, number>>;
  calendar?: Partial<WorkingCalendar>;
  dueDayShift?: Partial<Record<InspectionKind, ShiftDirection>>;
  kindWeights?: Partial<Record<InspectionKind, number>>;
  keyAreaCount?: number;
  timeScale?: number;
  starBands?: StarBand[];
  criticalCapStars?: number;
  thresholds?: {
    improvement?: Partial<StageThreshold>;
    consolidation?: Partial<StageThreshold>;
    demonstration?: Partial<DemonstrationThreshold>;
  };
}

function defined<T extends object>(partial: T | undefined): Partial<T> {
  if (!partial) return {};
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A complete, independent plan: the base (default plan unless given) with the overrides applied. */
export function resolvePlan(overrides: PlanOverrides = {}, base: PilotPlan = DEFAULT_PLAN): PilotPlan {
  const top = defined(overrides);
  const thresholds: AssessmentThresholds = {
    improvement: { ...base.thresholds.improvement, ...defined(overrides.thresholds?.improvement) },
    consolidation: { ...base.thresholds.consolidation, ...defined(overrides.thresholds?.consolidation) },
    demonstration: { ...base.thresholds.demonstration, ...defined(overrides.thresholds?.demonstration) },
  };
  const calendar = { ...base.calendar, ...defined(overrides.calendar) };
  return {
    ...base,
    ...top,
    rectificationWorkingDays: {
      ...base.rectificationWorkingDays,
      ...defined(overrides.rectificationWorkingDays),
    },
    calendar: {
      weekendDays: [...calendar.weekendDays],
      holidays: [...calendar.holidays],
      makeUpWorkdays: [...calendar.makeUpWorkdays],
    },
    dueDayShift: { ...base.dueDayShift, ...defined(overrides.dueDayShift) },
    kindWeights: { ...base.kindWeights, ...defined(overrides.kindWeights) },
    starBands: (overrides.starBands ?? base.starBands).map((band) => ({ ...band })),
    thresholds,
  };
}
