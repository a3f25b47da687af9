import * as z from 'zod';
import { withLocalAdjustments, type CalendarYears } from '../calendar/calendar-release.js';
import {
  CN_CALENDAR_YEARS,
  CN_WORKING_CALENDAR_2024_2025,
  CN_WORKING_CALENDAR_2024_2026,
} from '../calendar/china-holidays.js';
import { DEFAULT_RECTIFICATION_WORKING_DAYS } from '../calendar/rectification-deadline.js';
import { SHIFT_DIRECTIONS, workingCalendarSchema } from '../calendar/working-days.js';
import { DEFAULT_KEY_AREA_COUNT } from '../scoring/key-areas.js';
import { DEFAULT_KIND_WEIGHTS } from '../scoring/round-score.js';
import {
  DEFAULT_THRESHOLDS,
  assessmentThresholdsSchema,
  demonstrationThresholdSchema,
  stageThresholdSchema,
  type AssessmentThresholds,
} from '../scoring/stage-assessment.js';
import { DEFAULT_CRITICAL_CAP_STARS, DEFAULT_STAR_BANDS, starBandSchema } from '../scoring/star-rating.js';
import { inspectionKindSchema, severitySchema } from '../schemas/enums.js';
import { deepFreeze } from '../shared/deep-freeze.js';

/**
 * Every duration, threshold and calendar rule of one pilot. Enrolment fixes a plan; schedules,
 * deadlines and assessments read it instead of constants so a county can tune the pilot and tests
 * can compress it with `timeScale`.
 */
export const pilotPlanSchema = z.object({
  /** Local days the firm has for 自查自纠, counting the start day as day 1. */
  selfInspectionDays: z.number(),
  /** The concentrated inspection is held this many local days after the start day. */
  concentratedInspectionOffsetDays: z.number(),
  /** Length of every inspection round in calendar months. */
  roundMonths: z.number(),
  /** Local days between the end of the improvement round and the start of consolidation (建档建册). */
  archivingDays: z.number(),
  /** The quarterly inspection is due this many days before the round's last day. */
  quarterlyLeadDays: z.number(),
  /** A reminder goes out this long before a task is due. */
  reminderLeadHours: z.number(),
  /** A task not done this long after it was due is marked missed (never later than the round end). */
  graceHours: z.number(),
  /**
   * Pilots enrolled on one day share every due time; each wakes this many minutes after them at
   * most (a fixed offset from its id, see wake-spread.ts), so a county's pilots do not all wake in
   * one second. Due times themselves never move.
   */
  wakeSpreadMinutes: z.number(),
  rectificationWorkingDays: z.record(severitySchema, z.number()),
  /**
   * Working days a firm has for the actual fix once a critical hazard is controlled (已管控), e.g.
   * until the lift's periodic inspection is done; the critical one-day deadline stops at control.
   */
  controlledFixWorkingDays: z.number(),
  /** A key part whose rectifications all closed is re-checked (复查) within this many working days. */
  recheckWorkingDays: z.number(),
  calendar: workingCalendarSchema,
  /**
   * Where a due day on a rest day moves. Inspectors' tasks move earlier so they stay inside their
   * week or month; the firm's self-inspection and the concentrated inspection move later so the firm
   * keeps its full preparation time.
   */
  dueDayShift: z.record(inspectionKindSchema, z.enum(SHIFT_DIRECTIONS)),
  kindWeights: z.record(inspectionKindSchema, z.number()),
  /** Number of weakest categories whose key parts a consolidation round checks first (重点部位). */
  keyAreaCount: z.number(),
  /**
   * Compression factor: every offset from a schedule's start is divided by it, so with 10 000 a
   * three-month round lasts about 13 minutes. 1 means real time. Calendar logic is unaffected.
   */
  timeScale: z.number(),
  starBands: z.array(starBandSchema),
  criticalCapStars: z.number(),
  thresholds: assessmentThresholdsSchema,
});
export type PilotPlan = z.infer<typeof pilotPlanSchema>;

export const DEFAULT_PLAN: PilotPlan = deepFreeze({
  selfInspectionDays: 7,
  concentratedInspectionOffsetDays: 10,
  roundMonths: 3,
  archivingDays: 7,
  quarterlyLeadDays: 5,
  reminderLeadHours: 24,
  graceHours: 48,
  wakeSpreadMinutes: 30,
  rectificationWorkingDays: { ...DEFAULT_RECTIFICATION_WORKING_DAYS },
  controlledFixWorkingDays: 20,
  recheckWorkingDays: 5,
  // The official days of every year the code ships (DEFAULT_PLAN_CALENDAR_YEARS), i.e. calendar
  // release 1; an enrolment under a later release gets that release's days instead (calendar-plan.ts).
  calendar: {
    weekendDays: [...CN_WORKING_CALENDAR_2024_2026.weekendDays],
    holidays: [...CN_WORKING_CALENDAR_2024_2026.holidays],
    makeUpWorkdays: [...CN_WORKING_CALENDAR_2024_2026.makeUpWorkdays],
  },
  dueDayShift: {
    self: 'next',
    concentrated: 'next',
    weekly: 'previous',
    monthly: 'previous',
    quarterly: 'previous',
    consolidation: 'previous',
    recheck: 'previous',
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

/** The years the default plan's calendar has official holidays for: 2024–2026. */
export const DEFAULT_PLAN_CALENDAR_YEARS: CalendarYears = deepFreeze({ ...CN_CALENDAR_YEARS });

/**
 * The calendar the default plan had before calendars were releases (2024 and 2025 only), and before
 * an enrolment's calendar override added to it instead of replacing it. Pilots enrolled then replay
 * their first run with it (see resolveLegacyPlan); nothing new uses it.
 */
export const LEGACY_PLAN_CALENDAR = deepFreeze({
  weekendDays: [...CN_WORKING_CALENDAR_2024_2025.weekendDays],
  holidays: [...CN_WORKING_CALENDAR_2024_2025.holidays],
  makeUpWorkdays: [...CN_WORKING_CALENDAR_2024_2025.makeUpWorkdays],
});

/**
 * Changes to the default plan an enrolment may ask for; nested records merge key by key. Its
 * `calendar` lists are local adjustments: they add to the official days (withLocalAdjustments),
 * they never replace them; `weekendDays` replaces the rest weekdays.
 */
export const planOverridesSchema = pilotPlanSchema
  .extend({
    rectificationWorkingDays: z.partialRecord(severitySchema, z.number()),
    calendar: workingCalendarSchema.partial(),
    dueDayShift: z.partialRecord(inspectionKindSchema, z.enum(SHIFT_DIRECTIONS)),
    kindWeights: z.partialRecord(inspectionKindSchema, z.number()),
    thresholds: z.object({
      improvement: stageThresholdSchema.partial().optional(),
      consolidation: stageThresholdSchema.partial().optional(),
      demonstration: demonstrationThresholdSchema.partial().optional(),
    }),
  })
  .partial();
export type PlanOverrides = z.infer<typeof planOverridesSchema>;

function defined<T extends object>(partial: T | undefined): Partial<T> {
  if (!partial) return {};
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * The plan a running pilot carries, completed with today's defaults for settings added since it
 * was enrolled (e.g. the re-check period); what the plan has stays as it is — its calendar too,
 * which only an adopted release changes.
 */
export function completePlan(carried: PlanOverrides): PilotPlan {
  return mergePlan(carried, DEFAULT_PLAN, 'replace');
}

/**
 * A complete, independent plan: the base (default plan unless given) with the overrides applied.
 * The overrides' holidays and make-up days are added to the base's (local adjustments).
 */
export function resolvePlan(overrides: PlanOverrides = {}, base: PilotPlan = DEFAULT_PLAN): PilotPlan {
  return mergePlan(overrides, base, 'add');
}

/**
 * The plan exactly as enrolment computed it before calendars were releases: the 2024–2025 default
 * calendar, which an override's lists replaced. Only the replay of those pilots' first runs needs it.
 */
export function resolveLegacyPlan(overrides: PlanOverrides = {}): PilotPlan {
  return mergePlan(overrides, { ...DEFAULT_PLAN, calendar: LEGACY_PLAN_CALENDAR }, 'replace');
}

function mergePlan(overrides: PlanOverrides, base: PilotPlan, calendarRule: 'add' | 'replace'): PilotPlan {
  const top = defined(overrides);
  const thresholds: AssessmentThresholds = {
    improvement: { ...base.thresholds.improvement, ...defined(overrides.thresholds?.improvement) },
    consolidation: { ...base.thresholds.consolidation, ...defined(overrides.thresholds?.consolidation) },
    demonstration: { ...base.thresholds.demonstration, ...defined(overrides.thresholds?.demonstration) },
  };
  const local = defined(overrides.calendar);
  const calendar =
    calendarRule === 'replace'
      ? { ...base.calendar, ...local }
      : {
          weekendDays: local.weekendDays ?? base.calendar.weekendDays,
          ...withLocalAdjustments(base.calendar, local),
        };
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
