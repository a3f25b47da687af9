import { adoptCalendarResultSchema, instantSchema, localizedSchema, reasonSchema } from '@pilot/domain';
import * as z from 'zod';

/*
 * Response shapes of the working-calendar routes (工作日历). A release's days are `YYYY-MM-DD`
 * local dates (Asia/Shanghai), sorted, once each.
 */

const dayListSchema = z.array(z.iso.date());
const listNames = z.object({
  holidays: dayListSchema,
  makeUpWorkdays: dayListSchema,
  localHolidays: dayListSchema,
  localMakeUpWorkdays: dayListSchema,
});

export const calendarReleaseSummarySchema = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  /** First and last year with official data. */
  firstYear: z.number().int(),
  lastYear: z.number().int(),
  source: z.string(),
  /** What a publish request must quote: the data the admin reviewed. */
  fingerprint: z.string(),
  counts: z.object({
    holidays: z.number().int(),
    makeUpWorkdays: z.number().int(),
    localHolidays: z.number().int(),
    localMakeUpWorkdays: z.number().int(),
  }),
  createdAt: instantSchema,
  createdById: z.string().nullable(),
  publishedAt: instantSchema.nullable(),
  publishedById: z.string().nullable(),
  /** True only for a draft: the one state in which its days may change. */
  editable: z.boolean(),
  /** Running pilots that follow exactly this release. */
  runningPilots: z.number().int(),
});

export const calendarReleaseDetailSchema = calendarReleaseSummarySchema.extend({
  holidays: dayListSchema,
  makeUpWorkdays: dayListSchema,
  localHolidays: dayListSchema,
  localMakeUpWorkdays: dayListSchema,
  /**
   * What this release changes compared with the one before it (for a draft: the latest published
   * one), list by list, and the years it adds; null for the first release.
   */
  changes: z
    .object({
      comparedWith: z.number().int(),
      addedYears: z.array(z.number().int()),
      added: listNames,
      removed: listNames,
    })
    .nullable(),
  /** Running pilots that follow an older release (or none) and could adopt this one, if it is published. */
  runningPilotsBehind: z.number().int(),
});

export const calendarReleaseListSchema = z.object({
  items: z.array(calendarReleaseSummarySchema),
  /** The release new pilots follow (the newest published); null before any is published. */
  latestPublished: z.number().int().nullable(),
  /** Running pilots from before releases, whose plan carries its own days (2024–2025). */
  runningPilotsWithoutRelease: z.number().int(),
});

/** One pilot asked to adopt a release: what it did, or why not. */
export const calendarAdoptionItemSchema = z.discriminatedUnion('outcome', [
  z.object({
    pilotId: z.string(),
    compound: z.object({ id: z.string(), name: z.string() }).nullable(),
    outcome: z.literal('adopted'),
    result: adoptCalendarResultSchema,
  }),
  z.object({
    pilotId: z.string(),
    compound: z.object({ id: z.string(), name: z.string() }).nullable(),
    /**
     * `unchanged`: the pilot follows it already, or it would change nothing there; `refused`: the
     * pilot may not take it (withdrawn, finished, unknown); `failed`: the workflow service did not answer.
     */
    outcome: z.enum(['unchanged', 'refused', 'failed']),
    reasons: z.array(reasonSchema),
  }),
]);

export const calendarAdoptionBatchSchema = z.object({
  version: z.number().int(),
  requested: z.number().int(),
  adopted: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  failed: z.number().int(),
  /** Tasks not yet open that moved, over all pilots. */
  movedTasks: z.number().int(),
  items: z.array(calendarAdoptionItemSchema),
});

/** The calendar a pilot follows, as its detail shows it. */
export const pilotCalendarSchema = z.object({
  /** The release the pilot follows; null for a pilot from before releases (its plan's own days). */
  version: z.number().int().nullable(),
  firstYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  source: z.string().nullable(),
  /** The release new pilots get; when it is newer, an admin may apply it to this pilot. */
  latestPublished: z.number().int().nullable(),
  behind: z.boolean(),
  label: localizedSchema,
  /** When the plan runs past the years this calendar has holidays for (code `calendar_years_missing`). */
  warning: reasonSchema.nullable(),
});

export type CalendarReleaseSummary = z.infer<typeof calendarReleaseSummarySchema>;
export type CalendarReleaseDetail = z.infer<typeof calendarReleaseDetailSchema>;
export type CalendarReleaseList = z.infer<typeof calendarReleaseListSchema>;
export type CalendarAdoptionItem = z.infer<typeof calendarAdoptionItemSchema>;
export type CalendarAdoptionBatch = z.infer<typeof calendarAdoptionBatchSchema>;
export type PilotCalendar = z.infer<typeof pilotCalendarSchema>;
