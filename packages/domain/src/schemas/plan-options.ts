import * as z from 'zod';
import { resolvePlan } from '../plan/pilot-plan.js';
import { validatePlan } from '../plan/validate-plan.js';
import { localDateSchema } from './common.js';
import { localizedParams, pathSegments } from './custom-issue.js';

const wholeDays = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * The plan settings a coordinator may change when enrolling a pilot. The shape matches
 * PlanOverrides, so the parsed value can go straight into resolvePlan; the combined plan is then
 * checked with validatePlan so cross-field rules (e.g. the concentrated inspection after the
 * self-inspection) are reported on the right field.
 */
export const planOptionsSchema = z
  .object({
    selfInspectionDays: wholeDays(1, 30).optional(),
    concentratedInspectionOffsetDays: wholeDays(1, 60).optional(),
    roundMonths: wholeDays(1, 12).optional(),
    archivingDays: wholeDays(0, 60).optional(),
    quarterlyLeadDays: wholeDays(0, 27).optional(),
    reminderLeadHours: z
      .number()
      .min(0)
      .max(24 * 14)
      .optional(),
    graceHours: z
      .number()
      .min(0)
      .max(24 * 30)
      .optional(),
    rectificationWorkingDays: z
      .object({
        minor: wholeDays(1, 60).optional(),
        major: wholeDays(1, 60).optional(),
        critical: wholeDays(1, 60).optional(),
      })
      .optional(),
    // Local adjustments: these days are added to the official calendar the pilot follows.
    calendar: z
      .object({
        weekendDays: z.array(z.number().int().min(0).max(6)).max(6).optional(),
        holidays: z.array(localDateSchema).max(400).optional(),
        makeUpWorkdays: z.array(localDateSchema).max(100).optional(),
      })
      .optional(),
    keyAreaCount: wholeDays(1, 8).optional(),
    wakeSpreadMinutes: z.number().int().min(0).max(120).optional(),
    timeScale: z.number().min(1).max(10_000_000).optional(),
  })
  .superRefine((options, ctx) => {
    // Field checks already reported some of these (e.g. an impossible date); say it once.
    const reported = new Set(ctx.issues.map((issue) => (issue.path ?? []).map(String).join('.')));
    // Added to the official days, a local day off and a local working day on the same date would
    // cancel out without a word; say so instead.
    const off = new Set(options.calendar?.holidays ?? []);
    const both = [...new Set(options.calendar?.makeUpWorkdays ?? [])].filter((day) => off.has(day));
    if (both.length > 0) {
      reported.add('calendar.makeUpWorkdays');
      ctx.addIssue({
        code: 'custom',
        path: ['calendar', 'makeUpWorkdays'],
        params: localizedParams(
          `${both.join('、')} 不能既是本地休息日又是本地调休工作日。`,
          `${both.join(', ')} cannot be both a local day off and a local working day.`,
        ),
      });
    }
    for (const found of validatePlan(resolvePlan(options))) {
      if (reported.has(found.path)) continue;
      // The merged plan lists the official days too, sorted: an index there is not the form's.
      // The form's own dates are checked field by field above.
      if (/^calendar\.(holidays|makeUpWorkdays)\.\d+$/.test(found.path)) continue;
      ctx.addIssue({
        code: 'custom',
        path: pathSegments(found.path),
        params: localizedParams(found.zh, found.en),
      });
    }
  });

export type PlanOptionsInput = z.infer<typeof planOptionsSchema>;
